#!/usr/bin/env bash
# Runs the bus throughput benchmark (issue 2) and prints events/s, median and spread across forks,
# ratios against the baselines, and whether the 2M events/s target holds. About 2 minutes on 2 cores.
#
#   bench/run-bus-bench.sh                 # defaults: 3 forks x (2 x 2 s warm-up + 3 x 2 s measured)
#   bench/run-bus-bench.sh -f 2 -p batch=64,256   # any JMH option overrides the defaults
#
# Builds target/benchmarks.jar first when it is missing or older than the sources (set REBUILD=1 to force).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"

if [[ "${REBUILD:-0}" == 1 || ! -f "$jar" ]] \
   || [[ -n "$(find "$here/src" "$here/pom.xml" "$root/platform/core/src/main" "$root/platform/api/src/main" \
                -newer "$jar" -type f -print -quit)" ]]; then
  echo "== building $jar"
  (cd "$root" && mvn -q -B -N install \
     && mvn -q -B -f platform/api/pom.xml install \
     && mvn -q -B -f platform/core/pom.xml install -DskipTests \
     && mvn -q -B -f bench/pom.xml package)
fi

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r)"
echo "== java: $(java -version 2>&1 | head -1)"
echo "== load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

exec java -cp "$jar" io.infrasight.bench.RunBusBench "$@"   # forks, warm-up and measurement come from the annotations
