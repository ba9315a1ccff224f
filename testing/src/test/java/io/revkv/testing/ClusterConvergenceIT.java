package io.revkv.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The convergence checks against the real etcd 3.4, on histories written to pass and to fail them. */
class ClusterConvergenceIT {

    private static final Path BASE = Path.of("target", "compat", "ClusterConvergenceIT");

    @Test
    void aValuePutByTwoRevisionsIsAWriteAppliedTwice() {
        try (LoopbackCluster cluster = LoopbackCluster.etcd(1, BASE.resolve("twice")).start()) {
            ServerProcess member = cluster.awaitLeader(Duration.ofSeconds(30));
            put(member, "key-1", "c0-0");
            put(member, "key-2", "c0-1");
            put(member, "other", "c0-1");
            put(member, "key-1", "c1-0");
            assertThatCode(() -> ClusterConvergence.assertNoWriteAppliedTwice(member, "key-"))
                    .doesNotThrowAnyException();

            put(member, "key-1", "c0-0");
            assertThatThrownBy(() -> ClusterConvergence.assertNoWriteAppliedTwice(member, "key-"))
                    .hasMessageContaining("1 write(s) applied more than once")
                    .hasMessageContaining("key-1=c0-0=[2, 6]");
        }
    }

    private static void put(ServerProcess member, String key, String value) {
        KVGrpc.newBlockingStub(member.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                        .setValue(ByteString.copyFromUtf8(value)).build());
    }
}
