package io.revkv.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free TCP ports on loopback for test servers, taken from a band below the kernel's ephemeral range.
 *
 * <p>A port the kernel picks for port 0 comes from the ephemeral range, which it also hands to outgoing
 * connections: between this call and the server's bind, a client socket of any process (a member dialling its
 * peers) could take it, and a member then failed to bind its Raft port. Ports below the range
 * ({@code net.ipv4.ip_local_port_range} starts at 32768) are never given to outgoing connections, so only another
 * server could take one. Each JVM walks the band from a random point, so concurrent test JVMs rarely meet, and
 * never hands out a port twice; each candidate is checked by binding it.
 */
public final class FreePorts {

    private static final int BAND_START = 15000;
    private static final int BAND_END = 32000;
    private static final AtomicInteger CURSOR =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(BAND_END - BAND_START));

    private FreePorts() {
    }

    /** {@code count} distinct free loopback ports. */
    public static int[] take(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = next();
        }
        return ports;
    }

    private static int next() {
        for (int tries = 0; tries < BAND_END - BAND_START; tries++) {
            int port = BAND_START + Math.floorMod(CURSOR.getAndIncrement(), BAND_END - BAND_START);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + BAND_START + "-" + BAND_END);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }
}
