#!/usr/bin/env bash
# Stages the disaster the oVirt DR role recovers from, as the storage admin would see it: the primary site goes dark,
# then every replication pair from primary is split and its replica promoted on the array, so the recovery site can
# import the domains. Safe to run again: each pair is read first and only the actions still needed are taken.
#
#   DRILL_DIR=/tmp/ovirt-drill ./stage-disaster.sh      (reads $DRILL_DIR/lab.env written by run-lab.sh)
set -euo pipefail

drill_dir=${DRILL_DIR:-/tmp/ovirt-drill}
[ -f "$drill_dir/lab.env" ] || { echo "no $drill_dir/lab.env; start the lab with ./run-lab.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$drill_dir/lab.env"
: "${LAB_TOKEN:?$drill_dir/lab.env has no LAB_TOKEN (an older run-lab.sh wrote it); restart the lab with run-lab.sh}"
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install $tool)" >&2; exit 3; }
done
curl_args=(--silent --show-error --fail-with-body --max-time 60 --cacert "$LAB_CA" --header "Authorization: Bearer $LAB_TOKEN")
start=$(date +%s.%N)

echo "site primary down"
curl "${curl_args[@]}" -X POST "$LAB_CONTROL_URL/lab/control/sites/primary/down" >/dev/null

for id in $(curl "${curl_args[@]}" "$LAB_CONTROL_URL/lab/array/pairs" | jq -r '.[] | select(.sourceSite=="primary") | .id'); do
  state=$(curl "${curl_args[@]}" "$LAB_CONTROL_URL/lab/array/pairs/$id" | jq -r .state)
  if [ "$state" = replicating ] || [ "$state" = resyncing ]; then
    curl "${curl_args[@]}" -X POST "$LAB_CONTROL_URL/lab/array/pairs/$id/split" >/dev/null
    state=$(curl "${curl_args[@]}" "$LAB_CONTROL_URL/lab/array/pairs/$id" | jq -r .state)
  fi
  if [ "$state" != promoted ]; then
    curl "${curl_args[@]}" -X POST "$LAB_CONTROL_URL/lab/array/pairs/$id/promote" >/dev/null
  fi
  curl "${curl_args[@]}" "$LAB_CONTROL_URL/lab/array/pairs/$id" \
    | jq -r '"  \(.id): \(.state) at \(.targetSite), last sync \(.lastSync)"'
done
curl "${curl_args[@]}" "$LAB_CONTROL_URL/lab/control" | jq -r '.sites[] | "  site \(.name): \(if .up then "up" else "down" end)"'
printf 'disaster staged in %.2f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
