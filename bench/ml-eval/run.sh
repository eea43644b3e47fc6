#!/usr/bin/env bash
# Evaluation of the anomaly models (issue 9): real resource and syscall-frequency probes, three normal
# workloads in cgroup v2 "containers" (web server + client, a build loop, an idle shell service), a
# learning phase, then six anomalies injected one at a time while the workloads go on. Prints progress
# and then TP/FP/TN/FN, precision, recall and false-positive rate per family x level x algorithm, and
# recall per anomaly. docs/ml.md ("Evaluation") explains the scenario and the labels.
#
#   sudo bench/ml-eval/run.sh          # full length: 5 min learning, 3 rounds of 6 anomalies; one run per
#                                      # algorithm (~13 min each), so that LOF's slower scoring cannot delay
#                                      # the Isolation Forest engines' input (one feeding thread per run)
#   sudo bench/ml-eval/run.sh short    # the CI scenario (~85 s, both algorithms in one run), as
#                                      # ShortEvaluationTest runs it
#   LEARN=600 ROUNDS=5 ON=10 OFF=15 ALGORITHMS=isolation-forest sudo -E bench/ml-eval/run.sh
#
# Needs root, a BTF kernel, cgroup v2 (unified or hybrid), java 17, maven, python3, gcc, curl, wget, bash.
# Build the modules it uses first (see docs/ml.md). Everything started runs in
# <cgroup2>/infrasight-eval/run-<pid>; the harness kills and removes it at the end, and so does the trap
# here if the JVM dies.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE="${1:-full}"
OUT="$HERE/target"

log() { echo "[ml-eval] $*" >&2; }
[ "$(id -u)" = 0 ] || { log "ERROR: run as root (BPF, cgroups)"; exit 1; }
[ "$MODE" = full ] || [ "$MODE" = short ] || { log "usage: $0 [full|short]"; exit 2; }
mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing || true

mkdir -p "$OUT"
log "compiling the harness and resolving its class path"
(cd "$ROOT" && mvn -q -B -f bench/ml-eval/pom.xml compile dependency:build-classpath \
    -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime >/dev/null)

PROPS=()
[ -n "${LEARN:-}" ] && PROPS+=("-Dlearn=$LEARN")
[ -n "${MIN_SAMPLES:-}" ] && PROPS+=("-DminSamples=$MIN_SAMPLES")
[ -n "${ON:-}" ] && PROPS+=("-Don=$ON")
[ -n "${OFF:-}" ] && PROPS+=("-Doff=$OFF")
[ -n "${ROUNDS:-}" ] && PROPS+=("-Drounds=$ROUNDS")

UNIFIED=/sys/fs/cgroup/unified
[ -e "$UNIFIED/cgroup.procs" ] || UNIFIED=/sys/fs/cgroup
JAVA_PID=
cleanup() {
    # the harness cleans up after itself; this is for a JVM that was killed or hung
    [ -n "$JAVA_PID" ] || return 0
    if kill -0 "$JAVA_PID" 2>/dev/null; then
        kill "$JAVA_PID" 2>/dev/null || true
        sleep 3
    fi
    local g="$UNIFIED/infrasight-eval/run-$JAVA_PID"
    if [ -d "$g" ]; then
        echo 1 > "$g/cgroup.kill" 2>/dev/null || true
        sleep 1
        find "$g" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    fi
}
trap cleanup EXIT

# private copies: another build (installing a snapshot into ~/.m2, recompiling this module) must not
# change classes under a running JVM
rm -rf "$OUT/lib" && mkdir -p "$OUT/lib" && cp -r "$OUT/classes" "$OUT/lib/harness"
CP="$OUT/lib/harness"
IFS=: read -r -a JARS < "$OUT/cp.txt" || true   # no newline at its end
for j in "${JARS[@]}"; do
    cp "$j" "$OUT/lib/" && CP="$CP:$OUT/lib/$(basename "$j")"
done

# one JVM at a time; JAVA_PID is what the trap cleans up after
run() {   # run <algorithms> <output name>
    java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -Dorg.slf4j.simpleLogger.log.io.infrasight.ml.internal.Models=info "${PROPS[@]}" -Dalgorithms="$1" \
        -cp "$CP" io.infrasight.bench.mleval.Main "$MODE" "$OUT/$2" > >(tee "$OUT/$2.txt") 2>&1 &
    JAVA_PID=$!
    local rc=0
    wait "$JAVA_PID" || rc=$?
    return $rc
}

RC=0
if [ -n "${ALGORITHMS:-}" ]; then
    run "$ALGORITHMS" "ml-eval-$MODE" || RC=$?
elif [ "$MODE" = short ]; then
    run isolation-forest,lof "ml-eval-short" || RC=$?
else
    for a in isolation-forest lof; do
        run "$a" "ml-eval-full-$a" || RC=$?
        cleanup
    done
fi
exit $RC
