#!/usr/bin/env bash
# Runs the enrichment benchmark (issue 5): ns per event for the whole chain and per enricher, warm
# caches, a realistic event mix from this machine's processes plus two containers in real cgroups
# (needs root and cgroup v2; everything made is removed at the end). Prints hit rates per enricher.
#
#   bench/enrich/run-enrich-bench.sh            # 2 forks x (3 x 1 s warm-up + 5 x 1 s measured)
#   bench/enrich/run-enrich-bench.sh chain -f 3 # any JMH arguments
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/enrich-benchmarks.jar"
if [[ "${REBUILD:-0}" == 1 || ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -B -N install && mvn -q -B -f platform/api/pom.xml install -DskipTests \
     && mvn -q -B -f platform/core/pom.xml install -DskipTests \
     && for m in process users container k8s format; do mvn -q -B -f bundles/enrich-$m/pom.xml install -DskipTests; done \
     && mvn -q -B -f bench/enrich/pom.xml package -DskipTests)
fi
echo "== machine: $(nproc) CPUs, kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -jar "$jar" "${@:-EnrichBenchmark}"
