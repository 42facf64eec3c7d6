#!/usr/bin/env bash
# Runs every RhvDr test tier: unit, component (bUnit), integration (the console and the lab over real HTTP) and browser
# (headless Chromium). Installs Debian's Chromium, curl and jq first when they are missing.
#   ./test.sh                         every tier
#   ./test.sh unit components         only the tiers named (unit, components, integration, browser)
#   ./test.sh --filter "FullyQualifiedName~Mapping"   other arguments go to each `dotnet test`
# Builds once, runs the unit and component tiers side by side, then the integration tier, then the browser tier last: on
# a small machine the browser and integration tests keep their timing margins when no other test assembly competes for
# the cores.
set -uo pipefail
cd "$(dirname "$0")"

declare -A projects=(
  [unit]=RhvDr.Tests/Unit/RhvDr.Tests.Unit.csproj
  [components]=RhvDr.Tests/Components/RhvDr.Tests.Components.csproj
  [integration]=RhvDr.Tests/Integration/RhvDr.Tests.Integration.csproj
  [browser]=RhvDr.Tests/Browser/RhvDr.Tests.Browser.csproj
)
order=(unit components integration browser)

tiers=()
args=()
for arg in "$@"; do
  tier="${arg,,}"
  if [ ${#args[@]} -eq 0 ] && [ -n "${projects[$tier]+set}" ]; then tiers+=("$tier"); else args+=("$arg"); fi
done
if [ ${#tiers[@]} -eq 0 ]; then tiers=("${order[@]}"); fi

# A test file outside every tier's folder would compile into no project and silently never run.
stray=$(find RhvDr.Tests -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' \
  | grep -vE '^RhvDr\.Tests/(Testing|Unit|Components|Integration|Browser)/' || true)
if [ -n "$stray" ]; then
  echo "These files are in no test project; move each into RhvDr.Tests/Unit, Components, Integration or Browser" \
    "(shared helpers into RhvDr.Tests/Testing):" >&2
  echo "$stray" >&2
  exit 1
fi

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
dotnet build RhvDr.sln --configuration Release -nologo -v quiet || exit 1

selected() { [[ " ${tiers[*]} " == *" $1 "* ]]; }
run_tier() {
  dotnet test "${projects[$1]}" --configuration Release --no-build \
    --logger "trx;LogFilePrefix=rhvdr-$1" --logger "console;verbosity=minimal" \
    --results-directory "$results" "${args[@]}"
}

status=0
mkdir -p "$results"

# Unit and component tests run in-process and listen on no port: they run side by side, and each tier's output is
# printed once it is done, so the two do not interleave.
declare -A quick=()
for tier in unit components; do
  if selected "$tier"; then
    run_tier "$tier" >"$results/$tier.log" 2>&1 &
    quick[$tier]=$!
  fi
done
for tier in unit components; do
  [ -n "${quick[$tier]+set}" ] || continue
  wait "${quick[$tier]}" || status=1
  echo "== $tier tests"
  cat "$results/$tier.log"
done

for tier in integration browser; do
  selected "$tier" || continue
  echo "== $tier tests"
  run_tier "$tier" || status=1
done

# One TRX file per tier: the line below sums them.
passed=0
failed=0
while IFS= read -r trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done < <(find "$results" -name 'rhvdr-*.trx' 2>/dev/null)
echo "Tests: $passed passed, $failed failed"
exit $status
