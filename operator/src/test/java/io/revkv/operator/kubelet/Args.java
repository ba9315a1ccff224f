package io.revkv.operator.kubelet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A member Pod's container args made runnable on this machine: the wildcard listeners bound to the member's own
 * loopback address (the one its DNS name resolves to in the hosts file), the data directory on the claim's
 * directory. Everything else, DNS names included, stays as the operator wrote it.
 */
final class Args {

    private Args() {
    }

    static List<String> forLoopback(List<String> args, Path volume) {
        return forLoopback(args, volume, Map.of());
    }

    /** @param mounts the Pod's Secret mounts (mount path to the directory the Secret's keys are written to) */
    static List<String> forLoopback(List<String> args, Path volume, Map<String, Path> mounts) {
        String ip = memberIp(args);
        return args.stream().map(a -> a.startsWith("--data-dir=") ? "--data-dir=" + volume.resolve("data")
                : a.startsWith("--listen-") ? a.replace("0.0.0.0", ip) : mounted(a, mounts)).toList();
    }

    /** {@code --cert-file=/etc/revkv/tls/client/tls.crt} to the file the Secret's key was written to. */
    private static String mounted(String arg, Map<String, Path> mounts) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            return arg;
        }
        String value = arg.substring(eq + 1);
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            if (value.startsWith(mount.getKey() + "/")) {
                return arg.substring(0, eq + 1) + mount.getValue().resolve(value.substring(mount.getKey().length() + 1));
            }
        }
        return arg;
    }

    static String probeUrl(List<String> args) {
        return args.stream().filter(a -> a.startsWith("--listen-metrics-urls=")).findFirst().orElseThrow()
                .substring("--listen-metrics-urls=".length());
    }

    /** The address the member's advertised peer host resolves to (through the JVM's hosts file). */
    private static String memberIp(List<String> args) {
        String url = args.stream().filter(a -> a.startsWith("--initial-advertise-peer-urls=")).findFirst().orElseThrow()
                .substring("--initial-advertise-peer-urls=".length());
        try {
            return java.net.InetAddress.getByName(java.net.URI.create(url).getHost()).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("the harness's hosts file does not name " + url, e);
        }
    }
}
