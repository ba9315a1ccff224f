package io.revkv.operator.kubelet;

import io.revkv.operator.resources.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The loopback addresses one harness's members listen on, member ordinal i at {@code addresses.get(i)}, each on
 * etcd's usual ports as in its Pod. {@link #pick} takes a block 127.a.b.1-5 at random and only if nothing listens on
 * a member port there, so that the members of another run on this machine (another worktree, another engineer) or
 * a leftover of an earlier test never share an address with this harness's. Linux routes all of 127/8 to lo: any
 * such address can be bound without setup.
 */
record Loopback(List<String> addresses) {

    /** Members a harness's cluster may have: kv-0 to kv-4. */
    static final int MEMBERS = 5;
    private static final List<Integer> PORTS = List.of(Endpoints.CLIENT_PORT, Endpoints.PEER_PORT,
            Endpoints.PROBE_PORT);
    private static final int TRIES = 100;

    Loopback {
        addresses = List.copyOf(addresses);
    }

    String address(int ordinal) {
        return addresses.get(ordinal);
    }

    /**
     * A free block. The second octet stays in 100-249: 127.0.x.x holds localhost and the hostname's 127.0.1.1, and
     * 127.77.0.x was every run's fixed block before (an older checkout's tests may still use it).
     */
    static Loopback pick(Random random) {
        for (int i = 0; i < TRIES; i++) {
            String prefix = "127." + (100 + random.nextInt(150)) + "." + random.nextInt(256) + ".";
            Loopback block = new Loopback(IntStream.range(0, MEMBERS).mapToObj(o -> prefix + (o + 1)).toList());
            if (block.free()) {
                return block;
            }
        }
        throw new IllegalStateException("no free loopback block in " + TRIES + " tries: does a process listen on "
                + "the wildcard address at port " + PORTS + "?");
    }

    /** Nothing listens on any member port of the block: each can be bound now (and is let go at once). */
    boolean free() {
        for (String address : addresses) {
            for (int port : PORTS) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
