#!/usr/bin/env bash
# Starts RhvDr's standalone lab over HTTPS for the oVirt drill, waits until both engines answer, and writes what the
# other scripts need (engine URLs, CA file, user, password, control URL and token) to $DRILL_DIR/lab.env.
#
# Environment (all optional):
#   DRILL_DIR        working folder for the CA, the env file, logs and generated files (default /tmp/ovirt-drill)
#   LAB_PORT         control port; engines on LAB_PORT+1 (primary) and LAB_PORT+2 (recovery) (default 8440)
#   LAB_TIMESCALE    Lab:TimeScale (default 0.05: simulated operations 20x faster)
#   LAB_PASSWORD     admin password (default: a random one, written to lab.env)
#   LAB_TOKEN        the control and array API's credential, Lab:ControlToken (default: a random one, written to lab.env)
#   LAB_VMS / LAB_HOSTS   VMs and hosts per site (default: the lab's own, 120 and 8)
# The lab keeps running in the background; stop it with: kill "$(cat $DRILL_DIR/lab.pid)" (it takes a few seconds).
# A drill leaves the primary site down: restart the lab before the next drill.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
drill_dir=${DRILL_DIR:-/tmp/ovirt-drill}
port=${LAB_PORT:-8440}
timescale=${LAB_TIMESCALE:-0.05}
password=${LAB_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
token=${LAB_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
dll=$repo/RhvDr.Lab/bin/Release/net10.0/RhvDr.Lab.dll
mkdir -p "$drill_dir"

if [ ! -f "$dll" ]; then
  echo "building the lab: dotnet build $repo/RhvDr.Lab -c Release"
  dotnet build "$repo/RhvDr.Lab" -c Release 2>&1 | grep -E " error |rror\(s\)" || true
  [ -f "$dll" ] || { echo "the lab did not build; run: dotnet build RhvDr.Lab -c Release" >&2; exit 1; }
fi

if [ -f "$drill_dir/lab.pid" ] && kill -0 "$(cat "$drill_dir/lab.pid")" 2>/dev/null; then
  echo "a drill lab is already running (pid $(cat "$drill_dir/lab.pid")); stop it first: kill $(cat "$drill_dir/lab.pid")" >&2
  exit 1
fi

for p in "$port" $((port + 1)) $((port + 2)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is already in use; pick another control port with LAB_PORT=..." >&2
    exit 1
  fi
done

args=(--Lab:Port="$port" --Lab:TimeScale="$timescale" --Lab:Tls:Enabled=true
      --Lab:Tls:CaOutputFile="$drill_dir/lab-ca.pem" --Lab:AdminPassword="$password")
[ -n "${LAB_VMS:-}" ] && args+=(--Lab:VmsPerSite="$LAB_VMS")
[ -n "${LAB_HOSTS:-}" ] && args+=(--Lab:HostsPerSite="$LAB_HOSTS")
rm -f "$drill_dir/lab-ca.pem"
# Started from the build folder so the lab reads its appsettings.json; the token goes in the environment, not on the command line.
(cd "$(dirname "$dll")" && Lab__ControlToken="$token" exec dotnet "$dll" "${args[@]}") >"$drill_dir/lab.log" 2>&1 &
echo $! >"$drill_dir/lab.pid"

start=$(date +%s)
until [ -f "$drill_dir/lab-ca.pem" ] \
  && curl -sf --cacert "$drill_dir/lab-ca.pem" "https://127.0.0.1:$((port + 1))/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA" >/dev/null \
  && curl -sf --cacert "$drill_dir/lab-ca.pem" "https://127.0.0.1:$((port + 2))/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA" >/dev/null \
  && curl -sf --cacert "$drill_dir/lab-ca.pem" -H "Authorization: Bearer $token" "https://127.0.0.1:$port/lab/control" >/dev/null; do
  if ! kill -0 "$(cat "$drill_dir/lab.pid")" 2>/dev/null; then
    echo "the lab exited; its output:" >&2
    cat "$drill_dir/lab.log" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - start )) -gt 120 ]; then
    echo "the lab did not answer within 120 s; see $drill_dir/lab.log" >&2
    exit 1
  fi
  sleep 0.5
done

cat >"$drill_dir/lab.env" <<ENV
LAB_COMMIT=$(git -C "$repo" log -1 --format=%h -- RhvDr.Lab)
LAB_PID=$(cat "$drill_dir/lab.pid")
LAB_CA=$drill_dir/lab-ca.pem
LAB_CONTROL_URL=https://127.0.0.1:$port
PRIMARY_URL=https://127.0.0.1:$((port + 1))/ovirt-engine/api
RECOVERY_URL=https://127.0.0.1:$((port + 2))/ovirt-engine/api
LAB_USER=admin@internal
LAB_PASSWORD=$password
LAB_TOKEN=$token
ENV
chmod 600 "$drill_dir/lab.env"
echo "lab up in $(( $(date +%s) - start )) s (pid $(cat "$drill_dir/lab.pid"), log $drill_dir/lab.log)"
grep -v -e PASSWORD -e TOKEN "$drill_dir/lab.env" | sed 's/^/  /'
echo "  LAB_PASSWORD and LAB_TOKEN (the control API's credential) are in $drill_dir/lab.env (mode 600)"
