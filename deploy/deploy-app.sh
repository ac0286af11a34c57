#!/usr/bin/env bash
# Deploys the published host zip (deploy/publish.sh) to the web app created by deploy-infra.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF2
Usage: deploy/deploy-app.sh [--env-file FILE] [--package ZIP] [--no-health-check]

Runs 'az webapp deploy --type zip' of the host package, then waits for GET /healthz/ready to answer 200
(the database can be read and written, the knowledge and the search index are loaded).
Deployment uses your Microsoft Entra sign-in (basic publishing credentials are off).

Settings (environment or deploy/settings.env):
  RESOURCE_GROUP   the resource group of the deployment (required)
  WEBAPP_NAME      the web app (default: output webAppName of deployment \$DEPLOYMENT_NAME)
  DEPLOYMENT_NAME  default: gmgbot

Options:
  --package ZIP       the zip to deploy (default: artifacts/gmgbot-host.zip from deploy/publish.sh)
  --no-health-check   do not wait for /healthz/ready
  --env-file FILE     read settings from FILE instead of deploy/settings.env
  -h, --help          show this help

Needs: az (Azure CLI, signed in); curl for the health check.
Exit code: 0 when deployed and healthy, 1 otherwise.
EOF2
}

package="$GMGBOT_ROOT/artifacts/gmgbot-host.zip"
health_check=1
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --env-file) need_value "$@"; use_env_file "$2"; shift 2 ;;
    --package) need_value "$@"; package="$2"; shift 2 ;;
    --no-health-check) health_check=0; shift ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done
load_default_settings

need_settings "RESOURCE_GROUP|the resource group that deploy-infra.sh deployed into"
[[ -f "$package" ]] || die "the package $package does not exist: run deploy/publish.sh first."
need_az
((health_check)) && need_tool curl "Install curl, or pass --no-health-check."

from_deployment WEBAPP_NAME webAppName
need_settings "WEBAPP_NAME|the web app to deploy to (no deployment output webAppName was found in $RESOURCE_GROUP)"

info "deploying $(basename "$package") to $WEBAPP_NAME"
az webapp deploy --resource-group "$RESOURCE_GROUP" --name "$WEBAPP_NAME" \
  --src-path "$package" --type zip --clean true --restart true --output none

if ((health_check)); then
  host="$(az webapp show --resource-group "$RESOURCE_GROUP" --name "$WEBAPP_NAME" --query defaultHostName --output tsv)"
  info "waiting for https://$host/healthz/ready"
  for attempt in $(seq 1 30); do
    if curl --fail --silent --show-error --max-time 10 "https://$host/healthz/ready" >/dev/null 2>&1; then
      info "healthy after $attempt attempt(s): the bot's endpoint is https://$host/api/messages"
      exit 0
    fi
    sleep 10
  done
  die "https://$host/healthz/ready did not answer 200 within 5 minutes: see 'az webapp log tail -g $RESOURCE_GROUP -n $WEBAPP_NAME' and Application Insights."
fi
