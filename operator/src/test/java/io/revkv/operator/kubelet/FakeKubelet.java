package io.revkv.operator.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays kubelet for one namespace of the fabric8 mock server: each member Pod becomes a real store process on its
 * member's loopback address (names resolved through the hosts file the test JVM and the processes share), each
 * PersistentVolumeClaim a directory that outlives its Pods, readiness comes from the process' /readyz, a process
 * that exits is started again (a container restart, reported in containerStatuses with the termination message),
 * and deleting a Pod kills its process. It also plays the garbage collector for objects whose KVCluster is gone,
 * and PVC protection (a claim in use is deleted only once its Pod is gone). Polls every 250 ms.
 */
public final class FakeKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Path volumes;
    private final Path jar;
    private final Path hostsFile;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final GarbageCollector garbageCollector;

    static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";

    public FakeKubelet(KubernetesClient client, String namespace, Path baseDir, Path jar, Path hostsFile) {
        this.client = client;
        this.namespace = namespace;
        this.volumes = baseDir.resolve("volumes");
        this.jar = jar;
        this.hostsFile = hostsFile;
        this.garbageCollector = new GarbageCollector(client, namespace);
    }

    public FakeKubelet start() {
        loop.scheduleWithFixedDelay(this::syncQuietly, 0, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The directory that plays a claim's volume. */
    public Path volume(String claim) {
        return volumes.resolve(claim);
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            System.err.println("kubelet: " + e);
        }
    }

    private void sync() {
        garbageCollector.collect();
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            Container container = containers.get(name);
            if (container != null && !container.uid().equals(pod.getMetadata().getUid())) {
                stop(name);
                container = null;
            }
            if (container == null) {
                startIfVolumeBound(pod);
            } else {
                container.restartIfExited();
                reportStatus(pod, container);
            }
        }
        List<String> present = pods.stream().map(p -> p.getMetadata().getName()).toList();
        new ArrayList<>(containers.keySet()).stream().filter(n -> !present.contains(n)).forEach(this::stop);
        protectVolumes(pods);
    }

    /**
     * Kubernetes' PVC protection: a claim gets the {@code kubernetes.io/pvc-protection} finalizer, so that a claim
     * deleted while a Pod uses it stays, Terminating, until no Pod does; then the finalizer goes, the mock server
     * deletes the claim, and its volume is released (dynamically provisioned volumes are deleted with their claim:
     * the directory is moved aside, logs kept, so that a new claim of the same name starts empty).
     */
    private void protectVolumes(List<Pod> pods) {
        java.util.Set<String> used = pods.stream().flatMap(p -> p.getSpec().getVolumes().stream())
                .filter(v -> v.getPersistentVolumeClaim() != null).map(v -> v.getPersistentVolumeClaim().getClaimName())
                .collect(java.util.stream.Collectors.toSet());
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
            String name = claim.getMetadata().getName();
            List<String> finalizers = claim.getMetadata().getFinalizers() == null ? List.of()
                    : claim.getMetadata().getFinalizers();
            boolean deleting = claim.getMetadata().getDeletionTimestamp() != null;
            if (!deleting && !finalizers.contains(PVC_PROTECTION)) {
                client.persistentVolumeClaims().inNamespace(namespace).withName(name)
                        .edit(c -> withFinalizers(c, true));
            } else if (deleting && !used.contains(name) && finalizers.contains(PVC_PROTECTION)) {
                release(name, claim.getMetadata().getUid());
                client.persistentVolumeClaims().inNamespace(namespace).withName(name)
                        .edit(c -> withFinalizers(c, false));
            }
        }
    }

    private static PersistentVolumeClaim withFinalizers(PersistentVolumeClaim claim, boolean protect) {
        List<String> finalizers = new ArrayList<>(claim.getMetadata().getFinalizers() == null ? List.of()
                : claim.getMetadata().getFinalizers());
        finalizers.remove(PVC_PROTECTION);
        if (protect) {
            finalizers.add(PVC_PROTECTION);
        }
        claim.getMetadata().setFinalizers(finalizers);
        return claim;
    }

    private void release(String claim, String uid) {
        Path released = volumes.resolveSibling("released").resolve(claim + "-" + uid);
        try {
            Files.createDirectories(released.getParent());
            if (Files.exists(volume(claim))) {
                Files.move(volume(claim), released);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startIfVolumeBound(Pod pod) {
        String claim = pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(Volume::getPersistentVolumeClaim).map(c -> c.getClaimName()).findFirst().orElseThrow();
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
        if (pvc == null) {
            return;
        }
        try {
            Files.createDirectories(volume(claim));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = Args.forLoopback(pod.getSpec().getContainers().get(0).getArgs(), volume(claim),
                secretMounts(pod));
        Path termination = volumes.resolveSibling("termination")
                .resolve(pod.getMetadata().getName() + "-" + pod.getMetadata().getUid());
        try {
            Files.createDirectories(termination.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Container container = new Container(pod.getMetadata().getName(), pod.getMetadata().getUid(),
                command(args), volume(claim).resolve(pod.getMetadata().getName() + ".log"), termination,
                Args.probeUrl(args));
        container.start();
        containers.put(pod.getMetadata().getName(), container);
    }

    /**
     * The Pod's Secret volumes written out as kubelet projects them, a file per key, by mount path; a Secret that
     * does not exist yet leaves its directory empty (the store then fails to start, as a Pod waits in kubelet).
     */
    private Map<String, Path> secretMounts(Pod pod) {
        Map<String, Path> mounts = new java.util.HashMap<>();
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getSecret() == null) {
                continue;
            }
            Path dir = volumes.resolveSibling("secrets").resolve(pod.getMetadata().getName()).resolve(volume.getName());
            var secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
            try {
                Files.createDirectories(dir);
                if (secret != null && secret.getData() != null) {
                    for (Map.Entry<String, String> key : secret.getData().entrySet()) {
                        Files.write(dir.resolve(key.getKey()), java.util.Base64.getDecoder().decode(key.getValue()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pod.getSpec().getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> m.getName().equals(volume.getName()))
                    .forEach(m -> mounts.put(m.getMountPath(), dir));
        }
        return mounts;
    }

    private List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djdk.net.hosts.file=" + hostsFile, "-jar", jar.toString()));
        command.addAll(args);
        return command;
    }

    /**
     * The Ready condition and the container's status as kubelet reports them: ready, restartCount, running since or
     * waiting in CrashLoopBackOff, and lastState.terminated (exit code, termination message, times).
     */
    private void reportStatus(Pod pod, Container container) {
        boolean ready = container.alive() && probe(container.probeUrl() + "/readyz");
        boolean reported = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean running = container.alive();
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        boolean same = statuses.size() == 1 && statuses.get(0).getRestartCount() == container.restarts()
                && (statuses.get(0).getState() != null && statuses.get(0).getState().getRunning() != null) == running;
        if (ready == reported && same) {
            return;
        }
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(pod.getSpec().getContainers().get(0)
                .getName()).withReady(ready).withStarted(running).withRestartCount(container.restarts());
        status.withState(container.runningSince().map(since -> new ContainerStateBuilder().withNewRunning()
                        .withStartedAt(since.toString()).endRunning().build())
                .orElseGet(() -> new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
                        .endWaiting().build()));
        container.lastTermination().ifPresent(t -> status.withLastState(new ContainerStateBuilder().withNewTerminated()
                .withExitCode(t.exitCode()).withReason(t.exitCode() == 0 ? "Completed" : "Error")
                .withMessage(t.message()).withStartedAt(t.startedAt().toString())
                .withFinishedAt(t.finishedAt().toString()).endTerminated().build()));
        pod.setStatus(new PodStatusBuilder().withPhase("Running").withConditions(new PodConditionBuilder()
                        .withType("Ready").withStatus(ready ? "True" : "False").build())
                .withContainerStatuses(status.build()).build());
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    private boolean probe(String url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stop(String name) {
        Container container = containers.remove(name);
        if (container != null) {
            container.kill();
        }
    }

    /**
     * Kills a Pod's process, empties the data directory on its volume (a disk replaced, a volume restored empty) and
     * starts the container again with the Pod's args, as kubelet restarts a container.
     */
    public void restartWithEmptyDataDir(String pod, String claim) {
        Path data = volume(claim).resolve("data");
        containers.get(pod).restartAround(() -> {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                Files.createDirectories(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Kills a Pod's process and keeps it down, its Pod left in place (not ready), as when the node it runs on is
     * gone: the process is not restarted until {@link #release}.
     */
    public void hold(String pod) {
        containers.get(pod).hold();
    }

    /** Lets a held Pod's process start again. */
    public void release(String pod) {
        containers.get(pod).release();
    }

    /** Whether a member's process runs. */
    public boolean running(String pod) {
        Container container = containers.get(pod);
        return container != null && container.alive();
    }

    /** The log of a member's process, for a failing test's message. */
    public String log(String pod) {
        Container container = containers.get(pod);
        return container == null ? "(no container)" : container.logTail(40);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new ArrayList<>(containers.keySet()).forEach(this::stop);
    }
}
