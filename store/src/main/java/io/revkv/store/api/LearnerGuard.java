package io.revkv.store.api;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.raft.RaftMember;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A learner serves only Status and serializable Ranges, and of the streams only Snapshot (etcd's
 * {@code isRPCSupportedForLearner} and its stream interceptor); everything else of etcd's API gets "etcdserver: rpc
 * not supported for learner", so that clients go to another endpoint. Services outside etcd's API (gRPC health) are
 * not guarded: a learner is healthy.
 */
@GlobalInterceptor
@ApplicationScoped
public class LearnerGuard implements ServerInterceptor {

    private static final String ETCD_SERVICES = "etcdserverpb.";

    private final RaftMember raft;

    public LearnerGuard(RaftMember raft) {
        this.raft = raft;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                      ServerCallHandler<Q, A> next) {
        MethodDescriptor<Q, A> method = call.getMethodDescriptor();
        if (!method.getFullMethodName().startsWith(ETCD_SERVICES) || !raft.isLearner()) {
            return next.startCall(call, headers);
        }
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            if (method.getFullMethodName().equals(MaintenanceGrpc.getSnapshotMethod().getFullMethodName())) {
                return next.startCall(call, headers);
            }
            return refuse(call);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (supported(message)) {
                    super.onMessage(message);
                } else {
                    refused = true;
                    call.close(EtcdError.NOT_SUPPORTED_FOR_LEARNER.statusException().getStatus(), new Metadata());
                }
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    private static boolean supported(Object request) {
        return request instanceof StatusRequest || request instanceof RangeRequest range && range.getSerializable();
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call) {
        call.close(EtcdError.NOT_SUPPORTED_FOR_LEARNER.statusException().getStatus(), new Metadata());
        return new ServerCall.Listener<>() { };
    }
}
