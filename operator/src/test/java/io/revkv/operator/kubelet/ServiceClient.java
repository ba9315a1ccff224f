package io.revkv.operator.kubelet;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.revkv.operator.kubelet.WriteRecorder.Kind;
import io.revkv.operator.kubelet.WriteRecorder.Request;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A client of the KVCluster's client Service, as a Pod in the cluster would be one: its endpoints are the ready,
 * not terminating Pods the Service's selector matches (what the endpoints controller and kube-proxy would route to;
 * the mock API server has neither), each member at its address in the harness. One thread writes
 * unique keys ({@code zdt/<sequence>}) every 20 ms, another reads the last acknowledged one linearizably every
 * 50 ms; each stays on its endpoint until a request fails or the endpoint leaves the Service, then moves to the
 * next one, as etcd's client fails over. Every request goes to the {@link WriteRecorder}.
 */
final class ServiceClient implements AutoCloseable {

    static final String PREFIX = "zdt/";
    private static final long DEADLINE_MS = 3000;
    static final String OTHER_CLUSTER = "OTHER_CLUSTER";

    private final OperatorHarness harness;
    private final KubernetesClient kubernetes;
    private final String namespace;
    private final String service;
    private final long clusterId;
    private final WriteRecorder recorder = new WriteRecorder();
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile List<String> endpoints = List.of();
    private volatile boolean running = true;
    private volatile String lastAcknowledged;
    private final List<Thread> threads;

    /**
     * @param clusterId the cluster's ID (status.clusterID): an answer from a member of another cluster is
     *                  recorded as {@code OTHER_CLUSTER}, not acknowledged. It happens when another harness on the
     *                  same machine takes a member's loopback address while that member restarts.
     */
    ServiceClient(OperatorHarness harness, long clusterId) {
        this.clusterId = clusterId;
        this.harness = harness;
        this.kubernetes = harness.client();
        this.namespace = OperatorHarness.NAMESPACE;
        this.service = OperatorHarness.CLUSTER + "-client";
        this.threads = List.of(
                daemon("zdt-endpoints", this::watchEndpoints), daemon("zdt-writer", this::write),
                daemon("zdt-reader", this::read));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    ServiceClient start() {
        endpoints = readEndpoints();
        threads.forEach(Thread::start);
        return this;
    }

    WriteRecorder recorder() {
        return recorder;
    }

    /** The Service's ready endpoints now, as member addresses. */
    List<String> readEndpoints() {
        Service svc = kubernetes.services().inNamespace(namespace).withName(service).get();
        if (svc == null || svc.getSpec().getSelector() == null) {
            return List.of();
        }
        return kubernetes.pods().inNamespace(namespace).withLabels(svc.getSpec().getSelector()).list().getItems()
                .stream().filter(ServiceClient::routable).map(p -> p.getMetadata().getName()).sorted()
                .map(harness::clientAddress).toList();
    }

    private static boolean routable(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void watchEndpoints() {
        while (running) {
            try {
                endpoints = readEndpoints();
            } catch (RuntimeException e) {
                // the API server's hiccup is not the cluster's: keep the last endpoints
            }
            pause(250);
        }
    }

    private void write() {
        String endpoint = null;
        for (long seq = 0; running; seq++) {
            endpoint = choose(endpoint);
            String key = PREFIX + String.format("%09d", seq);
            String value = "v" + seq;
            long start = System.nanoTime();
            String code = "NO_ENDPOINT";
            if (endpoint != null) {
                try {
                    long answeredBy = kv(endpoint).put(PutRequest.newBuilder().setKey(bytes(key))
                            .setValue(bytes(value)).build()).getHeader().getClusterId();
                    code = answeredBy == clusterId ? "OK" : OTHER_CLUSTER;
                    if (answeredBy == clusterId) {
                        lastAcknowledged = key;
                    }
                } catch (StatusRuntimeException e) {
                    code = e.getStatus().getCode().name();
                    recorder.message(code, e.getStatus().getDescription());
                }
            }
            recorder.record(new Request(Kind.WRITE, start, System.nanoTime(), endpoint, code, key, value));
            if (!code.equals("OK")) {
                endpoint = next(endpoint);
            }
            pause(20);
        }
    }

    private void read() {
        String endpoint = null;
        while (running) {
            String key = lastAcknowledged;
            endpoint = choose(endpoint);
            if (key != null) {
                long start = System.nanoTime();
                String code = "NO_ENDPOINT";
                if (endpoint != null) {
                    try {
                        long answeredBy = kv(endpoint).range(RangeRequest.newBuilder().setKey(bytes(key)).build())
                                .getHeader().getClusterId();
                        code = answeredBy == clusterId ? "OK" : OTHER_CLUSTER;
                    } catch (StatusRuntimeException e) {
                        code = e.getStatus().getCode().name();
                        recorder.message(code, e.getStatus().getDescription());
                    }
                }
                recorder.record(new Request(Kind.READ, start, System.nanoTime(), endpoint, code, key, null));
                if (!code.equals("OK")) {
                    endpoint = next(endpoint);
                }
            }
            pause(50);
        }
    }

    /** Stays on the endpoint while the Service routes to it; else the first it does. */
    private String choose(String endpoint) {
        List<String> now = endpoints;
        if (endpoint != null && now.contains(endpoint)) {
            return endpoint;
        }
        return now.isEmpty() ? null : now.get(0);
    }

    /** The endpoint after this one, round robin over the Service's endpoints. */
    private String next(String endpoint) {
        List<String> now = endpoints;
        if (now.isEmpty()) {
            return null;
        }
        int at = now.indexOf(endpoint);
        return now.get((at + 1) % now.size());
    }

    /**
     * Every key under {@link #PREFIX}, read linearizably at the end through the Service's endpoints (the first that
     * answers), as key to value.
     */
    Map<String, String> readAll() {
        StatusRuntimeException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            for (String endpoint : readEndpoints()) {
                try {
                    RangeResponse r = kv(endpoint).range(RangeRequest.newBuilder().setKey(bytes(PREFIX))
                            .setRangeEnd(bytes(PREFIX.substring(0, PREFIX.length() - 1) + (char) (PREFIX.charAt(
                                    PREFIX.length() - 1) + 1))).build());
                    if (r.getHeader().getClusterId() != clusterId) {
                        continue;
                    }
                    Map<String, String> all = new HashMap<>();
                    r.getKvsList().forEach(kv -> all.put(kv.getKey().toStringUtf8(), kv.getValue().toStringUtf8()));
                    return all;
                } catch (StatusRuntimeException e) {
                    last = e;
                }
            }
            pause(500);
        }
        throw new AssertionError("no endpoint answered the final read", last);
    }

    private KVGrpc.KVBlockingStub kv(String endpoint) {
        ManagedChannel channel = channels.computeIfAbsent(endpoint, e -> Grpc.newChannelBuilder(e,
                InsecureChannelCredentials.create()).maxInboundMessageSize(64 << 20).build());
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing and reading; the recorder keeps what was recorded. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
