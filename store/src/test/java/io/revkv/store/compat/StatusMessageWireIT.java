package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.store.compat.NodeStatusClient.Seen;
import io.revkv.store.errors.EtcdError;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;

/**
 * Error messages leave revkv in etcd's bytes (contract §11): the {@code grpc-status} and {@code grpc-message} of
 * failed calls, read raw off HTTP/2 by node, are byte for byte etcd 3.4's; and node's grpc-js, a client stack that
 * does not decode the message, reports etcd's exact message from both servers. The cases cross each way an error
 * leaves revkv: refused by the API's validation, by the applier through the Raft reply, by the MVCC store on a read.
 */
class StatusMessageWireIT {

    private static final ByteString KEY = ByteString.copyFromUtf8("wire");

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    private record Case(String path, Message request, EtcdError expected) {
    }

    private static final List<Case> CASES = List.of(
            new Case("/etcdserverpb.Lease/LeaseRevoke", LeaseRevokeRequest.newBuilder().setID(0x1234).build(),
                    EtcdError.LEASE_NOT_FOUND),
            new Case("/etcdserverpb.Lease/LeaseGrant",
                    LeaseGrantRequest.newBuilder().setID(7).setTTL(9_000_000_001L).build(), EtcdError.TOO_LARGE_TTL),
            new Case("/etcdserverpb.KV/Range", RangeRequest.newBuilder().setKey(KEY).setRevision(2).build(),
                    EtcdError.COMPACTED),
            new Case("/etcdserverpb.KV/Range", RangeRequest.newBuilder().setKey(KEY).setRevision(100).build(),
                    EtcdError.FUTURE_REV),
            new Case("/etcdserverpb.KV/Put", PutRequest.getDefaultInstance(), EtcdError.KEY_NOT_PROVIDED),
            new Case("/etcdserverpb.KV/Compact", CompactionRequest.newBuilder().setRevision(3).build(),
                    EtcdError.COMPACTED));

    @Test
    void failedCallsCarryEtcdsStatusBytesAndGrpcJsReadsEtcdsMessage() {
        ServerProcess etcd = withCompactedHistory(servers.etcd("m1"));
        ServerProcess revkv = withCompactedHistory(servers.revkv("m1"));

        for (Case c : CASES) {
            Seen fromEtcd = NodeStatusClient.call(etcd, c.path(), c.request());
            Seen fromRevkv = NodeStatusClient.call(revkv, c.path(), c.request());
            String expectedHex = HexFormat.of().formatHex(c.expected().message().getBytes(StandardCharsets.UTF_8));

            assertThat(fromEtcd.rawCode()).as("etcd's code for %s", c.expected())
                    .isEqualTo(c.expected().code().value());
            assertThat(fromEtcd.rawMessage()).as("etcd's bytes for %s", c.expected()).isEqualTo(expectedHex);
            assertThat(fromRevkv.rawCode()).as("revkv's code for %s", c.expected()).isEqualTo(fromEtcd.rawCode());
            assertThat(fromRevkv.rawMessage()).as("revkv's bytes for %s", c.expected())
                    .isEqualTo(fromEtcd.rawMessage());
            assertThat(fromRevkv.grpcJsCode()).as("grpc-js code from revkv").isEqualTo(c.expected().code().value());
            assertThat(fromRevkv.grpcJsDetails()).as("grpc-js details from revkv").isEqualTo(c.expected().message());
            assertThat(fromEtcd.grpcJsDetails()).as("grpc-js details from etcd").isEqualTo(c.expected().message());
        }
    }

    /** Revisions 2..4 put {@link #KEY}; compacted at 3, so revision 2 is gone and 100 is in the future. */
    private static ServerProcess withCompactedHistory(ServerProcess server) {
        var kv = KVGrpc.newBlockingStub(server.channel());
        for (int i = 0; i < 3; i++) {
            kv.put(PutRequest.newBuilder().setKey(KEY).setValue(ByteString.copyFromUtf8("v" + i)).build());
        }
        kv.compact(CompactionRequest.newBuilder().setRevision(3).build());
        return server;
    }
}
