#!/usr/bin/env bash
# Event probes (issue 4): what each probe adds to the syscall it traces, and what all six attached
# add to a syscall none of them traces (getppid), measured side by side with no probe; and, when the
# exec/open/resource/syscalls probes are built too, all ten attached on a getppid and an
# openat+close storm (the issue's ratios to no probe).
# For each repetition and each (probe, storm) pair: storm without probe, then the storm with the
# probe running in a JVM (ProbeHost: the real DS component, default configuration, events counted).
#
#   bench/eventprobes/run.sh            # as root, after: mvn -q -B install -DskipTests (or the modules)
#   REPS=5 N=300000 bench/eventprobes/run.sh
# The kernel-side cost is also read directly: kernel.bpf_stats_enabled is switched on for the run
# (restored after) and the probe's enter+exit programs' run_time_ns / N is the "BPF ns per call".
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/target"
REPS="${REPS:-3}"
N="${N:-200000}"
M2="${M2:-$HOME/.m2/repository}"
V=0.1.0-SNAPSHOT
log() { echo "[eventprobes] $*" >&2; }
[ "$(id -u)" = 0 ] || { log "run as root"; exit 1; }
mkdir -p "$OUT/classes"
STATS_BEFORE="$(cat /proc/sys/kernel/bpf_stats_enabled)"
gcc -O2 -Wall -Werror -o "$OUT/storm" "$HERE/storm.c"
CP="$M2/io/infrasight/infrasight-api/$V/infrasight-api-$V.jar:$M2/io/infrasight/infrasight-bpf-runtime/$V/infrasight-bpf-runtime-$V.jar"
for p in chmod connect accept ptrace mmap mount; do
  CP="$CP:$ROOT/probes/$p/target/infrasight-probe-$p-$V.jar"
done
CP="$CP:$(ls "$M2"/org/slf4j/slf4j-api/*/slf4j-api-*.jar | grep -v sources | sort -V | tail -1)"
CP="$CP:$(ls "$M2"/org/slf4j/slf4j-nop/*/slf4j-nop-*.jar 2>/dev/null | sort -V | tail -1 || true)"
CP="$CP:$(ls "$M2"/org/osgi/osgi.annotation/*/osgi.annotation-*.jar | sort -V | tail -1)"
# the other four probes, for the "all ten" rows (issue 4's benchmark), when they are built
TEN=1
for p in exec open resource syscalls; do
  j="$ROOT/probes/$p/target/infrasight-probe-$p-$V.jar"
  if [ -r "$j" ]; then CP="$CP:$j"; else TEN=0; fi
done
CP="$CP:$(ls "$M2"/org/osgi/osgi.core/*/osgi.core-*.jar 2>/dev/null | sort -V | tail -1 || true)"
javac -nowarn -d "$OUT/classes" -cp "$CP" "$HERE/ProbeHost.java"
CP="$CP:$OUT/classes"
mount | grep -q ' /sys/kernel/tracing ' || mount -t tracefs tracefs /sys/kernel/tracing

HOST_PID=""
cleanup() {
  [ -n "$HOST_PID" ] && kill "$HOST_PID" 2>/dev/null || true
  rm -f "$OUT/in"
  echo "$STATS_BEFORE" > /proc/sys/kernel/bpf_stats_enabled
}
trap cleanup EXIT
echo 1 > /proc/sys/kernel/bpf_stats_enabled

# run_with "<probe classes>" <kind>: starts the host, waits for ready, storms, prints ns/op and events
run_with() {
  rm -f "$OUT/in" "$OUT/host.out"; mkfifo "$OUT/in"
  timeout 120 java -cp "$CP" ProbeHost $1 < "$OUT/in" > "$OUT/host.out" 2>"$OUT/host.err" &
  HOST_PID=$!
  exec 9>"$OUT/in"
  for _ in $(seq 200); do grep -q -e ready -e failed "$OUT/host.out" 2>/dev/null && break; sleep 0.1; done
  grep -q ready "$OUT/host.out" || { log "probe host failed: $(cat "$OUT/host.out" "$OUT/host.err")"; exit 1; }
  local r; r="$(timeout 120 "$OUT/storm" "$2" "$N")"
  # run time of the programs that trace this storm's syscall, per call
  local bpfns; bpfns="$(bpftool -j prog show | python3 -c '
import json, sys
sub = {"fchmod": "fchmod", "connect": "connec", "ptrace": "ptrace", "mmap": "_mmap", "mprotect": "mprot",
       "umount": "umount", "openat": "openat"}.get(sys.argv[1])
progs = [p for p in json.load(sys.stdin) if sub and sub in p.get("name", "") and p.get("name", "").startswith("on_")]
print(round(sum(p.get("run_time_ns", 0) for p in progs) / int(sys.argv[2])) if progs else "-")' "$2" "$N")"
  echo quit >&9; exec 9>&-
  wait "$HOST_PID" || true; HOST_PID=""
  local drops; drops="$(grep -o 'kernel_dropped_ringbuf_full=[0-9]*' "$OUT/host.out" | cut -d= -f2 | awk '{s+=$1} END {print s+0}')"
  echo "$r $(grep '^events' "$OUT/host.out" | tail -1 | cut -d' ' -f2) ${drops:-0} $bpfns"
}

ALL="io.infrasight.probe.chmod.ChmodProbe io.infrasight.probe.connect.ConnectProbe io.infrasight.probe.accept.AcceptProbe io.infrasight.probe.ptrace.PtraceProbe io.infrasight.probe.mmap.MmapProbe io.infrasight.probe.mount.MountProbe"
ALL10="io.infrasight.probe.exec.ExecProbe io.infrasight.probe.open.OpenProbe io.infrasight.probe.resource.ResourceProbe io.infrasight.probe.syscalls.SyscallsProbe $ALL"
PAIRS="chmod.ChmodProbe:fchmod connect.ConnectProbe:connect ptrace.PtraceProbe:ptrace mmap.MmapProbe:mmap mmap.MmapProbe:mprotect mount.MountProbe:umount ALL:getppid ALL:fchmod"
[ "$TEN" = 1 ] && PAIRS="$PAIRS ALL10:getppid ALL10:openat"
RES="$OUT/results.tsv"; : > "$RES"
for rep in $(seq "$REPS"); do
  for pair in $PAIRS; do
    probe="${pair%%:*}"; kind="${pair##*:}"
    case "$probe" in
      ALL) classes="$ALL" ;;
      ALL10) classes="$ALL10" ;;
      *) classes="io.infrasight.probe.$probe" ;;
    esac
    read -r _ base base_wall < <("$OUT/storm" "$kind" "$N")
    read -r _ with with_wall events drops bpfns < <(run_with "$classes" "$kind")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$probe" "$kind" "$base" "$with" "$events" "$drops" "$base_wall" "$with_wall" "$bpfns" \
      | tee -a "$RES" >&2
  done
done
python3 - "$RES" "$N" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p, k, b, w, e, d, bw, ww, bpf = line.rstrip('\n').split('\t')
    rows[(p, k)].append((float(b), float(w), int(e), int(d or 0), float(bw), float(ww), None if bpf == '-' else float(bpf)))
print(f"| probe(s) | storm ({sys.argv[2]} calls) | no probe, CPU ns/op | with probe, CPU ns/op | added ns | ratio | BPF programs ns/call | wall ns/op no probe / with | events delivered | ring-full drops |")
print("|---|---|---|---|---|---|---|---|---|---|")
med = lambda v, i: statistics.median(x[i] for x in v)
for (p, k), v in rows.items():
    b, w = med(v, 0), med(v, 1)
    bpf = [x[6] for x in v if x[6] is not None]
    bpf = f"{statistics.median(bpf):.0f}" if bpf else "-"
    name = {'ALL': 'all six', 'ALL10': 'all ten'}.get(p, p.split('.')[0])
    print(f"| {name} | {k} | {b:.0f} | {w:.0f} | {w - b:+.0f} | {w / b:.2f} | {bpf} "
          f"| {med(v, 4):.0f} / {med(v, 5):.0f} | {med(v, 2):.0f} | {max(x[3] for x in v)} |")
PY
