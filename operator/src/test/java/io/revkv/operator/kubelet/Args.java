package io.revkv.operator.kubelet;

import java.nio.file.Path;
import java.util.List;

/**
 * A member Pod's container args made runnable on this machine: the wildcard listeners bound to the member's own
 * loopback address (the one its DNS name resolves to in the hosts file), the data directory on the claim's
 * directory. Everything else, DNS names included, stays as the operator wrote it.
 */
final class Args {

    private Args() {
    }

    static List<String> forLoopback(List<String> args, Path volume) {
        String ip = memberIp(args);
        return args.stream().map(a -> a.startsWith("--data-dir=") ? "--data-dir=" + volume.resolve("data")
                : a.startsWith("--listen-") ? a.replace("0.0.0.0", ip) : a).toList();
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
