#!/usr/bin/env bash
# Pushes the knowledge base into Azure AI Search with the host's own indexer: 'index push'.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF2
Usage: deploy/push-knowledge.sh [--env-file FILE] [--knowledge DIR] [--dry-run]

Builds the search index from the knowledge base and uploads it to Azure AI Search by running
  Search__Provider=Azure Search__Endpoint=... Search__IndexName=... Knowledge__Path=... \\
    dotnet run --project src/GmgBot.Host -c Release -- index push

Contract of the host's 'index push' verb: it reads Knowledge__Path, creates or updates the index
Search__IndexName at Search__Endpoint, uploads every document (merge or upload), removes documents
that are no longer in the knowledge base, prints what it did, exits 0 on success and non-zero with
a message on failure, and does not start the web server or need the bot's credentials. It signs in
with Search__ApiKey when set, else with DefaultAzureCredential.

Settings (environment or deploy/settings.env):
  SEARCH_ENDPOINT    https://<service>.search.windows.net
                     (default: output searchEndpoint of deployment \$DEPLOYMENT_NAME in \$RESOURCE_GROUP)
  SEARCH_INDEX_NAME  index name (default: the deployment's searchIndexName, else gmg-knowledge)
  SEARCH_API_KEY     optional admin key; without it you sign in with Microsoft Entra ID
                     (az login, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET) and need the
                     Search Service Contributor and Search Index Data Contributor roles, which
                     deploy-infra.sh grants to the user who deploys
  RESOURCE_GROUP, DEPLOYMENT_NAME  to read the defaults above from the deployment (needs az)
  PUSH_TIMEOUT       seconds before giving up (default: 900)

Options:
  --knowledge DIR    the knowledge base folder (default: knowledge/)
  --dry-run          check the settings and print the command, run nothing
  --env-file FILE    read settings from FILE instead of deploy/settings.env
  -h, --help         show this help

Needs: dotnet (.NET 10 SDK); az only to read deployment outputs or to sign in.
Exit code: that of 'index push' (0 when the index is up to date), 1 for missing settings or tools.
EOF2
}

knowledge="$GMGBOT_ROOT/knowledge"
dry_run=0
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --env-file) need_value "$@"; use_env_file "$2"; shift 2 ;;
    --knowledge) need_value "$@"; knowledge="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done
load_default_settings

[[ -d "$knowledge" ]] || die "the knowledge base folder '$knowledge' does not exist (use --knowledge DIR)."
from_deployment SEARCH_ENDPOINT searchEndpoint
need_settings "SEARCH_ENDPOINT|the Azure AI Search endpoint, https://<service>.search.windows.net (or set RESOURCE_GROUP to read it from the deployment)"
[[ "$SEARCH_ENDPOINT" =~ ^https://[^/]+/?$ ]] || die "SEARCH_ENDPOINT must look like https://<service>.search.windows.net, got '$SEARCH_ENDPOINT'."
from_deployment SEARCH_INDEX_NAME searchIndexName
SEARCH_INDEX_NAME="${SEARCH_INDEX_NAME:-gmg-knowledge}"
need_tool dotnet "Install the .NET 10 SDK."
need_tool timeout "It is part of GNU coreutils."

knowledge="$(cd "$knowledge" && pwd)"
env_args=(
  "Search__Provider=Azure"
  "Search__Endpoint=${SEARCH_ENDPOINT%/}"
  "Search__IndexName=$SEARCH_INDEX_NAME"
  "Knowledge__Path=$knowledge"
)
if [[ -n "${SEARCH_API_KEY:-}" ]]; then
  env_args+=("Search__ApiKey=$SEARCH_API_KEY")
  auth="the admin key in SEARCH_API_KEY"
else
  auth="DefaultAzureCredential (az login or AZURE_* variables)"
fi
command=(dotnet run --project "$GMGBOT_ROOT/src/GmgBot.Host" --configuration Release -- index push)

if ((dry_run)); then
  printf '%s: would run (signing in with %s):\n  ' "$GMGBOT_SCRIPT" "$auth"
  printf '%s ' "${env_args[@]/#Search__ApiKey=*/Search__ApiKey=***}" "${command[@]}"
  printf '\n'
  exit 0
fi

info "pushing $knowledge to index '$SEARCH_INDEX_NAME' at $SEARCH_ENDPOINT, signing in with $auth"
status=0
env "${env_args[@]}" timeout "${PUSH_TIMEOUT:-900}" "${command[@]}" || status=$?
case "$status" in
  0) info "the index is up to date" ;;
  124) die "'index push' did not finish within ${PUSH_TIMEOUT:-900} seconds (PUSH_TIMEOUT)." ;;
  *) die "'index push' failed with exit code $status (see its messages above)." ;;
esac
