package io.revkv.store.raft;

import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.alarm.AlarmRaiser;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Raises this member's alarms by proposing {@code ACTIVATE} through Raft (etcd's {@code quotaAlarmer} and the
 * server's NOSPACE proposal). It exists before the Raft member does, because the applier that needs it is built
 * first and may raise while Raft replays its log at start: such alarms are proposed once {@link #attach} is called.
 */
public final class ProposedAlarms implements AlarmRaiser {

    private static final Logger LOG = Logger.getLogger(ProposedAlarms.class);

    private final CompletableFuture<RaftMember> member = new CompletableFuture<>();

    /** Starts proposing through {@code raft}, including the alarms raised before. */
    public void attach(RaftMember raft) {
        member.complete(raft);
    }

    @Override
    public CompletableFuture<Void> raise(AlarmType type) {
        return member.thenCompose(raft -> raft.propose(activate(raft.identity().memberId(), type)))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        LOG.errorf(error, "could not raise the %s alarm", type);
                    }
                })
                .thenAccept(response -> { });
    }

    private static InternalRequest activate(long memberId, AlarmType type) {
        return InternalRequest.newBuilder().setAlarm(AlarmRequest.newBuilder()
                .setAction(AlarmRequest.AlarmAction.ACTIVATE).setMemberID(memberId).setAlarm(type)).build();
    }
}
