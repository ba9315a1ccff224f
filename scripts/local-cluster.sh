#!/usr/bin/env bash
# Runs a three-member revkv cluster on loopback, as etcd's Procfile does for etcd: members infra1, infra2 and infra3
# with client ports 2379, 22379, 32379 and peer ports 2380, 22380, 32380, their data under ./local-cluster/.
# Stop it with Ctrl-C (every member is stopped cleanly). Build the store first: ./mvnw -B -q package -DskipTests
#
# Environment: REVKV_JAR (default store/target/quarkus-app/quarkus-run.jar), REVKV_DATA (default ./local-cluster),
# REVKV_PORTS (three client ports, default "2379 22379 32379"; each peer port is its client port + 1).
set -euo pipefail
jar=${REVKV_JAR:-store/target/quarkus-app/quarkus-run.jar}
data=${REVKV_DATA:-./local-cluster}
read -r -a ports <<< "${REVKV_PORTS:-2379 22379 32379}"
[ -f "$jar" ] || { echo "no store at $jar: build it first with ./mvnw -B -q package -DskipTests" >&2; exit 1; }
mkdir -p "$data"

cluster=""
for i in 0 1 2; do
  cluster+="${cluster:+,}infra$((i + 1))=http://127.0.0.1:$((ports[i] + 1))"
done

pids=()
stop() {
  echo "stopping the cluster"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

for i in 0 1 2; do
  name=infra$((i + 1)) client=http://127.0.0.1:${ports[i]} peer=http://127.0.0.1:$((ports[i] + 1))
  java -Xmx512m -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -jar "$jar" \
    --name "$name" --data-dir "$data/$name" \
    --listen-client-urls "$client" --advertise-client-urls "$client" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster-token local-cluster --initial-cluster "$cluster" --initial-cluster-state new \
    > "$data/$name.log" 2>&1 &
  pids+=($!)
  echo "$name: client $client, peer $peer, log $data/$name.log"
done
echo "endpoints: 127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
wait -n "${pids[@]}" || true
echo "a member exited; see its log in $data" >&2
