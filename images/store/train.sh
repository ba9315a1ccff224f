#!/bin/sh
# Makes the store start warm: runs `revkv train` (a throwaway member under a representative etcd load, see
# io.revkv.store.training) once with the flags java-entrypoint.sh starts the store with, recording what the JVM
# loaded and ran hot. On JDK 25 and later that is an AOT cache, app.aot; on older JDKs a class-data archive,
# app-cds.jsa (classes only). Both land in the app directory, where java-entrypoint.sh finds them. The store image
# runs this at build time; from a checkout: REVKV_APP=store/target/quarkus-app images/store/train.sh
# REVKV_TRAIN_PUTS scales the load (default 60000 puts, about 30 s on two cores).
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
# jvm.sh sits beside this script in the image and one directory up in the repository.
if [ -f "$here/jvm.sh" ]; then jvm="$here/jvm.sh"; else jvm="$here/../jvm.sh"; fi
REVKV_APP="${REVKV_APP:-$here/app}"
. "$jvm"

if [ "$java_major" -ge 25 ]; then
  record="-XX:AOTCacheOutput=$app/app.aot -Xlog:aot=error"
  rm -f "$app/app.aot"
else
  record="-XX:ArchiveClassesAtExit=$app/app-cds.jsa -Xlog:cds=error"
  rm -f "$app/app-cds.jsa"
fi
echo "revkv train: recording with java $java_major ($java) into $app"
# shellcheck disable=SC2086 # the flag lists are meant to split into words
"$java" $jvm_flags $record -jar "$app/quarkus-run.jar" train --puts "${REVKV_TRAIN_PUTS:-60000}"
