#!/usr/bin/env bash
# Publishes the GmgBot host for App Service on Linux and zips it for deploy-app.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF2
Usage: deploy/publish.sh [--env-file FILE] [--configuration CONFIG] [--output DIR] [--zip FILE]

Runs 'dotnet publish src/GmgBot.Host' (framework-dependent, linux-x64, for App Service's
DOTNETCORE|10.0 runtime), adds the knowledge base (knowledge/) when the host's publish output does
not already contain it, and zips the result for deploy/deploy-app.sh.

Options:
  --configuration CONFIG  build configuration (default: Release)
  --output DIR            publish folder (default: artifacts/publish; emptied first)
  --zip FILE              the zip to write (default: artifacts/gmgbot-host.zip)
  --env-file FILE         read settings from FILE instead of deploy/settings.env
  -h, --help              show this help

Needs: dotnet (.NET 10 SDK), zip.
Exit code: 0 when the zip was written, 1 otherwise.
EOF2
}

configuration=Release
output="$GMGBOT_ROOT/artifacts/publish"
zip_file="$GMGBOT_ROOT/artifacts/gmgbot-host.zip"
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --env-file) need_value "$@"; use_env_file "$2"; shift 2 ;;
    --configuration) need_value "$@"; configuration="$2"; shift 2 ;;
    --output) need_value "$@"; output="$2"; shift 2 ;;
    --zip) need_value "$@"; zip_file="$2"; shift 2 ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done
load_default_settings

need_tool dotnet "Install the .NET 10 SDK."
need_tool zip "Install it with your package manager (e.g. apt-get install zip)."
project="$GMGBOT_ROOT/src/GmgBot.Host/GmgBot.Host.csproj"
[[ -f "$project" ]] || die "the host project $project is missing."

mkdir -p "$output" "$(dirname "$zip_file")"
output="$(cd "$output" && pwd)"
zip_file="$(cd "$(dirname "$zip_file")" && pwd)/$(basename "$zip_file")"
[[ "$output" != "$GMGBOT_ROOT" && "$output" != "/" ]] || die "--output must be a folder of its own."
find "$output" -mindepth 1 -delete

info "dotnet publish src/GmgBot.Host -c $configuration -> $output"
dotnet publish "$project" --configuration "$configuration" --runtime linux-x64 --self-contained false \
  --output "$output" --nologo

if [[ -d "$output/knowledge" ]]; then
  info "the publish output already holds knowledge/"
elif [[ -d "$GMGBOT_ROOT/knowledge" ]]; then
  cp -R "$GMGBOT_ROOT/knowledge" "$output/knowledge"
  info "added knowledge/ to the publish output (Knowledge__Path=/home/site/wwwroot/knowledge on App Service)"
else
  info "warning: there is no knowledge/ folder to ship; set Knowledge__Path to where the knowledge base is."
fi

rm -f "$zip_file"
(cd "$output" && zip -q -r -X "$zip_file" .)
info "wrote $zip_file ($(du -h "$zip_file" | cut -f1)); deploy it with deploy/deploy-app.sh"
