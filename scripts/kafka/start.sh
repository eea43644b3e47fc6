#!/bin/bash
# Starts a single-node Kafka 4.x (KRaft, broker+controller in one process) on 127.0.0.1 for
# development and tests. Everything lives under $KAFKA_DIR: data, logs, config and the pid file.
# Formats the storage once with a fixed cluster id, so a restart with the same directory keeps
# the topics and offsets (the outage tests depend on that).
#
#   KAFKA_DIR   state directory            (default /tmp/infrasight-kafka)
#   KAFKA_PORT  client listener port       (default 19092)
#   KAFKA_CONTROLLER_PORT                  (default KAFKA_PORT+1)
#   KAFKA_HEAP  JVM heap                   (default 512m)
#   KAFKA_READY_TIMEOUT seconds            (default 90)
#
# Prints "kafka ready 127.0.0.1:<port>" and returns once the broker accepts clients; the broker
# keeps running in the background until scripts/kafka/stop.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${KAFKA_DIR:-/tmp/infrasight-kafka}
port=${KAFKA_PORT:-19092}
cport=${KAFKA_CONTROLLER_PORT:-$((port + 1))}
heap=${KAFKA_HEAP:-512m}
timeout=${KAFKA_READY_TIMEOUT:-90}
jars=${KAFKA_JARS:-$here/jars}
cluster_id=aW5mcmFzaWdodC1rYWZrYQ   # fixed: base64url of a 16-byte id, same on every run

"$here/fetch.sh"
mkdir -p "$dir/data" "$dir/logs"
if [ -f "$dir/kafka.pid" ] && kill -0 "$(cat "$dir/kafka.pid")" 2>/dev/null; then
    echo "kafka already running (pid $(cat "$dir/kafka.pid")) on 127.0.0.1:$port"
    exit 0
fi

cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=24
message.max.bytes=1048588
PROPS

cat > "$dir/log4j2.properties" <<'PROPS'
status = error
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.org.name = org.apache.kafka
logger.org.level = WARN
PROPS

cp="$jars/*"
jvm=(-Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true
     -Dkafka.logs.dir="$dir/logs" -Dlog4j2.configurationFile="$dir/log4j2.properties")

if [ ! -f "$dir/data/meta.properties" ]; then
    java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
        -c "$dir/server.properties" --standalone >"$dir/logs/format.log" 2>&1 \
      || java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
        -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1 \
      || { echo "kafka storage format failed:"; cat "$dir/logs/format.log"; exit 1; }
fi

: > "$dir/logs/server.log"
nohup java "${jvm[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" \
    >"$dir/logs/stdout.log" 2>&1 </dev/null &
echo $! > "$dir/kafka.pid"
pid=$(cat "$dir/kafka.pid")

deadline=$((SECONDS + timeout))
while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "kafka exited during startup:"; tail -30 "$dir/logs/stdout.log" "$dir/logs/server.log"
        rm -f "$dir/kafka.pid"; exit 1
    fi
    if grep -q "Kafka Server started" "$dir/logs/server.log" 2>/dev/null \
       && (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
        echo "kafka ready 127.0.0.1:$port (pid $pid, dir $dir)"
        exit 0
    fi
    sleep 0.5
done
echo "kafka not ready after ${timeout}s:"; tail -30 "$dir/logs/server.log"
kill "$pid" 2>/dev/null || true
exit 1
