#!/bin/sh
# The entrypoint of revkv's images: runs the Quarkus app laid out in ./app beside this script (quarkus-run.jar and
# its lib/, app/, quarkus/ directories, as the build writes target/quarkus-app), with its arguments, from the
# current directory (the image's WORKDIR, so relative paths such as etcd's default data directory land there).
#
# Memory follows the container's limit without flags from the user: the heap may grow to REVKV_HEAP_PERCENT of it
# (the store leaves the rest to RocksDB and network buffers, which live outside the heap), and the collector gives
# memory back so the resident size stays near what is live instead of the heap's high-water mark. JAVA_OPTS comes
# last, so a flag there wins over these.
set -eu

app="$(cd "$(dirname "$0")" && pwd)/app"
heap="${REVKV_HEAP_PERCENT:-50}"

# The class-data archive maps the app's classes instead of loading them; -Xshare:auto runs without it when it was
# made by another JVM than this one.
cds=""
if [ -f "$app/app-cds.jsa" ]; then
  cds="-XX:SharedArchiveFile=$app/app-cds.jsa -Xshare:auto"
fi

# shellcheck disable=SC2086 # the flag lists are meant to split into words
exec java \
  -XX:MaxRAMPercentage="$heap" \
  -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
  -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData \
  $cds ${JAVA_OPTS:-} \
  -jar "$app/quarkus-run.jar" "$@"
