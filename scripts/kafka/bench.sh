#!/bin/bash
# Kafka transport benchmark (docs/benchmarks.md): a broker pinned to CPU 1, the agent/server JVM
# pinned to CPU 0, so "one core" means one core for the agent. Prints the BENCH lines.
#   scripts/kafka/bench.sh            # throughput (3 rounds of 2M events) and latency at 10k/s
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export KAFKA_DIR=${KAFKA_DIR:-/tmp/infrasight-kafka-bench} KAFKA_PORT=${KAFKA_PORT:-19392} KAFKA_HEAP=${KAFKA_HEAP:-1g}
cpus=$(nproc)
broker_cpu=$([ "$cpus" -gt 1 ] && echo 1 || echo 0)
trap '"$root/scripts/kafka/stop.sh" >/dev/null; KAFKA_WIPE=1 "$root/scripts/kafka/stop.sh" >/dev/null' EXIT
taskset -c "$broker_cpu" "$root/scripts/kafka/start.sh"
cd "$root"
bench() {
    mvn -q -B -f bundles/source-kafka/pom.xml test -Dtest="KafkaBench#$1" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dkafka.bench=true -Dkafka.bootstrap=127.0.0.1:$KAFKA_PORT "${@:2}" 2>&1 | grep -E "BENCH|FAIL|ERROR" || true
}
# throughput: the agent (bus, encoding, sender, producer I/O thread) on one core
taskset -c 0 bash -c "$(declare -f bench); KAFKA_PORT=$KAFKA_PORT bench agentToBrokerThroughputWithLz4 $*"
# latency: agent and server in one JVM, not pinned (pinning both to one core measures contention)
bench endToEndLatencyAtTenThousandEventsPerSecond "$@"
