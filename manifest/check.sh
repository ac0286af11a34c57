#!/usr/bin/env bash
# CI check for the Teams app package: rebuilds the icons and compares them with the committed ones,
# builds the package from manifest/sample.env, validates it offline against the official schema,
# and runs the validator's own tests. Exit code 0 when all pass, 1 otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  cat <<EOF2
Usage: manifest/check.sh [--skip-icons]

  1. regenerates the icons with 'dotnet run manifest/make-icons.cs' into a temporary folder and checks
     that they match manifest/icons/*.png pixel by pixel (skip with --skip-icons when no .NET SDK is at hand)
  2. builds artifacts/gmgbot-teams-app.zip from manifest/sample.env (manifest/build-package.sh)
  3. validates it offline (node manifest/validate.mjs)
  4. runs the validator's tests (node --test manifest/)
Exit code: 0 when all pass, 1 otherwise.
EOF2
  exit 0
fi
[[ $# -eq 0 || "$1" == "--skip-icons" ]] || die "unexpected argument '$1' (see --help)"

need_tool node "Install Node.js 20.15 or later."
cd "$GMGBOT_ROOT"

if [[ "${1:-}" != "--skip-icons" ]]; then
  need_tool dotnet "Install the .NET 10 SDK, or pass --skip-icons."
  icons="$(mktemp -d)"
  trap 'rm -rf "$icons"' EXIT
  dotnet run manifest/make-icons.cs -- --out "$icons" >/dev/null || die "manifest/make-icons.cs failed."
  for icon in color.png outline.png; do
    node manifest/lib/same-image.mjs "$icons/$icon" "manifest/icons/$icon" ||
      die "manifest/icons/$icon differs from what manifest/make-icons.cs draws: run 'dotnet run manifest/make-icons.cs' and commit the icons."
  done
  info "icons match manifest/make-icons.cs"
fi

bash manifest/build-package.sh --env-file manifest/sample.env --out artifacts/gmgbot-teams-app.zip
node manifest/validate.mjs artifacts/gmgbot-teams-app.zip
node --test manifest/
