#!/usr/bin/env bash
# The drill's disaster recovered by RhvDr instead of the disaster_recovery role, on the same lab and the same mapping, so
# the two can be timed side by side: the primary site goes dark, RhvDr's disaster failover runs (its replication step
# splits and promotes the pairs through examples/replication/lab-array.sh), and check-recovery.py checks the result
# through the console's inventory API exactly as drill.sh does for the role.
#
#   ./run-lab.sh && ./rhvdr-failover.sh          (a fresh lab: the primary must be up; DRILL_DIR as for drill.sh)
#
# Needs what drill.sh needs for write-vars.py (ovirtsdk4), plus curl and jq. Leaves the lab with primary down and the
# console running: kill "$(cat $DRILL_DIR/console.pid)" "$(cat $DRILL_DIR/lab.pid)".
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
drill_dir=${DRILL_DIR:-/tmp/ovirt-drill}
export DRILL_DIR=$drill_dir
[ -f "$drill_dir/lab.env" ] || { echo "no $drill_dir/lab.env; start the lab with $here/run-lab.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$drill_dir/lab.env"
python=/usr/bin/python3
sdk_lib=${OVIRT_SDK_LIB:-/opt/ovirt-drill/sdk/lib}
[ -d "$sdk_lib/ovirtsdk4" ] && export PYTHONPATH="${PYTHONPATH:+$PYTHONPATH:}$sdk_lib"
curl_lab=(--silent --show-error --fail-with-body --max-time 60 --cacert "$LAB_CA")
[ -n "${LAB_TOKEN:-}" ] && curl_lab+=(--header "Authorization: Bearer $LAB_TOKEN")
umask 077

if ! curl "${curl_lab[@]}" "$LAB_CONTROL_URL/lab/control" | jq -e '.sites[] | select(.name=="primary") | .up' >/dev/null; then
  echo "the primary site of this lab is down (an earlier drill?); restart the lab: kill $LAB_PID; $here/run-lab.sh" >&2
  exit 1
fi
if ! { [ -f "$drill_dir/console.pid" ] && kill -0 "$(cat "$drill_dir/console.pid")" 2>/dev/null; }; then
  "$here/run-console.sh" || exit 1
fi
# shellcheck disable=SC1091
. "$drill_dir/console.env"
api=(--silent --show-error --fail-with-body --max-time 60 --header "Authorization: Bearer $CONSOLE_TOKEN")

vars=$drill_dir/dr-vars.yml
"$python" "$here/write-vars.py" --env "$drill_dir/lab.env" --out "$vars" --passwords "$drill_dir/dr-passwords.yml" || exit 1
echo "== the role's mapping file, saved as RhvDr's mapping"
curl "${api[@]}" -X PUT "$CONSOLE_URL/api/mapping?comment=ovirt-dr%20drill" -H 'Content-Type: application/yaml' \
  --data-binary "@$vars" | jq -r '"   version \(.version), draft \(.isDraft), \(.findings | map(select(.severity=="error")) | length) errors"' || exit 1

"$python" "$here/check-recovery.py" snapshot --out "$drill_dir/primary-before.json" || exit 1

echo "== disaster: site primary down (the pairs stay as they were; RhvDr's replication step promotes them)"
curl "${curl_lab[@]}" -X POST "$LAB_CONTROL_URL/lab/control/sites/primary/down" >/dev/null || exit 1
# The console notices the lost engine at its next poll, as it would in a real outage.
until curl "${api[@]}" "$CONSOLE_URL/api/sites/primary" | jq -e '.engine.reachable | not' >/dev/null; do sleep 1; done

echo "== RhvDr disaster failover"
start=$(date +%s.%N)
run=$(curl "${api[@]}" -X POST "$CONSOLE_URL/api/runs" -H 'Content-Type: application/json' \
  -d '{"kind":"failover","mode":"disaster","confirmSite":"primary"}' | jq -r .id) || exit 1
echo "   run $run"
while :; do
  status=$(curl "${api[@]}" "$CONSOLE_URL/api/runs/$run" | jq -r .run.status)
  case "$status" in succeeded|failed|cancelled|interrupted) break ;; esac
  sleep 1
done
secs=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
curl "${api[@]}" "$CONSOLE_URL/api/runs/$run" \
  | jq -r '.steps[] | "   \(.status | ascii_downcase | .[0:9])  \(.name)\(if .detail then ": " + (.detail | tostring | .[0:120]) else "" end)"'
echo "   run $status in ${secs}s (report: $CONSOLE_URL/api/runs/$run/report?format=html)"

echo "== check through RhvDr's inventory API"
wanted=$(sed -n 's/^ *dr_secondary_name: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$vars" | paste -sd, -)
"$python" "$here/check-recovery.py" check --before "$drill_dir/primary-before.json" --domains "$wanted" --since "$(date +%s)"
check=$?
echo
echo "== summary (lab commit $LAB_COMMIT): RhvDr disaster failover $status in ${secs}s; check $([ $check -eq 0 ] && echo PASS || echo FAIL)"
[ "$status" = succeeded ] && [ $check -eq 0 ]
