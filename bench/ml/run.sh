#!/usr/bin/env bash
# Scoring cost per interval vector (JMH, against feature extraction alone in the same run) and memory
# and disk per container model. About 6 minutes on 2 cores. Options after the script go to JMH.
#
#   bench/ml/run.sh                        # all four family x algorithm combinations
#   bench/ml/run.sh -p algorithm=isolation-forest
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
echo "== building (ml-core, ml-resource, ml-syscall, bench/ml)"
(cd "$root" && mvn -q -B -o install -DskipTests -pl bundles/ml-core,bundles/ml-resource,bundles/ml-syscall,bench/ml -am)
cp_file="$here/target/classpath.txt"
(cd "$here" && mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/infrasight-bench-ml-0.1.0-SNAPSHOT.jar:$(cat "$cp_file")"
echo "== machine: $(nproc) CPUs, load before the run: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
csv="$here/target/scoring.csv"
java -cp "$cp" org.openjdk.jmh.Main io.infrasight.bench.ml.ScoringBenchmark -rf csv -rff "$csv" "$@"
echo
echo "== scoring cost per vector, as a ratio to feature extraction alone (same run)"
python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def key(r): return (r["Param: family"], r["Param: algorithm"])
base = {key(r): float(r["Score"]) for r in rows if r["Benchmark"].endswith("baselineFeatureExtraction")}
print(f"{'family':9} {'algorithm':17} {'extract us':>10} {'score us':>10} {'ratio':>8}")
for r in rows:
    if r["Benchmark"].endswith("scoreOneVector"):
        b = base[key(r)]; s = float(r["Score"])
        print(f"{key(r)[0]:9} {key(r)[1]:17} {b:10.2f} {s:10.2f} {s / b:8.1f}x  (+-{float(r['Score Error (99.9%)']):.2f} us)")
PY
echo
echo "== memory and disk per per-container model (16 containers, 2000 learning vectors each)"
java -Xms2g -Xmx2g -cp "$cp" io.infrasight.bench.ml.ModelFootprint 16 2000
