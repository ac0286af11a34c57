#!/usr/bin/env bash
# Builds GmgBot's Teams app package: fills manifest.template.json from settings, adds the icons,
# zips manifest.json + color.png + outline.png at the zip root, and validates the result offline.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

MANIFEST_DIR="$GMGBOT_ROOT/manifest"

usage() {
  cat <<EOF
Usage: manifest/build-package.sh [--env-file FILE] [--out PACKAGE.zip] [SETTING FLAGS]

Fills manifest/manifest.template.json (Teams manifest v1.30) from settings, packs it with
manifest/icons/color.png and outline.png, and validates the zip with manifest/validate.mjs.

Options:
  --env-file FILE     read settings from FILE (NAME=VALUE lines); variables already set in the
                      environment win over the file; flags win over both
  --out PACKAGE.zip   where to write the package (default: artifacts/gmgbot-teams-app.zip)
  -h, --help          show this help

Settings (environment variable / flag):
$(node "$MANIFEST_DIR/fill-manifest.mjs" --settings-help 2>/dev/null || echo "  (run 'npm ci' and install Node.js to list them)")

Example (the sample settings used by CI):
  bash manifest/build-package.sh --env-file manifest/sample.env

Needs: node (>= 20.15) with 'npm ci' run at the repository root, and zip.
Exit code: 0 when the package was built and is valid, 1 otherwise.
EOF
}

out="$GMGBOT_ROOT/artifacts/gmgbot-teams-app.zip"
fill_args=()
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --env-file) (($# >= 2)) || die "--env-file needs a file"; load_env_file "$2"; shift 2 ;;
    --env-file=*) load_env_file "${1#*=}"; shift ;;
    --out) (($# >= 2)) || die "--out needs a path"; out="$2"; shift 2 ;;
    --out=*) out="${1#*=}"; shift ;;
    --*=*) fill_args+=("$1"); shift ;;
    --*) (($# >= 2)) || die "$1 needs a value (see --help)"; fill_args+=("$1" "$2"); shift 2 ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done

need_tool node "Install Node.js 20.15 or later."
need_tool zip "Install it with your package manager (e.g. apt-get install zip)."
[[ -d "$GMGBOT_ROOT/node_modules/@microsoft/app-manifest" ]] ||
  die "the npm package @microsoft/app-manifest is not installed: run 'npm ci' at $GMGBOT_ROOT."
for icon in color.png outline.png; do
  [[ -f "$MANIFEST_DIR/icons/$icon" ]] ||
    die "manifest/icons/$icon is missing: generate the icons with 'dotnet run manifest/make-icons.cs'."
done

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

node "$MANIFEST_DIR/fill-manifest.mjs" --out "$staging/manifest.json" "${fill_args[@]+"${fill_args[@]}"}"
cp "$MANIFEST_DIR/icons/color.png" "$MANIFEST_DIR/icons/outline.png" "$staging/"

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
rm -f "$out"
# -X: no extra file attributes; -D: no directory entries. Files sit at the zip root, as Teams requires.
(cd "$staging" && zip -q -X -D "$out" manifest.json color.png outline.png)

node "$MANIFEST_DIR/validate.mjs" "$out"
info "Teams app package written to $out"
