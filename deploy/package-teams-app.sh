#!/usr/bin/env bash
# Builds the Teams app package for the deployed bot: manifest/build-package.sh with the bot's app id
# and host name taken from the infrastructure deployment when they are not set.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF2
Usage: deploy/package-teams-app.sh [--env-file FILE] [--out PACKAGE.zip] [SETTING FLAGS]

Builds and validates artifacts/gmgbot-teams-app.zip (manifest.json, color.png, outline.png) with
manifest/build-package.sh. Upload it in Teams (Apps > Manage your apps > Upload an app) or in the
Teams admin center.

Settings (environment or deploy/settings.env), besides those of manifest/build-package.sh:
  BOT_APP_ID   default: output botAppId of deployment \$DEPLOYMENT_NAME in \$RESOURCE_GROUP
  BOT_DOMAIN   default: output webAppHostName of that deployment
  RESOURCE_GROUP, DEPLOYMENT_NAME  to read those outputs (needs az)

Settings and flags of manifest/build-package.sh:
$(node "$GMGBOT_ROOT/manifest/fill-manifest.mjs" --settings-help 2>/dev/null || echo "  (install Node.js and run 'npm ci' to list them)")

Options:
  --out PACKAGE.zip  where to write the package (default: artifacts/gmgbot-teams-app.zip)
  --env-file FILE    read settings from FILE instead of deploy/settings.env
  -h, --help         show this help

Needs: node (>= 20.15, 'npm ci' done), zip; az only to read deployment outputs.
Exit code: 0 when the package was built and is valid, 1 otherwise.
EOF2
}

pass=()
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --env-file) need_value "$@"; use_env_file "$2"; shift 2 ;;
    --*=*) pass+=("$1"); shift ;;
    --*) need_value "$@"; pass+=("$1" "$2"); shift 2 ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done
load_default_settings

from_deployment BOT_APP_ID botAppId
from_deployment BOT_DOMAIN webAppHostName
exec "$BASH" "$GMGBOT_ROOT/manifest/build-package.sh" "${pass[@]+"${pass[@]}"}"
