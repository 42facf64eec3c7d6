#!/usr/bin/env bash
# oVirt disaster recovery drill against RhvDr's lab with the official tooling: the ovirtsdk4 smoke test, `ovirt-dr
# generate`, `ovirt-dr validate`, the disaster (stage-disaster.sh), the disaster_recovery role's `fail_over` tag, then a
# check through RhvDr's inventory API (run-console.sh) that every imported domain is active and every VM that ran at
# primary is up. Prints each step's result and duration, and a summary; exits non-zero when a step failed (every step
# still runs where it can).
#
#   ./run-lab.sh && ./drill.sh          (DRILL_DIR, default /tmp/ovirt-drill, holds lab.env, logs and generated files)
#
# Needs: /usr/bin/python3 with ovirtsdk4 importable (PYTHONPATH, or the build in $OVIRT_SDK_LIB, default
# /opt/ovirt-drill/sdk/lib), Debian's ansible package (ovirt.ovirt collection), curl, jq, bc.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
drill_dir=${DRILL_DIR:-/tmp/ovirt-drill}
export DRILL_DIR=$drill_dir
[ -f "$drill_dir/lab.env" ] || { echo "no $drill_dir/lab.env; start the lab with $here/run-lab.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$drill_dir/lab.env"
: "${LAB_TOKEN:?$drill_dir/lab.env has no LAB_TOKEN (an older run-lab.sh wrote it); restart the lab with run-lab.sh}"

python=/usr/bin/python3
sdk_lib=${OVIRT_SDK_LIB:-/opt/ovirt-drill/sdk/lib}
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
[ -d "$sdk_lib/ovirtsdk4" ] && export PYTHONPATH="$PYTHONPATH:$sdk_lib"
if ! "$python" -c 'import ovirtsdk4, ovirtsdk4.xml' 2>/dev/null; then
  cat >&2 <<MSG
ovirtsdk4 is not importable by $python. Build it (see $here/README.md):
  apt-get install -y libxml2-dev python3-dev python3-pycurl ansible
  mkdir -p /opt/ovirt-drill/sdk && git clone https://github.com/oVirt/python-ovirt-engine-sdk4 /tmp/sdk4 \\
    && git -C /tmp/sdk4 archive HEAD | tar -x -C /opt/ovirt-drill/sdk
  cd /opt/ovirt-drill/sdk && sed 's/@RPM_VERSION@/4.5.1/' lib/ovirtsdk4/version.py.in > lib/ovirtsdk4/version.py
  gcc -shared -fPIC \$(/usr/bin/python3-config --includes) -I/usr/include/libxml2 ext/*.c -lxml2 \\
    -o lib/ovirtsdk4/xml\$(/usr/bin/python3 -c 'import sysconfig;print(sysconfig.get_config_var("EXT_SUFFIX"))')
then run again (or set OVIRT_SDK_LIB / PYTHONPATH to the folder holding ovirtsdk4).
MSG
  exit 1
fi
role=${OVIRT_DR_ROLE:-$(dirname "$(find /usr/lib/python3/dist-packages/ansible_collections /usr/share/ansible /root/.ansible \
  -path '*ovirt/ovirt/roles/disaster_recovery/files/ovirt-dr' 2>/dev/null | head -1)")/..}
if [ ! -f "$role/files/ovirt-dr" ]; then
  echo "the ovirt.ovirt collection's disaster_recovery role was not found; apt-get install -y ansible (or set OVIRT_DR_ROLE)" >&2
  exit 1
fi
role=$(cd "$role" && pwd)
command -v ansible-playbook >/dev/null || { echo "ansible-playbook is missing; apt-get install -y ansible" >&2; exit 1; }

# The role runs `python3 generate_mapping.py` and Ansible runs modules with an interpreter it picks: both must be
# Debian's python3, which has pycurl and the SDK build, not another python3 earlier on PATH.
mkdir -p "$drill_dir/bin" "$drill_dir/logs"
ln -sf "$python" "$drill_dir/bin/python3"
export PATH="$drill_dir/bin:$PATH"
export ANSIBLE_PYTHON_INTERPRETER=$python ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=false

# ovirt-dr generate logs its ansible-playbook command line, password included: keep every file private.
umask 077
stamp=$(date -u +%Y%m%dT%H%M%SZ)
logs=$drill_dir/logs/$stamp
mkdir -p "$logs"
declare -a summary=()
failed=0
t0=$(date +%s.%N)

elapsed() { echo "$(date +%s.%N) - $1" | bc; }
step() {  # step NAME COMMAND... : runs it, logs to $logs/NAME.log, records PASS/FAIL and seconds
  local name=$1; shift
  local start rc secs
  start=$(date +%s.%N)
  echo "== $name"
  "$@" >"$logs/$name.log" 2>&1
  rc=$?
  secs=$(printf '%.2f' "$(elapsed "$start")")
  sed 's/^/   /' "$logs/$name.log" | tail -n "${TAIL_LINES:-25}"
  if [ $rc -eq 0 ]; then summary+=("PASS $name ${secs}s"); else summary+=("FAIL $name ${secs}s (exit $rc, log $logs/$name.log)"); failed=1; fi
  echo "   -> $( [ $rc -eq 0 ] && echo PASS || echo "FAIL (exit $rc)" ) in ${secs}s"
  return $rc
}

cat >"$drill_dir/dr-play.yml" <<'PLAY'
---
- name: oVirt disaster recovery drill
  hosts: localhost
  connection: local
  gather_facts: false
  roles:
    - ovirt.ovirt.disaster_recovery
PLAY

generated=$drill_dir/generated-vars.yml
vars=$drill_dir/dr-vars.yml
passwords=$drill_dir/dr-passwords.yml
rm -f "$generated"
cat >"$drill_dir/dr.conf" <<CONF
[log]
log_file=$logs/ovirt-dr-{}.log
log_level=DEBUG

[generate_vars]
site=$PRIMARY_URL
username=$LAB_USER
password=$LAB_PASSWORD
ca_file=$LAB_CA
output_file=$generated
ansible_play=$drill_dir/dr-play.yml

[validate_vars]
var_file=$vars

[failover_failback]
dr_target_host=secondary
dr_source_map=primary
vault=$passwords
var_file=$vars
ansible_play=$drill_dir/dr-play.yml
CONF

echo "oVirt DR drill $stamp against the lab at $LAB_CONTROL_URL (lab commit $LAB_COMMIT); logs in $logs"
echo "   role $role ($(grep -m1 '"version"' "$role/../../MANIFEST.json" 2>/dev/null | tr -d ' ,'))"
echo "   $(ansible-playbook --version | head -1), ovirtsdk4 $("$python" -c 'import ovirtsdk4.version as v; print(v.VERSION)')"

if ! curl -sf --cacert "$LAB_CA" -H "Authorization: Bearer $LAB_TOKEN" "$LAB_CONTROL_URL/lab/control" | jq -e '.sites[] | select(.name=="primary") | .up' >/dev/null; then
  echo "the primary site of this lab is down (an earlier drill?); restart the lab: kill $LAB_PID; $here/run-lab.sh" >&2
  exit 1
fi

# RhvDr's console on the same engines is how the drill reads the estate before and the result after.
if ! { [ -f "$drill_dir/console.pid" ] && kill -0 "$(cat "$drill_dir/console.pid")" 2>/dev/null; }; then
  step console-up "$here/run-console.sh"
fi
step primary-before "$python" "$here/check-recovery.py" snapshot --out "$drill_dir/primary-before.json"

step sdk-smoke-primary "$python" "$here/sdk-smoke.py" --site primary
step sdk-smoke-recovery "$python" "$here/sdk-smoke.py" --site recovery --no-actions

# ovirt-dr generate: the role's generate_mapping tag through ansible-playbook; ovirt-dr reports failure on its output only.
generate() {
  (cd "$role/files" && "$python" ./ovirt-dr generate --conf-file "$drill_dir/dr.conf") || return $?
  [ -s "$generated" ] && echo "generated $generated: $(grep -c 'dr_domain_type' "$generated") domain entries"
  # generate_mapping.py's traceback reaches only the log; its last line names the failing call.
  if grep -q "fatal:" "$logs"/ovirt-dr-*.log 2>/dev/null; then
    grep -hoE "[A-Za-z0-9_.]+(Error|Exception): .{0,300}HTTP response code is [0-9]+|[A-Za-z0-9_.]+(Error|Exception): [^\\\"]{0,300}" \
      "$logs"/ovirt-dr-*.log | sed 's/\\"/"/g; s/^novirtsdk4/ovirtsdk4/' | grep -v '^\.' | sort -u
    return 1
  fi
  [ -s "$generated" ] || { echo "no mapping file at $generated"; return 1; }
}
step ovirt-dr-generate generate

step write-vars "$python" "$here/write-vars.py" --env "$drill_dir/lab.env" --out "$vars" --passwords "$passwords"

# ovirt-dr validate asks for the two passwords on stdin.
validate() {
  local out
  out=$(cd "$role/files" && printf '%s\n%s\n' "$LAB_PASSWORD" "$LAB_PASSWORD" | "$python" ./ovirt-dr validate --conf-file "$drill_dir/dr.conf" 2>&1)
  local rc=$?
  out=$(echo "$out" | sed 's/\x1b\[[0-9;]*m//g')
  echo "$out"
  [ $rc -eq 0 ] || return $rc
  # The role refuses delete-protected VMs because its failback cannot remove them: a refusal by design, reported as
  # such. Any other failure, or a mapping section that did not validate, fails the step.
  local rest
  rest=$(echo "$out" | grep -v "Failback process does not support delete protected VMs" \
    | grep -v "Failed to validate variable mapping file for oVirt ansible disaster recovery")
  if echo "$rest" | grep -qiE "failed|error|not valid|does not exist|Traceback"; then return 1; fi
  if echo "$out" | grep -q "Failback process does not support delete protected VMs"; then
    echo "every mapping section validated; the role refuses, by design, the delete-protected VMs listed above"
  fi
  return 0
}
step ovirt-dr-validate validate

step stage-disaster "$here/stage-disaster.sh"

failover_start=$(date +%s.%N)
failover() {
  ANSIBLE_CALLBACKS_ENABLED=ansible.posix.profile_tasks ansible-playbook "$drill_dir/dr-play.yml" -t fail_over -e "@$vars" -e "@$passwords" \
    -e "dr_target_host=secondary dr_source_map=primary dr_report_file=ovirt-dr-report-$stamp.log" -vvv \
    >"$logs/fail_over-ansible.log" 2>&1
  local rc=$?
  grep -E "^fatal:|^failed:|\"msg\":|^localhost +:" "$logs/fail_over-ansible.log" | cut -c1-600 | tail -40
  [ -f "/tmp/ovirt-dr-report-$stamp.log" ] && { echo "-- role report:"; cat "/tmp/ovirt-dr-report-$stamp.log"; }
  # profile_tasks stamps each task with the previous task's duration: total them per task name.
  echo "-- seconds per task name (calls), top 12:"
  "$python" - "$logs/fail_over-ansible.log" <<'PY'
import re, sys, collections
total, calls, name, prev = collections.Counter(), collections.Counter(), None, None
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"TASK \[[^:]*: (.*?)\] \**$", line.rstrip())
    if m:
        name = m.group(1)
        continue
    t = re.search(r"\((\d+):(\d+):([\d.]+)\)\s+\d+:\d+:[\d.]+ \*+", line)
    if t:
        if prev is not None:
            total[prev] += int(t.group(1)) * 3600 + int(t.group(2)) * 60 + float(t.group(3))
            calls[prev] += 1
        prev = name
for n, secs in total.most_common(12):
    print("%9.2f  %4d  %s" % (secs, calls[n], n))
PY
  [ $rc -eq 0 ] || return $rc
  # The role ignores task errors (dr_ignore_error_recover) and exits 0; count what it swallowed.
  local errors
  errors=$(grep -cE "^(fatal|failed): " "$logs/fail_over-ansible.log")
  echo "task errors the role ignored: $errors"
  [ "$errors" -eq 0 ]
}
TAIL_LINES=60 step fail_over failover
failover_secs=$(printf '%.2f' "$(elapsed "$failover_start")")

failover_end=$(date +%s)
wanted=$(sed -n 's/^ *dr_secondary_name: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$vars" | paste -sd, -)
step check-recovery "$python" "$here/check-recovery.py" check --before "$drill_dir/primary-before.json" --domains "$wanted" --since "$failover_end"

total=$(printf '%.2f' "$(elapsed "$t0")")
echo
echo "== summary (lab commit $LAB_COMMIT, TimeScale $(curl -sf --cacert "$LAB_CA" -H "Authorization: Bearer $LAB_TOKEN" "$LAB_CONTROL_URL/lab/control" | jq -r .timeScale))"
printf '   %s\n' "${summary[@]}"
echo "   fail_over wall time ${failover_secs}s; whole drill ${total}s"
exit $failed
