#!/usr/bin/env bash
# Starts the RhvDr console on the drill lab's two engines in the production configuration: https engine URLs, the lab's
# CA file, the engine user and password, the storage array driven by examples/replication/lab-array.sh. The console is
# how the drill reads the result (its inventory API), and how rhvdr-failover.sh runs RhvDr's own disaster failover.
# Writes $DRILL_DIR/console.env (URL, API token, pid; mode 600).
#
# Environment (all optional):
#   DRILL_DIR      the drill's folder, holding lab.env from run-lab.sh (default /tmp/ovirt-drill)
#   CONSOLE_PORT   the console's HTTP port (default 8449)
#   CONSOLE_SANLOCK_WAIT  RhvDr:Recovery:SanlockWait for these https engines (default the console's, 80 s); the lab's
#                  TimeScale shortens its own operations but not this wait, so 00:00:04 compares like for like at 0.05
# Stop it with: kill "$(cat $DRILL_DIR/console.pid)"; its database is $DRILL_DIR/console/rhvdr.db (removed at each start).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
drill_dir=${DRILL_DIR:-/tmp/ovirt-drill}
port=${CONSOLE_PORT:-8449}
dll=$repo/RhvDr.Console/bin/Release/net10.0/RhvDr.Console.dll
[ -f "$drill_dir/lab.env" ] || { echo "no $drill_dir/lab.env; start the lab with $here/run-lab.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$drill_dir/lab.env"

if [ ! -f "$dll" ]; then
  echo "building the console: dotnet build $repo/RhvDr.Console -c Release"
  dotnet build "$repo/RhvDr.Console" -c Release 2>&1 | grep -E " error |rror\(s\)" || true
  [ -f "$dll" ] || { echo "the console did not build; run: dotnet build RhvDr.Console -c Release" >&2; exit 1; }
fi
if [ -f "$drill_dir/console.pid" ] && kill -0 "$(cat "$drill_dir/console.pid")" 2>/dev/null; then
  echo "a drill console is already running (pid $(cat "$drill_dir/console.pid")); stop it first: kill $(cat "$drill_dir/console.pid")" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is already in use; pick another with CONSOLE_PORT=..." >&2
  exit 1
fi

umask 077
data=$drill_dir/console
rm -rf "$data"
mkdir -p "$data"
token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
script=$repo/examples/replication/lab-array.sh

env_args=(
  RhvDr__DatabasePath="$data/rhvdr.db"
  RhvDr__DataProtection__KeysPath="$data/keys"
  RhvDr__PollInterval=00:00:02
  RhvDr__Bootstrap__AdminUser=admin
  RhvDr__Bootstrap__AdminPassword="$admin_password"
  RhvDr__Bootstrap__ApiToken="$token"
  # The drill compares the role's unattended failover with RhvDr's: no second operator to approve it.
  RhvDr__Security__FourEyes__Failover=Never
  RhvDr__Recovery__Replication=command
)
index=0
for site in primary recovery; do
  url_var=${site^^}_URL
  role=$([ "$site" = primary ] && echo Primary || echo Recovery)
  env_args+=(
    "RhvDr__Sites__${index}__Name=$site"
    "RhvDr__Sites__${index}__Role=$role"
    "RhvDr__Sites__${index}__EngineUrl=${!url_var}"
    "RhvDr__Sites__${index}__CaFile=$LAB_CA"
    "RhvDr__Sites__${index}__Username=$LAB_USER"
    "RhvDr__Sites__${index}__Password=$LAB_PASSWORD"
  )
  index=$((index + 1))
done
for operation in sync failover reverse testcopy removetestcopy; do
  prefix=RhvDr__Recovery__Commands__${operation}__
  env_args+=(
    "${prefix}FileName=$script"
    "${prefix}Arguments__0={operation}" "${prefix}Arguments__1={source}" "${prefix}Arguments__2={target}"
    "${prefix}Arguments__3={volumes}" "${prefix}Arguments__4={mode}"
    "${prefix}Timeout=00:05:00"
    "${prefix}Environment__RHVDR_ARRAY_URL=$LAB_CONTROL_URL"
    "${prefix}Environment__RHVDR_ARRAY_CA=$LAB_CA"
  )
done
[ -n "${LAB_TOKEN:-}" ] && env_args+=(RHVDR_ARRAY_TOKEN="$LAB_TOKEN")
[ -n "${CONSOLE_SANLOCK_WAIT:-}" ] && env_args+=(RhvDr__Recovery__SanlockWait="$CONSOLE_SANLOCK_WAIT")

# Started from the build folder so the console reads its appsettings.json.
(cd "$(dirname "$dll")" && exec env "${env_args[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port") >"$drill_dir/console.log" 2>&1 &
echo $! >"$drill_dir/console.pid"

start=$(date +%s)
until curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/sites" \
    | jq -e 'length == 2 and all(.[]; .engine.reachable and .inventoryCollectedAt != null)' >/dev/null 2>&1; do
  if ! kill -0 "$(cat "$drill_dir/console.pid")" 2>/dev/null; then
    echo "the console exited; its output:" >&2
    tail -n 40 "$drill_dir/console.log" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - start )) -gt 120 ]; then
    echo "the console did not reach both engines within 120 s; see $drill_dir/console.log and GET /api/sites" >&2
    exit 1
  fi
  sleep 1
done

cat >"$drill_dir/console.env" <<ENV
CONSOLE_URL=http://127.0.0.1:$port
CONSOLE_TOKEN=$token
CONSOLE_PID=$(cat "$drill_dir/console.pid")
ENV
echo "console up in $(( $(date +%s) - start )) s on http://127.0.0.1:$port (pid $(cat "$drill_dir/console.pid"), log $drill_dir/console.log)"
echo "  the API token is in $drill_dir/console.env (mode 600)"
