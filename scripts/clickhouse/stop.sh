#!/bin/sh
# Stops the server started by start.sh (same CH_HOME). Waits up to 30 s, then kills it.
# CH_WIPE=1 also removes CH_HOME (data, logs and the password); the server is then killed at once:
# a graceful stop waits for idle keep-alive HTTP connections (keep_alive_timeout, ~10 s) to protect
# data that is about to be deleted anyway.
set -eu
CH_HOME=${CH_HOME:-/tmp/infrasight-clickhouse}
PIDFILE="$CH_HOME/clickhouse.pid"
if [ -s "$PIDFILE" ]; then
    PID=$(cat "$PIDFILE")
    if kill -0 "$PID" 2>/dev/null && [ "${CH_WIPE:-0}" = 1 ]; then
        kill -KILL "$PID"
        i=0
        while kill -0 "$PID" 2>/dev/null && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
    elif kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID"
        i=0
        while kill -0 "$PID" 2>/dev/null && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
        if kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID"; fi
    fi
    rm -f "$PIDFILE"
fi
if [ "${CH_WIPE:-0}" = 1 ]; then rm -rf "$CH_HOME"; fi
echo stopped
