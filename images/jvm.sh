# Sourced by revkv's launch scripts (java-entrypoint.sh, store/train.sh): which java runs, and the JVM flags every
# run of the app shares. The training run and the served one must agree on them: an AOT cache or class-data archive
# is only used by a JVM started like the one that wrote it.
#
# In: REVKV_APP (the Quarkus app directory: quarkus-run.jar with lib/, app/, quarkus/; default ./app beside the
# script that sources this), REVKV_HEAP_PERCENT, JAVA_HOME (else the java on PATH).
# Out: java, java_major, app, jvm_flags, warm_flags.

# Absolute, because the AOT cache and the class-data archive are used only with the jar path they recorded.
app="$(cd "${REVKV_APP:-$(dirname "$0")/app}" && pwd)"
if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java)"
fi
java_home="$(dirname "$(dirname "$(readlink -f "$java")")")"
# JDKs and JREs (Temurin's, Debian's) name their version in lib/../release: JAVA_VERSION="25.0.3" or "17.0.15".
java_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null)"
java_major="${java_major:-0}"

# Memory follows the container's limit without flags from the user: the heap may grow to REVKV_HEAP_PERCENT of it
# (the store leaves the rest to RocksDB and network buffers, which live outside the heap), and the collector gives
# memory back so the resident size stays near what is live instead of the heap's high-water mark.
jvm_flags="-XX:MaxRAMPercentage=${REVKV_HEAP_PERCENT:-50} -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10"
jvm_flags="$jvm_flags -XX:MaxHeapFreeRatio=30 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
# From JDK 25 on, 8-byte object headers (JEP 519): the key index is millions of small objects, and with 1M 64-byte
# keys the store's resident size fell by 9% (576 to 523 MiB, docs/performance.md).
if [ "$java_major" -ge 25 ]; then
  jvm_flags="$jvm_flags -XX:+UseCompactObjectHeaders"
fi

# What makes a start warm, made by store/train.sh: on JDK 25 and later the AOT cache (classes loaded and linked,
# and the profiles of the methods a serving member runs hot); before that the class-data archive (classes only).
# A cache or archive this JVM cannot use is ignored with a warning, never fatal.
warm_flags=""
if [ "$java_major" -ge 25 ] && [ -f "$app/app.aot" ]; then
  warm_flags="-XX:AOTCache=$app/app.aot"
elif [ -f "$app/app-cds.jsa" ]; then
  warm_flags="-XX:SharedArchiveFile=$app/app-cds.jsa -Xshare:auto"
fi
