package io.revkv.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreDistinctBindableAndOutsideTheEphemeralRange() throws IOException {
        int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0).trim().split("\\s+")[0]);

        int[] ports = FreePorts.take(200);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(200);
        assertThat(Arrays.stream(ports).boxed().toList()).as("below the ephemeral range from %d", ephemeralStart).allMatch(p -> p > 1024 && p < ephemeralStart);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void aPortAServerHoldsIsNeverHandedOut() throws IOException {
        int[] first = FreePorts.take(1);
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first[0]));
            // A full walk of the band comes back to the held port; it must be skipped.
            for (int i = 0; i < 17000; i++) {
                assertThat(FreePorts.take(1)[0]).isNotEqualTo(first[0]);
            }
        }
    }
}
