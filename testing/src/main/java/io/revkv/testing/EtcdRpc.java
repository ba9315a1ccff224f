package io.revkv.testing;

import com.google.protobuf.Message;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrpc;
import io.revkv.proto.etcdserverpb.LeaseLeasesRequest;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveRequest;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.TxnRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends one etcd request message to the RPC that takes it and captures the answer as an {@link Outcome}.
 * Supports the KV service, {@code Maintenance.HashKV}, {@code Maintenance.Status}, {@code Maintenance.Alarm} and
 * the unary Lease RPCs.
 */
public final class EtcdRpc {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private EtcdRpc() {
    }

    public static Outcome call(Channel channel, Message request) {
        try {
            return Outcome.ok(invoke(channel, request));
        } catch (StatusRuntimeException e) {
            return Outcome.of(e);
        }
    }

    private static Message invoke(Channel channel, Message request) {
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        MaintenanceGrpc.MaintenanceBlockingStub maintenance = MaintenanceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (request instanceof RangeRequest r) {
            return kv.range(r);
        } else if (request instanceof PutRequest r) {
            return kv.put(r);
        } else if (request instanceof DeleteRangeRequest r) {
            return kv.deleteRange(r);
        } else if (request instanceof TxnRequest r) {
            return kv.txn(r);
        } else if (request instanceof CompactionRequest r) {
            return kv.compact(r);
        } else if (request instanceof HashKVRequest r) {
            return maintenance.hashKV(r);
        } else if (request instanceof StatusRequest r) {
            return maintenance.status(r);
        } else if (request instanceof AlarmRequest r) {
            return maintenance.alarm(r);
        }
        return invokeLease(channel, request);
    }

    private static Message invokeLease(Channel channel, Message request) {
        LeaseGrpc.LeaseBlockingStub lease = LeaseGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (request instanceof LeaseGrantRequest r) {
            return lease.leaseGrant(r);
        } else if (request instanceof LeaseRevokeRequest r) {
            return lease.leaseRevoke(r);
        } else if (request instanceof LeaseTimeToLiveRequest r) {
            return lease.leaseTimeToLive(r);
        } else if (request instanceof LeaseLeasesRequest r) {
            return lease.leaseLeases(r);
        }
        throw new IllegalArgumentException("no RPC for " + request.getClass().getName());
    }
}
