# Shared helpers for GmgBot's deployment, packaging and check scripts. Source it; do not run it.
# shellcheck shell=bash

GMGBOT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GMGBOT_SCRIPT="$(basename "$0")"

die() {
  printf '%s: error: %s\n' "$GMGBOT_SCRIPT" "$*" >&2
  exit 1
}

info() {
  printf '%s: %s\n' "$GMGBOT_SCRIPT" "$*" >&2
}

# need_tool NAME HINT: stops with HINT when NAME is not on PATH.
need_tool() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but was not found on PATH. $2"
}

need_az() {
  need_tool az "Install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli), then run 'az login'."
  az account show --output none 2>/dev/null || die "the Azure CLI is not signed in: run 'az login' (and 'az account set --subscription ID')."
}

# need_settings "NAME|what it is" ...: stops listing every missing setting at once.
need_settings() {
  local spec name missing=()
  for spec in "$@"; do
    name="${spec%%|*}"
    [[ -n "${!name:-}" ]] || missing+=("  $name: ${spec#*|}")
  done
  if ((${#missing[@]})); then
    printf '%s: error: missing settings (set them in the environment or in an --env-file):\n' "$GMGBOT_SCRIPT" >&2
    printf '%s\n' "${missing[@]}" >&2
    exit 1
  fi
}

# load_env_file FILE: reads NAME=VALUE lines (shell syntax). Variables already set in the
# environment win, so `NAME=x script --env-file f` overrides the file.
load_env_file() {
  local file="$1" name saved=()
  [[ -f "$file" ]] || die "settings file '$file' does not exist."
  while IFS= read -r name; do
    [[ -n "${!name+x}" ]] && saved+=("$name=${!name}")
  done < <(sed -n 's/^[[:space:]]*\(export[[:space:]]\{1,\}\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)=.*/\2/p' "$file")
  set -a
  # shellcheck disable=SC1090
  source "$file"
  set +a
  local pair
  for pair in "${saved[@]+"${saved[@]}"}"; do
    export "${pair%%=*}=${pair#*=}"
  done
}

# deployment_output NAME: an output of the infra deployment (deploy-infra.sh), read through az.
# Needs RESOURCE_GROUP; DEPLOYMENT_NAME defaults to gmgbot.
deployment_output() {
  az deployment group show \
    --resource-group "$RESOURCE_GROUP" \
    --name "${DEPLOYMENT_NAME:-gmgbot}" \
    --query "properties.outputs.$1.value" \
    --output tsv 2>/dev/null || true
}

# from_deployment VAR OUTPUT: fills VAR from the deployment's OUTPUT when VAR is unset.
from_deployment() {
  local var="$1" output="$2" value
  [[ -n "${!var:-}" ]] && return 0
  [[ -n "${RESOURCE_GROUP:-}" ]] || return 0
  command -v az >/dev/null 2>&1 ||
    die "$var is not set, and reading it from deployment output '$output' needs the Azure CLI (az), which was not found: set $var, or install az and run 'az login'."
  need_az
  value="$(deployment_output "$output")"
  if [[ -n "$value" ]]; then
    printf -v "$var" '%s' "$value"
    export "${var?}"
    info "$var=$value (from deployment '${DEPLOYMENT_NAME:-gmgbot}' in resource group '$RESOURCE_GROUP')"
  fi
}

# load_default_settings: reads deploy/settings.env when the caller gave no --env-file and it exists.
load_default_settings() {
  local file="$GMGBOT_ROOT/deploy/settings.env"
  if [[ -z "${GMGBOT_SETTINGS_LOADED:-}" && -f "$file" ]]; then
    info "reading settings from deploy/settings.env"
    load_env_file "$file"
  fi
}


# use_env_file FILE: --env-file FILE of every script; it replaces deploy/settings.env.
use_env_file() {
  load_env_file "$1"
  GMGBOT_SETTINGS_LOADED=1
}

# need_value "$@": for options that take a value; stops when it is missing.
need_value() {
  (($# >= 2)) && [[ -n "$2" && "$2" != --* ]] || die "$1 needs a value (see --help)"
}
