#!/bin/bash
# Stops the broker started by start.sh (same KAFKA_DIR): SIGTERM, then SIGKILL after 30 s.
# KAFKA_WIPE=1 also deletes the state directory.
set -euo pipefail
dir=${KAFKA_DIR:-/tmp/infrasight-kafka}
if [ -f "$dir/kafka.pid" ]; then
    pid=$(cat "$dir/kafka.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
    fi
    rm -f "$dir/kafka.pid"
    echo "kafka stopped"
fi
if [ "${KAFKA_WIPE:-0}" = 1 ]; then rm -rf "$dir"; fi
