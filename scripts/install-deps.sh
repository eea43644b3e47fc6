#!/bin/sh
# Installs what building, running and testing InfraSight needs on Debian 12 (run as root).
# Idempotent: packages already present are left alone.
set -eu
# chromium + chromium-driver: the browser test of the web console page.
# clickhouse-server: the ClickHouse sink tests start their own server (scripts/clickhouse).
# podman + runc: the container enricher test runs a real container from a locally built root filesystem.
# python3, curl, wget, bash: workloads and anomalies of the ML evaluation harness (bench/ml-eval) and probe tests.
PACKAGES="openjdk-17-jdk-headless maven gcc make clang llvm libbpf-dev libbpf1 bpftool libelf-dev zlib1g-dev linux-libc-dev chromium chromium-driver clickhouse-server clickhouse-client podman runc python3 curl wget bash util-linux"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "== installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q $missing
fi
# libbpf attaches tracepoints through tracefs; mount it when the host has not.
if [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then
    mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null || echo "note: could not mount tracefs; the probes will say why"
fi
[ -r /sys/kernel/btf/vmlinux ] || echo "warning: this kernel has no BTF (/sys/kernel/btf/vmlinux); the eBPF probes need it" >&2
echo "== dependencies ready"
