#!/bin/sh
# The entrypoint of revkv's images, and the README's way to run the store from a checkout: runs the Quarkus app in
# REVKV_APP (default ./app beside this script, as the images lay it out) with its arguments, from the current
# directory (the image's WORKDIR, so relative paths such as etcd's default data directory land there). The JVM's
# flags come from jvm.sh beside this script; JAVA_OPTS comes last, so a flag there wins over them.
set -eu

. "$(dirname "$0")/jvm.sh"

# shellcheck disable=SC2086 # the flag lists are meant to split into words
exec "$java" $jvm_flags $warm_flags ${JAVA_OPTS:-} -jar "$app/quarkus-run.jar" "$@"
