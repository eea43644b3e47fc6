#!/bin/sh
# Copies the Kafka broker jars (and a log4j2 binding) from Maven Central into $KAFKA_JARS
# (default: scripts/kafka/jars). Idempotent; ~45 jars, ~43 MB. Needs only mvn and Java 17.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jars=${KAFKA_JARS:-$here/jars}
if [ -f "$jars/.complete" ]; then
    exit 0
fi
mkdir -p "$jars"
# Test classes run side by side and each may start a broker: one fetch at a time, the others wait
# for it and then find the jars complete.
exec 9>"$jars/.lock"
flock 9
if [ ! -f "$jars/.complete" ]; then
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$jars" -DincludeScope=runtime
  touch "$jars/.complete"
fi
echo "kafka jars in $jars"
