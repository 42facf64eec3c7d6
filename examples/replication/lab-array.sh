#!/usr/bin/env bash
# RhvDr storage replication command for the lab's storage array, and the template for a real array's integration.
#
# RhvDr runs it with RhvDr:Recovery:Replication=command, one call per operation:
#   lab-array.sh OPERATION SOURCE TARGET VOLUMES MODE
#     OPERATION  sync | failover | reverse | testcopy | removetestcopy
#     SOURCE     the site the data comes from (the console's site name)
#     TARGET     the site the data goes to
#     VOLUMES    comma-separated storage domain names
#     MODE       planned | disaster
# Environment:
#   RHVDR_ARRAY_URL    the array's API, e.g. https://127.0.0.1:8440 (the lab's control port)
#   RHVDR_ARRAY_CA     PEM of the CA that issued the array's certificate (optional: the system store otherwise)
#   RHVDR_ARRAY_TOKEN  bearer token for the array's API; for the lab, its control token (printed at start, or
#                      Lab:ControlToken); LAB_TOKEN is read when RHVDR_ARRAY_TOKEN is unset. Without it the lab answers 401.
#   RHVDR_ARRAY_WAIT   seconds to wait for a reversed pair to be replicating (default 600)
#
# Contract with RhvDr: every line on stdout goes to the run log, every line on stderr goes to the run log as a warning,
# and a non-zero exit fails the step with the exit code and the last line written to stderr as the reason (the run can be
# resumed once the cause is fixed). The script must be safe to run
# again: each pair is read first and only the actions still needed are taken, so a resumed run repeats nothing.
# For a real array, keep this contract and replace the three functions below with the array's own calls.
set -euo pipefail

if [ $# -ne 5 ]; then
  echo "usage: $0 OPERATION SOURCE TARGET VOLUMES MODE" >&2
  exit 2
fi
operation=$1 source=$2 target=$3 volumes=$4 mode=$5
: "${RHVDR_ARRAY_URL:?RHVDR_ARRAY_URL must name the array API, e.g. https://127.0.0.1:8440}"
wait_seconds=${RHVDR_ARRAY_WAIT:-600}
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install $tool)" >&2; exit 3; }
done

curl_args=(--silent --show-error --fail-with-body --max-time 60)
[ -n "${RHVDR_ARRAY_CA:-}" ] && curl_args+=(--cacert "$RHVDR_ARRAY_CA")
token=${RHVDR_ARRAY_TOKEN:-${LAB_TOKEN:-}}
[ -n "$token" ] && curl_args+=(--header "Authorization: Bearer $token")
base=${RHVDR_ARRAY_URL%/}

# The pair of one volume, as JSON: {id, domainName, sourceSite, targetSite, state, testCopy, ...}.
pair_of() {
  curl "${curl_args[@]}" "$base/lab/array/pairs/$(jq -rn --arg v "$1" '$v|@uri')"
}

# One array action on a pair: split, promote, demote, reverse, resync, sync, testcopy, removetestcopy.
act() {
  local id=$1 action=$2 name=$3
  echo "$action $name (pair $id)"
  curl "${curl_args[@]}" -X POST "$base/lab/array/pairs/$id/$action" >/dev/null
}

# The actions still needed to bring one pair to where OPERATION leads.
plan() {
  local state=$1 from=$2 to=$3 test_copy=$4
  case "$operation" in
    sync)
      [ "$from" = "$source" ] && [ "$state" = replicating ] && echo sync ;;
    failover)
      if [ "$state" = promoted ] && [ "$to" = "$target" ]; then return; fi
      if [ "$from" != "$source" ]; then
        echo "replicates $from -> $to, not $source -> $target; reverse it first" >&2; return 1
      fi
      [ "$mode" = planned ] && echo demote
      case "$state" in replicating|resyncing) echo split ;; esac
      echo promote ;;
    reverse)
      if [ "$from" = "$source" ]; then
        case "$state" in
          replicating|resyncing) ;;
          split|broken|promoted) echo resync ;;
          *) echo "is $state $from -> $to; fix it on the array" >&2; return 1 ;;
        esac
      elif [ "$to" = "$source" ]; then
        case "$state" in
          promoted) echo reverse ;;
          split|broken) echo promote; echo reverse ;;
          *) echo "is $state $from -> $to; fix it on the array" >&2; return 1 ;;
        esac
      else
        echo "replicates $from -> $to, which is neither way between $source and $target" >&2; return 1
      fi ;;
    testcopy)
      [ "$test_copy" = true ] || echo testcopy ;;
    removetestcopy)
      [ "$test_copy" = true ] && echo removetestcopy ;;
    *)
      echo "unknown operation '$operation'" >&2; return 1 ;;
  esac
  return 0
}

IFS=',' read -r -a names <<<"$volumes"
# Every volume is read (and its plan made) before any is touched, so a gap in the array's setup changes nothing.
declare -a ids=() actions=()
for name in "${names[@]}"; do
  if ! pair=$(pair_of "$name" 2>&1); then
    if grep -q "returned error: 401" <<<"$pair"; then
      reason=$(tail -n 1 <<<"$pair" | jq -r '.error? // empty' 2>/dev/null || true)
      echo "the array refused its credential; set RHVDR_ARRAY_TOKEN (or LAB_TOKEN) to the array's token: ${reason:-401}" >&2
    else
      echo "the array has no replication pair for storage domain $name: $(head -n 1 <<<"$pair")" >&2
    fi
    exit 4
  fi
  read -r id state from to test_copy < <(jq -r '[.id, .state, .sourceSite, .targetSite, (.testCopy|tostring)] | @tsv' <<<"$pair")
  if ! steps=$(plan "$state" "$from" "$to" "$test_copy" 2> >(sed "s/^/pair $id ($name) /" >&2)); then
    exit 5
  fi
  ids+=("$id|$name")
  actions+=("$(tr '\n' ' ' <<<"$steps")")
done

for i in "${!ids[@]}"; do
  id=${ids[$i]%%|*} name=${ids[$i]#*|}
  if [ -z "${actions[$i]// /}" ]; then
    echo "$name: nothing to do ($operation already done)"
    continue
  fi
  for action in ${actions[$i]}; do
    act "$id" "$action" "$name"
  done
done

if [ "$operation" = reverse ]; then
  deadline=$((SECONDS + wait_seconds))
  for name in "${names[@]}"; do
    until [ "$(pair_of "$name" | jq -r .state)" = replicating ]; do
      if [ $SECONDS -ge "$deadline" ]; then
        echo "$name did not reach 'replicating' within $wait_seconds s" >&2
        exit 6
      fi
      sleep 1
    done
    echo "$name: replicating $source -> $target"
  done
fi
