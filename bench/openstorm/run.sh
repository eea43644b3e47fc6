#!/usr/bin/env bash
# Open storm (issue 3): an openat+close loop measured side by side, in one run, against
#   a  no probe
#   b  cconsumer: minimal C libbpf consumer of the same open.bpf.o (the limit)
#   c  bpftrace printing the same events (sys_enter_openat printf)
#   d  Linux audit (auditd) with an openat rule for the storm's pid
#   e  Java: the real OpenProbe (DS component) into an EventPublisher that counts
#   f  diagnostic: Java ProbeRunner (JNI batch reader) with a decoder that only counts records
# Each repetition runs a..f in that order, each after its own (a) baseline; the summary gives
# medians. ~1-2 min with the defaults on an idle 2-core box; a watchdog ends the run after
# LIMIT_S (300) s whatever happens, the trap removes the audit rule and our processes and prints
# what was measured so far.
#
#   sudo bench/openstorm/run.sh                 # after: mvn -q -B install -DskipTests
#   REPS=3 N=1000000 N_SLOW=50000 WARM=300000 LIMIT_S=300 bench/openstorm/run.sh
#
# Needs root, a BTF kernel, gcc, libbpf-dev, bpftrace, auditd, java 17, maven (class path), python3.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/target"
TMP="$OUT/run"
REPS="${REPS:-3}"
N="${N:-1000000}"            # ops per storm for a, b, e
N_SLOW="${N_SLOW:-50000}"   # ops per storm for c, d (10-15 us per op there)
WARM="${WARM:-300000}"       # untimed warm-up storm for b, e (JIT, caches); its events are not counted
RING_KIB="${RING_KIB:-8192}" # the open probe's default
FILE="${FILE:-/etc/hostname}"
DRAIN_S=0.7                  # after a storm: > 10 ms poll and > 0.5 s Java counter refresh
HZ="$(getconf CLK_TCK)"
OBJ="$ROOT/bpf/target/classes/bpf/open.bpf.o"
PROBE_JAR="$(ls "$ROOT"/probes/open/target/infrasight-probe-open-*.jar 2>/dev/null | grep -v sources | head -1 || true)"

log() { echo "[openstorm] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (BPF, audit)"
[ -r "$OBJ" ] && [ -n "$PROBE_JAR" ] || die "build first: cd $ROOT && mvn -q -B install -DskipTests"
rm -rf "$TMP" && mkdir -p "$TMP" "$OUT/classes"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"

# ---------------------------------------------------------------- build the pieces
log "building openstorm, cconsumer, OpenStormJava"
gcc -O2 -Wall -Werror -o "$OUT/openstorm" "$HERE/openstorm.c"
gcc -O2 -Wall -Werror -o "$OUT/cconsumer" "$HERE/cconsumer.c" -lbpf
# the C consumer must load the very object the Java probe ships
unzip -p "$PROBE_JAR" bpf/open.bpf.o | cmp -s - "$OBJ" || die "$OBJ differs from the one in $PROBE_JAR: rebuild"
(cd "$ROOT" && timeout 120 mvn -q -B -o -pl probes/open dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$TMP/cp.txt" >/dev/null 2>&1 ||
  timeout 120 mvn -q -B -pl probes/open dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$TMP/cp.txt" >/dev/null) || die "maven could not give the probe's class path"
CP="$(tr ':' '\n' < "$TMP/cp.txt" | grep -v -e junit -e opentest4j -e apiguardian | paste -sd:):$PROBE_JAR"
javac -nowarn -d "$OUT/classes" -cp "$CP" "$HERE/OpenStormJava.java"

# ---------------------------------------------------------------- state to restore, cleanup
mount | grep -q ' /sys/kernel/tracing ' || mount -t tracefs tracefs /sys/kernel/tracing ||
  die "tracefs not mounted and not mountable"
AUDIT_OK=1
AUDIT_WHY=""
if ! command -v auditctl >/dev/null || ! command -v auditd >/dev/null; then
  AUDIT_OK=0; AUDIT_WHY="auditd/auditctl not installed (apt-get install auditd)"
elif ! auditctl -s >/dev/null 2>&1; then
  AUDIT_OK=0; AUDIT_WHY="auditctl -s fails: $(auditctl -s 2>&1 | head -1) (no audit in this kernel or no CAP_AUDIT_CONTROL)"
fi
audit_field() { auditctl -s | awk -v k="$1" '$1 == k {print $2}'; }
if [ "$AUDIT_OK" = 1 ]; then
  A_ENABLED0="$(audit_field enabled)"; A_BACKLOG0="$(audit_field backlog_limit)"; A_WAIT0="$(audit_field backlog_wait_time)"
fi
OUR_AUDITD=""
AUDIT_RULE=()
CONS_PIDS=()
BT_PID=""
WATCHDOG=""
SUMMARIZED=""
BASE_NSOP=0; BASE_CPUOP=0; STORM_CPUOP=0; CPU_TICKS=0

cleanup() {
  set +e
  [ -n "$WATCHDOG" ] && kill "$WATCHDOG" 2>/dev/null
  for p in "${CONS_PIDS[@]}" $BT_PID; do
    kill -0 "$p" 2>/dev/null && kill -TERM "$p" 2>/dev/null
  done
  if [ ${#AUDIT_RULE[@]} -gt 0 ]; then auditctl -d "${AUDIT_RULE[@]}" >/dev/null 2>&1; fi
  if [ -n "$OUR_AUDITD" ]; then
    kill -TERM "$OUR_AUDITD" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$OUR_AUDITD" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ "$AUDIT_OK" = 1 ]; then
    auditctl -e "$A_ENABLED0" -b "$A_BACKLOG0" --backlog_wait_time "$A_WAIT0" >/dev/null 2>&1
  fi
  rm -f /dev/shm/openstorm-bpftrace.out
  if [ -z "$SUMMARIZED" ] && [ -s "$RESULTS" ]; then
    log "partial results (stopped early):"; SUMMARIZED=1
python3 "$HERE/summarize.py" "$RESULTS" "$HZ"
  fi
}
trap cleanup EXIT
trap 'log "stopped (signal or the ${LIMIT_S} s watchdog)"; exit 130' INT TERM
# stops by itself: whatever hangs, the whole run ends after LIMIT_S seconds (and cleans up)
LIMIT_S="${LIMIT_S:-300}"
( sleep "$LIMIT_S"; kill -TERM $$ ) 2>/dev/null &
WATCHDOG=$!

# ---------------------------------------------------------------- helpers
ticks() {   # utime+stime of the given pids, in clock ticks
  local s=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && s=$((s + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$s"
}

# run_storm OPS MODE CPU_PIDS... : starts the storm gated, runs PRE_GO (hook: audit rule), reads
# consumer CPU around it. Sets STORM_PID, STORM_NS, STORM_NSOP, CPU_TICKS.
run_storm() {
  local ops="$1"; shift
  local gate="$TMP/gate"
  rm -f "$gate" && mkfifo "$gate"
  "$OUT/openstorm" "$FILE" "$ops" -g < "$gate" > "$TMP/storm.out" &   # $! must be the storm itself
  STORM_PID=$!
  exec 9> "$gate"          # lets it exec; it then blocks reading the go byte
  sleep 0.2                # its dynamic loader's opens are done by now
  if declare -F pre_go >/dev/null; then pre_go; fi
  local t0; t0="$(ticks "$@")"
  echo go >&9
  exec 9>&-
  wait "$STORM_PID" || die "storm failed: $(cat "$TMP/storm.out")"
  local t1; t1="$(ticks "$@")"
  CPU_TICKS=$((t1 - t0))
  STORM_NS="$(sed -n 's/.*elapsed_ns=\([0-9]*\).*/\1/p' "$TMP/storm.out")"
  STORM_NSOP="$(sed -n 's/.* ns_per_op=\([0-9.]*\).*/\1/p' "$TMP/storm.out")"
  STORM_CPUOP="$(sed -n 's/.*cpu_ns_per_op=\([0-9.]*\).*/\1/p' "$TMP/storm.out")"
}

busy_pct() {   # share of both CPUs busy over 1 s, before a repetition: other load makes figures noisy
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( 100 * (total - idle) / (total > 0 ? total : 1) ))
}

cpu_pct() { awk -v t="$1" -v hz="$HZ" -v ns="$2" 'BEGIN {printf "%.1f", 100 * t / hz / (ns / 1e9)}'; }
field() { sed -n "s/.*\\b$1=\\([0-9]*\\).*/\\1/p" <<< "$2"; }

# record REP MODE OPS NSOP STORM_NS DELIVERED_AT_END DELIVERED DROPS CPU_PCT NOTE (+ storm CPU ns/op,
# consumer CPU ticks, the paired baseline's wall and CPU ns/op)
record() { (IFS=$'\t'; echo "$*"$'\t'"$STORM_CPUOP"$'\t'"${CPU_TICKS:-0}"$'\t'"$BASE_NSOP"$'\t'"$BASE_CPUOP") >> "$RESULTS"; }

# A consumer speaking the snap/quit protocol (cconsumer, OpenStormJava): start, warm up, measure.
measure_protocol() {
  local rep="$1" mode="$2"; shift 2
  coproc CONS { exec "$@" 2> "$TMP/$mode.err"; }
  local pid="$CONS_PID" line
  CONS_PIDS+=("$pid")
  read -r -t 30 line <&"${CONS[0]}" || die "$mode did not start: $(tail -3 "$TMP/$mode.err")"
  [ "$line" = ready ] || die "$mode: $line"
  timeout 120 "$OUT/openstorm" "$FILE" "$WARM" > /dev/null   # warm-up, not counted
  sleep 0.5
  echo snap >&"${CONS[1]}"; read -r -t 10 line <&"${CONS[0]}"
  local s0="$line"
  run_storm "$N" "$pid"
  echo snap >&"${CONS[1]}"; read -r -t 10 line <&"${CONS[0]}"
  local s1="$line"
  sleep "$DRAIN_S"
  echo snap >&"${CONS[1]}"; read -r -t 10 line <&"${CONS[0]}"
  local s2="$line"
  echo quit >&"${CONS[1]}"
  wait "$pid" 2>/dev/null || true
  local at_end=$(( $(field storm "$s1") - $(field storm "$s0") ))
  local total=$(( $(field storm "$s2") - $(field storm "$s0") ))
  local drops=$(( $(field rb_full "$s2") - $(field rb_full "$s0") ))
  record "$rep" "$mode" "$N" "$STORM_NSOP" "$STORM_NS" "$at_end" "$total" "$drops" \
    "$(cpu_pct "$CPU_TICKS" "$STORM_NS")" "kernel emitted $(( $(field emitted "$s2") - $(field emitted "$s0") ))"
}

# (a), run right before every other configuration: each one is compared with its own baseline,
# taken seconds earlier, which matters when other work shares the machine
measure_none() {
  CPU_TICKS=0
  run_storm "$N"
  BASE_NSOP="$STORM_NSOP"; BASE_CPUOP="$STORM_CPUOP"
  record "$1" a_none "$N" "$STORM_NSOP" "$STORM_NS" 0 0 0 0 "-"
}

quiet() {   # wait up to 30 s for the machine to be less than 60 % busy; say how busy it was
  local b i
  for i in $(seq 30); do b="$(busy_pct)"; [ "$b" -lt 60 ] && break; done
  echo "$b % busy (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

measure_bpftrace() {
  local rep="$1" out=/dev/shm/openstorm-bpftrace.out
  # stdout to tmpfs, not /dev/null: bpftrace writes its "Lost N events" lines to the same stdout
  bpftrace -e 'tracepoint:syscalls:sys_enter_openat { printf("%d %s %s\n", pid, comm, str(args->filename)); }' \
    > "$out" 2> "$TMP/bpftrace.err" &
  BT_PID=$!
  local i
  for i in $(seq 300); do   # attached once it prints something (its own opens do not count: comm)
    [ -s "$out" ] && break
    kill -0 "$BT_PID" 2>/dev/null || die "bpftrace exited: $(cat "$TMP/bpftrace.err")"
    sleep 0.1
  done
  sleep 0.5
  run_storm "$N_SLOW" "$BT_PID"
  sleep "$DRAIN_S"
  kill -INT "$BT_PID"; wait "$BT_PID" 2>/dev/null || true
  BT_PID=""
  local delivered lost
  delivered="$(grep -c "^$STORM_PID openstorm " "$out" || true)"
  lost="$(awk '/^Lost [0-9]+ events/ {s += $2} END {print s + 0}' "$out")"
  rm -f "$out"
  record "$rep" c_bpftrace "$N_SLOW" "$STORM_NSOP" "$STORM_NS" "-" "$delivered" "$lost" \
    "$(cpu_pct "$CPU_TICKS" "$STORM_NS")" "lost is all of bpftrace's (any process)"
}

measure_audit() {
  local rep="$1"
  if [ "$AUDIT_OK" = 0 ]; then
    STORM_CPUOP=0; record "$rep" d_audit 0 0 0 - - - - "not run: $AUDIT_WHY"; return
  fi
  local logf="$TMP/audit/audit.log" apid
  if [ -z "$OUR_AUDITD" ]; then
    if [ -r /run/auditd.pid ] && kill -0 "$(cat /run/auditd.pid)" 2>/dev/null; then
      die "an auditd is already running (pid $(cat /run/auditd.pid)): stop it or set AUDIT=skip"
    fi
    mkdir -p "$TMP/audit"
    # Debian's auditd.conf, logging into our directory with no rotation (a rotation would lose counts)
    sed -e "s#^log_file = .*#log_file = $logf#" -e 's#^max_log_file_action = .*#max_log_file_action = IGNORE#' \
      -e 's#^max_log_file = .*#max_log_file = 100000#' /etc/audit/auditd.conf > "$TMP/audit/auditd.conf"
    chmod 640 "$TMP/audit/auditd.conf"
    auditd -c "$TMP/audit" || die "auditd would not start"
    for _ in $(seq 50); do [ -s /run/auditd.pid ] && kill -0 "$(cat /run/auditd.pid)" 2>/dev/null && break; sleep 0.1; done
    OUR_AUDITD="$(cat /run/auditd.pid)"
    # the buffers Debian's /etc/audit/rules.d/audit.rules sets
    auditctl -b 8192 --backlog_wait_time 60000 >/dev/null
    sleep 0.5
  fi
  apid="$OUR_AUDITD"
  local kaudit; kaudit="$(pgrep -x kauditd | head -1 || true)"
  local off; off="$(stat -c %s "$logf" 2>/dev/null || echo 0)"
  local lost0 wait0; lost0="$(audit_field lost)"; wait0="$(audit_field backlog_wait_time_actual)"
  pre_go() {
    AUDIT_RULE=(always,exit -F arch=b64 -S openat -F pid="$STORM_PID" -k openstorm)
    auditctl -a "${AUDIT_RULE[@]}" >/dev/null
  }
  run_storm "$N_SLOW" "$apid" $kaudit
  unset -f pre_go
  local ticks_auditd; ticks_auditd=$CPU_TICKS
  auditctl -d "${AUDIT_RULE[@]}" >/dev/null; AUDIT_RULE=()
  sleep "$DRAIN_S"
  local delivered; delivered="$(tail -c +"$((off + 1))" "$logf" | grep -c 'type=SYSCALL.*key="openstorm"' || true)"
  local lost=$(( $(audit_field lost) - lost0 ))
  local waited=$(( $(audit_field backlog_wait_time_actual) - wait0 ))
  record "$rep" d_audit "$N_SLOW" "$STORM_NSOP" "$STORM_NS" "-" "$delivered" "$lost" \
    "$(cpu_pct "$ticks_auditd" "$STORM_NS")" "auditd+kauditd CPU; backlog_wait_time_actual +$waited"
  : > "$logf"   # keep the disk small between repetitions
}

# ---------------------------------------------------------------- run
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)"
log "java: $(java -version 2>&1 | head -1); bpftrace: $(bpftrace --version 2>&1); libbpf: $(dpkg-query -W -f '${Version}' libbpf1 2>/dev/null || echo '?')"
log "object: $OBJ ($(sha256sum "$OBJ" | cut -c1-12)); file: $FILE; N=$N N_SLOW=$N_SLOW WARM=$WARM ring=${RING_KIB} KiB reps=$REPS"
[ "$AUDIT_OK" = 1 ] || log "audit will not run: $AUDIT_WHY"
START=$(date +%s)
for rep in $(seq "$REPS"); do
  log "repetition $rep/$REPS: machine $(quiet)"
  measure_none "$rep"; log "repetition $rep/$REPS: b (C libbpf consumer)"
  measure_protocol "$rep" b_cconsumer "$OUT/cconsumer" "$OBJ" "$RING_KIB"
  measure_none "$rep"; log "repetition $rep/$REPS: c (bpftrace)"
  measure_bpftrace "$rep"
  measure_none "$rep"; log "repetition $rep/$REPS: d (audit)"
  measure_audit "$rep"
  measure_none "$rep"; log "repetition $rep/$REPS: e (Java OpenProbe)"
  measure_protocol "$rep" e_java java -cp "$CP:$OUT/classes" OpenStormJava "$RING_KIB"
  measure_none "$rep"; log "repetition $rep/$REPS: f (Java ProbeRunner, records only counted)"
  measure_protocol "$rep" f_java_raw java -cp "$CP:$OUT/classes" OpenStormJava "$RING_KIB" raw
done
log "done in $(( $(date +%s) - START )) s; raw results: $RESULTS"
SUMMARIZED=1
python3 "$HERE/summarize.py" "$RESULTS" "$HZ"
