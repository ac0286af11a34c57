#!/usr/bin/env bash
# CI check for infra/: gets the Bicep CLI from NuGet (dotnet restore of infra/bicep-cli.proj), builds
# and lints every Bicep file with zero diagnostics allowed, builds the example parameters, and runs
# infra/tests (bicep snapshot of main.bicep in both identity modes, and of the app settings).
# Exit code 0 when all pass, 1 otherwise. Offline once the package is in the NuGet cache.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

INFRA="$GMGBOT_ROOT/infra"

usage() {
  cat <<EOF
Usage: infra/check.sh [--no-tests]

  1. locates the Bicep CLI: \$BICEP if set, else restores infra/bicep-cli.proj
     (NuGet package Azure.Bicep.CommandLine.linux-x64; the binary is in its tools/ folder)
  2. bicep build and bicep lint of infra/main.bicep (with its modules) and the test harness:
     any warning or error fails (linter rules: infra/bicepconfig.json)
  3. bicep build-params and lint of infra/main.bicepparam
  4. node --test infra/tests/ (skip with --no-tests): bicep snapshot predictions of the deployment

Needs: dotnet (the .NET SDK) unless BICEP points at a bicep binary; node (>= 20) for the tests.
Exit code: 0 when all pass, 1 otherwise.
EOF
}

run_tests=1
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-tests) run_tests=0; shift ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
done

locate_bicep() {
  if [[ -n "${BICEP:-}" ]]; then
    [[ -x "$BICEP" ]] || die "BICEP='$BICEP' is not an executable file."
    return
  fi
  [[ "$(uname -s)/$(uname -m)" == "Linux/x86_64" ]] ||
    die "the Bicep CLI package used here is for linux-x64; on $(uname -s)/$(uname -m) install bicep and set BICEP=/path/to/bicep."
  need_tool dotnet "Install the .NET 10 SDK (it downloads the Bicep CLI from NuGet), or set BICEP=/path/to/bicep."
  local log root version
  log="$(mktemp)"
  if ! dotnet restore "$INFRA/bicep-cli.proj" --verbosity quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "could not restore the Bicep CLI package (dotnet restore infra/bicep-cli.proj)."
  fi
  rm -f "$log"
  root="$(dotnet msbuild "$INFRA/bicep-cli.proj" -getProperty:NuGetPackageRoot)"
  version="$(dotnet msbuild "$INFRA/bicep-cli.proj" -getProperty:BicepCliVersion)"
  BICEP="${root%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
  [[ -f "$BICEP" ]] || die "the restored package has no tools/bicep at $BICEP."
  # NuGet does not keep the executable bit of files it extracts.
  [[ -x "$BICEP" ]] || chmod +x "$BICEP"
}

failures=0
out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT

# bicep exits 0 on warnings, so any diagnostic it prints counts as a failure here.
check() {
  local what="$1"; shift
  local output status=0
  output="$("$BICEP" "$@" 2>&1)" || status=$?
  if ((status != 0)) || grep -Eq ': (Warning|Error|Info) ' <<<"$output"; then
    printf '%s: FAIL %s\n%s\n' "$GMGBOT_SCRIPT" "$what" "$output" >&2
    failures=$((failures + 1))
  else
    printf '%s: ok   %s\n' "$GMGBOT_SCRIPT" "$what"
  fi
}

locate_bicep
info "using $("$BICEP" --version) at $BICEP"

cd "$INFRA"
# Building and linting main.bicep covers the modules it uses; the test harness is checked on its own.
for file in main.bicep tests/app-settings.harness.bicep; do
  check "bicep build $file" build "$file" --outdir "$out_dir"
  check "bicep lint $file" lint "$file"
done
check "bicep build-params main.bicepparam" build-params main.bicepparam --outfile "$out_dir/main.parameters.json"
check "bicep lint main.bicepparam" lint main.bicepparam

if ((run_tests)); then
  need_tool node "Install Node.js 20 or later, or pass --no-tests."
  if BICEP="$BICEP" node --test "$INFRA/tests/"; then
    info "infra tests passed"
  else
    failures=$((failures + 1))
  fi
fi

if ((failures)); then
  die "$failures check(s) failed."
fi
info "all Bicep checks passed"
