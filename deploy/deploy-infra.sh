#!/usr/bin/env bash
# Deploys infra/main.bicep into a resource group with the parameters of infra/main.bicepparam.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF2
Usage: deploy/deploy-infra.sh [--env-file FILE] [--what-if]

Creates the resource group if needed (with LOCATION) and runs
  az deployment group create --resource-group \$RESOURCE_GROUP --name \$DEPLOYMENT_NAME \\
     --parameters infra/main.bicepparam
infra/main.bicepparam reads the settings below from the environment. The deployment's outputs
(webAppName, botAppId, webAppHostName, searchEndpoint, ...) are what the other scripts read.

Settings (environment or deploy/settings.env; see deploy/settings.example.env):
  RESOURCE_GROUP          resource group to deploy into (required)
  LOCATION                Azure region; required when the resource group does not exist yet
  DEPLOYMENT_NAME         deployment name (default: gmgbot)
  BOT_APP_TYPE            UserAssignedMSI (default) or SingleTenant
  BOT_APP_ID              SingleTenant: the app registration's client id (required then)
  MICROSOFT_APP_PASSWORD  SingleTenant: a client secret of it (required then; stored in Key Vault)
  NAME_PREFIX, APP_SERVICE_SKU, APP_INSTANCE_COUNT, POSTGRES_SKU, POSTGRES_TIER, SEARCH_SKU,
  SEARCH_INDEX_NAME, GRAPH_ENABLED, GRAPH_CLIENT_ID,
  GRAPH_CLIENT_SECRET, GRAPH_ORGANIZER_CALENDAR_USER, ORGANIZER_OBJECT_IDS (comma-separated)
                          optional, see infra/main.bicepparam
  DEPLOYER_PRINCIPAL_ID   object id granted Search roles for push-knowledge.sh
                          (default: the signed-in user, when az is signed in as a user)
  DEPLOYER_PRINCIPAL_TYPE User (default), Group or ServicePrincipal

Options:
  --what-if          show what would change, deploy nothing
  --env-file FILE    read settings from FILE instead of deploy/settings.env
  -h, --help         show this help

Needs: az (Azure CLI, signed in, with Bicep: 'az bicep install').
Exit code: 0 when deployed (or previewed), 1 otherwise.
EOF2
}

what_if=0
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --env-file) need_value "$@"; use_env_file "$2"; shift 2 ;;
    --what-if) what_if=1; shift ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done
load_default_settings

need_settings "RESOURCE_GROUP|the resource group to deploy into"
export BOT_APP_TYPE="${BOT_APP_TYPE:-UserAssignedMSI}"
case "$BOT_APP_TYPE" in
  UserAssignedMSI) ;;
  SingleTenant)
    need_settings "BOT_APP_ID|client id of the bot's single-tenant app registration" \
      "MICROSOFT_APP_PASSWORD|a client secret of that app registration" ;;
  MultiTenant) die "BOT_APP_TYPE=MultiTenant: new multi-tenant bot registrations are no longer possible; use SingleTenant or UserAssignedMSI." ;;
  *) die "BOT_APP_TYPE must be UserAssignedMSI or SingleTenant, got '$BOT_APP_TYPE'." ;;
esac
deployment="${DEPLOYMENT_NAME:-gmgbot}"

need_az

if [[ "$(az group exists --name "$RESOURCE_GROUP")" != "true" ]]; then
  need_settings "LOCATION|the Azure region for the new resource group '$RESOURCE_GROUP' (e.g. westeurope)"
  info "creating resource group $RESOURCE_GROUP in $LOCATION"
  az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --output none
fi

if [[ -z "${DEPLOYER_PRINCIPAL_ID:-}" ]]; then
  if DEPLOYER_PRINCIPAL_ID="$(az ad signed-in-user show --query id --output tsv 2>/dev/null)" && [[ -n "$DEPLOYER_PRINCIPAL_ID" ]]; then
    export DEPLOYER_PRINCIPAL_ID DEPLOYER_PRINCIPAL_TYPE=User
    info "granting Search roles to the signed-in user ($DEPLOYER_PRINCIPAL_ID) for push-knowledge.sh"
  else
    export DEPLOYER_PRINCIPAL_ID=""
    info "not signed in as a user: set DEPLOYER_PRINCIPAL_ID (and DEPLOYER_PRINCIPAL_TYPE) to grant Search roles to whoever pushes the knowledge"
  fi
fi

args=(--resource-group "$RESOURCE_GROUP" --name "$deployment" --parameters "$GMGBOT_ROOT/infra/main.bicepparam")
if ((what_if)); then
  az deployment group what-if "${args[@]}"
  exit 0
fi

info "deploying infra/main.bicep to $RESOURCE_GROUP (deployment '$deployment'); this takes a few minutes"
az deployment group create "${args[@]}" --output none
az deployment group show --resource-group "$RESOURCE_GROUP" --name "$deployment" \
  --query "properties.outputs.{botMessagingEndpoint: botMessagingEndpoint.value, botAppId: botAppId.value, webAppName: webAppName.value, webAppHostName: webAppHostName.value, searchEndpoint: searchEndpoint.value, searchIndexName: searchIndexName.value, keyVaultName: keyVaultName.value}" \
  --output table
info "next: deploy/publish.sh && deploy/deploy-app.sh"
