#!/bin/sh
# Sets up a fresh Debian 12 machine, builds InfraSight and runs the standalone distribution in the
# foreground (Ctrl-C stops it). Run as root from the repository: eBPF probes need root.
#
#   INFRASIGHT_HOME   where the distribution lives (default: ./run/infrasight); etc/, data/ and
#                     deploy/ survive a re-run, the program files are replaced.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
echo "== building (tests skipped; run 'mvn -B verify' for them)"
mvn -B -q install -DskipTests
home=${INFRASIGHT_HOME:-$PWD/run/infrasight}
tmp=$(mktemp -d)
tar xzf distribution/target/infrasight-distribution-*.tar.gz -C "$tmp" --strip-components=1
mkdir -p "$home"
for d in bin lib system; do
    rm -rf "${home:?}/$d"
    cp -a "$tmp/$d" "$home/$d"
done
for d in etc data deploy; do
    [ -e "$home/$d" ] || cp -a "$tmp/$d" "$home/$d"
done
rm -rf "$tmp"
echo "== starting $home"
exec "$home/bin/infrasight" run
