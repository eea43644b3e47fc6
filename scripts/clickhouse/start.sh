#!/bin/sh
# Starts Debian's clickhouse-server (18.16 here; any later version works the same) without systemd,
# for development and tests: our own config.xml/users.xml, 127.0.0.1 only, our own ports and data
# directory, and no default password.
#
#   CH_HOME      where config, data, logs, pid and password live   (default: /tmp/infrasight-clickhouse)
#   CH_HTTP_PORT HTTP interface port                              (default: 18123)
#   CH_TCP_PORT  native protocol port                             (default: 19000)
#   CH_USER      the one user                                     (default: infrasight)
#   CH_KEEP_ALIVE_TIMEOUT  seconds an idle HTTP connection is kept  (default: 10); a graceful stop
#                waits for idle keep-alive connections to time out, so tests that stop the server
#                mid-run set it low
#   CH_PASSWORD  its password; when unset, one is generated on the first start and kept in
#                $CH_HOME/password (mode 600), then reused
#
# Prints "ready http://127.0.0.1:<port> user=<user> password_file=<file>" once the server answers.
# Install the server with: apt-get install -y clickhouse-server clickhouse-client
set -eu
CH_HOME=${CH_HOME:-/tmp/infrasight-clickhouse}
CH_HTTP_PORT=${CH_HTTP_PORT:-18123}
CH_TCP_PORT=${CH_TCP_PORT:-19000}
CH_USER=${CH_USER:-infrasight}
CH_KEEP_ALIVE_TIMEOUT=${CH_KEEP_ALIVE_TIMEOUT:-10}
SERVER=${CH_SERVER_BIN:-/usr/bin/clickhouse-server}
[ -x "$SERVER" ] || SERVER=/usr/sbin/clickhouse-server
[ -x "$SERVER" ] || { echo "clickhouse-server not found: apt-get install -y clickhouse-server clickhouse-client" >&2; exit 2; }

mkdir -p "$CH_HOME/data" "$CH_HOME/tmp" "$CH_HOME/log" "$CH_HOME/user_files" "$CH_HOME/format_schemas"
umask 077
if [ -n "${CH_PASSWORD:-}" ]; then
    printf '%s' "$CH_PASSWORD" > "$CH_HOME/password"
elif [ ! -s "$CH_HOME/password" ]; then
    # 24 random bytes, base64 without characters that need quoting in URLs or shells
    head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$CH_HOME/password"
fi
HASH=$(tr -d '\n' < "$CH_HOME/password" | sha256sum | cut -d' ' -f1)
umask 022

PIDFILE="$CH_HOME/clickhouse.pid"
if [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "already running (pid $(cat "$PIDFILE"))" >&2
else
cat > "$CH_HOME/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$CH_HOME/log/server.log</log>
        <errorlog>$CH_HOME/log/error.log</errorlog>
        <size>50M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$CH_HTTP_PORT</http_port>
    <tcp_port>$CH_TCP_PORT</tcp_port>
    <max_connections>256</max_connections>
    <keep_alive_timeout>$CH_KEEP_ALIVE_TIMEOUT</keep_alive_timeout>
    <max_concurrent_queries>50</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>$CH_HOME/data/</path>
    <tmp_path>$CH_HOME/tmp/</tmp_path>
    <user_files_path>$CH_HOME/user_files/</user_files_path>
    <format_schema_path>$CH_HOME/format_schemas/</format_schema_path>
    <users_config>$CH_HOME/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
</yandex>
XML
cat > "$CH_HOME/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>2000000000</max_memory_usage>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <$CH_USER>
            <password_sha256_hex>$HASH</password_sha256_hex>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </$CH_USER>
    </users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
        <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
    # --daemon forks and writes the pid file; stdout/stderr go to the log files above.
    "$SERVER" --config-file="$CH_HOME/config.xml" --pid-file="$PIDFILE" --daemon
fi

# Ready when the HTTP interface answers; the server needs < 0.5 s here, allow 30 s on a busy machine.
i=0
while [ $i -lt 300 ]; do
    if curl -sf "http://127.0.0.1:$CH_HTTP_PORT/ping" >/dev/null 2>&1; then
        echo "ready http://127.0.0.1:$CH_HTTP_PORT user=$CH_USER password_file=$CH_HOME/password"
        exit 0
    fi
    i=$((i + 1))
    sleep 0.1
done
echo "clickhouse-server did not answer on 127.0.0.1:$CH_HTTP_PORT within 30 s; see $CH_HOME/log/" >&2
exit 1
