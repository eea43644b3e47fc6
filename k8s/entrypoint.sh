#!/bin/sh
# Container entrypoint: entrypoint.sh agent|server|standalone
#
# 1. Boots the role's Karaf feature (infrasight-agent / -server) instead of infrasight-standalone.
# 2. Copies the *.cfg files of the role's ConfigMap (mounted at /etc/infrasight/config) into etc/, so that
#    the distribution's other etc/ files stay as shipped. ${env:NODE_NAME} etc. in them are resolved by
#    Karaf from the downward API variables of the pod.
# 3. Agent only: checks that BTF and tracefs are there and says what to do when they are not.
# 4. Runs bin/infrasight run in the foreground (PID 1's child via exec, so SIGTERM stops Karaf cleanly).
set -eu

ROLE=${1:-standalone}
HOME_DIR=${INFRASIGHT_HOME:-/opt/infrasight}
CONFIG_DIR=${INFRASIGHT_CONFIG_DIR:-/etc/infrasight/config}

case "$ROLE" in
    agent|server|standalone) ;;
    *) echo "usage: entrypoint.sh agent|server|standalone" >&2; exit 2 ;;
esac

if [ "$ROLE" != standalone ]; then
    sed -i "s/\binfrasight-standalone\b/infrasight-$ROLE/" "$HOME_DIR/etc/org.apache.karaf.features.cfg"
fi

if [ -d "$CONFIG_DIR" ]; then
    for f in "$CONFIG_DIR"/*.cfg; do
        [ -e "$f" ] || continue
        cp "$f" "$HOME_DIR/etc/$(basename "$f")"
    done
fi

if [ "$ROLE" = agent ]; then
    if [ ! -r /sys/kernel/btf/vmlinux ]; then
        echo "InfraSight agent: /sys/kernel/btf/vmlinux is missing: the node's kernel needs CONFIG_DEBUG_INFO_BTF=y" \
             "(CO-RE programs cannot load without it)." >&2
    fi
    if [ ! -e /sys/kernel/tracing/events ]; then
        # libbpf attaches tracepoints through tracefs. A read-only host mount cannot be fixed from here
        # without CAP_SYS_ADMIN, so try once and otherwise say what the operator must do.
        if mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null; then
            echo "InfraSight agent: mounted tracefs at /sys/kernel/tracing."
        else
            echo "InfraSight agent: tracefs is not mounted on this node. Mount it on the host" \
                 "(mount -t tracefs tracefs /sys/kernel/tracing) or set spec.capSysAdmin: true so that" \
                 "the agent may mount it; probes that attach tracepoints report 'not attached' until then." >&2
        fi
    fi
fi

cd "$HOME_DIR"
exec "$HOME_DIR/bin/infrasight" run
