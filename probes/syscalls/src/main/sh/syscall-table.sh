#!/bin/sh
# Generates the x86-64 syscall table "<number> TAB <name>" from the kernel's UAPI header, so that
# nobody types it by hand. Usage: syscall-table.sh <unistd_64.h> <output file>
set -eu
header=${1:-/usr/include/x86_64-linux-gnu/asm/unistd_64.h}
out=$2
test -r "$header" || { echo "syscall-table.sh: $header missing (apt-get install linux-libc-dev)" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
{
  echo "# generated from $(basename "$header") by syscall-table.sh; number<TAB>name"
  awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ { sub(/^__NR_/, "", $2); print $3 "\t" $2 }' "$header" | sort -n
} > "$out.tmp"
n=$(grep -vc '^#' "$out.tmp")
# a header that yields a handful of lines is not the table we expect
test "$n" -ge 300 || { echo "syscall-table.sh: only $n syscalls in $header" >&2; exit 1; }
mv "$out.tmp" "$out"
