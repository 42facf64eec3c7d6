#!/usr/bin/env bash
# Runs every RhvDr test: unit, component (bUnit), integration (the console and the lab over real HTTP)
# and browser tests (headless Chromium). Installs Debian's Chromium, curl and jq first when they are missing.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Browser".
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need: Chromium for the browser tests, curl and jq for the shipped replication script.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq || exit 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test RhvDr.sln --configuration Release \
  --logger "trx;LogFileName=rhvdr.trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

trx=$(find "$results" -name 'rhvdr.trx' 2>/dev/null | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
fi
exit $status
