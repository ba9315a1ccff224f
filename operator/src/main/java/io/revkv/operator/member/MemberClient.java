package io.revkv.operator.member;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.DefragmentRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberAddRequest;
import io.revkv.proto.etcdserverpb.MemberListRequest;
import io.revkv.proto.etcdserverpb.MemberPromoteRequest;
import io.revkv.proto.etcdserverpb.MemberRemoveRequest;
import io.revkv.proto.etcdserverpb.MoveLeaderRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * etcd's v3 API on one member's client port. Calls block for at most their deadline ({@code timeout}; the longer
 * {@code defragTimeout} for Defragment, which rewrites the database) and never throw: see {@link Outcome}.
 * Membership changes go to whichever member the caller picks; etcd forwards them to the leader, except MoveLeader,
 * which only the leader accepts ({@link Refusal#NOT_LEADER} elsewhere). Thread-safe; close it to release the
 * channel.
 */
public final class MemberClient implements AutoCloseable {

    private final String endpoint;
    private final ManagedChannel channel;
    private final Duration timeout;

    private MemberClient(String endpoint, ManagedChannel channel, Duration timeout) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.timeout = timeout;
    }

    /**
     * @param host    the member's client host (its Pod's DNS name, or loopback in tests)
     * @param tls     the TLS material when the client port serves TLS
     * @param timeout each call's deadline
     */
    public static MemberClient connect(String host, int port, Optional<MemberTls> tls, Duration timeout) {
        ChannelCredentials credentials = tls.map(MemberTls::credentials).orElseGet(InsecureChannelCredentials::create);
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, credentials)
                .maxInboundMessageSize(16 * 1024 * 1024).build();
        return new MemberClient(host + ":" + port, channel, timeout);
    }

    public String endpoint() {
        return endpoint;
    }

    public Outcome<MemberStatusReport> status() {
        return Calls.call(() -> report(maintenance(timeout).status(StatusRequest.getDefaultInstance())));
    }

    /** The group's members as this member knows them (linearizable on etcd 3.5 and revkv; 3.4 ignores it). */
    public Outcome<List<GroupMember>> memberList() {
        return Calls.call(() -> members(cluster().memberList(
                MemberListRequest.newBuilder().setLinearizable(true).build()).getMembersList()));
    }

    /**
     * The group's members as this member last applied them, without asking the leader: what a member can still say
     * when no quorum answers (the membership cannot have changed since, no change can commit).
     */
    public Outcome<List<GroupMember>> localMemberList() {
        return Calls.call(() -> members(cluster().memberList(MemberListRequest.getDefaultInstance()).getMembersList()));
    }

    /** Every alarm raised in the cluster, on any member. */
    public Outcome<List<Alarm>> alarms() {
        return Calls.call(() -> maintenance(timeout).alarm(AlarmRequest.newBuilder()
                        .setAction(AlarmRequest.AlarmAction.GET).build())
                .getAlarmsList().stream().map(a -> new Alarm(a.getMemberID(), a.getAlarm().name())).toList());
    }

    /**
     * AlarmDisarm {@code type} (NOSPACE, CORRUPT) for one member; the answer is the alarms it deactivated (none when
     * it was not raised).
     */
    public Outcome<List<Alarm>> alarmDisarm(long memberId, String type) {
        return Calls.call(() -> maintenance(timeout).alarm(AlarmRequest.newBuilder()
                        .setAction(AlarmRequest.AlarmAction.DEACTIVATE).setMemberID(memberId)
                        .setAlarm(AlarmType.valueOf(type)).build())
                .getAlarmsList().stream().map(a -> new Alarm(a.getMemberID(), a.getAlarm().name())).toList());
    }

    /** Compact the key space at {@code revision}, physical (answers once every member applied it). */
    public Outcome<Long> compact(long revision) {
        return Calls.call(() -> KVGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(),
                        TimeUnit.MILLISECONDS)
                .compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build())
                .getHeader().getRevision());
    }

    /** HashKV at {@code revision} (0: the member's current revision). */
    public Outcome<HashKvReport> hashKv(long revision) {
        return Calls.call(() -> {
            HashKVResponse r = maintenance(timeout).hashKV(HashKVRequest.newBuilder().setRevision(revision).build());
            return new HashKvReport(r.getHeader().getMemberId(), r.getHeader().getRevision(), r.getCompactRevision(),
                    Integer.toUnsignedLong(r.getHash()));
        });
    }

    /** MemberAdd; the answer is the added member (no name yet). */
    public Outcome<GroupMember> memberAdd(String peerUrl, boolean learner) {
        return Calls.call(() -> member(cluster().memberAdd(MemberAddRequest.newBuilder()
                .addPeerURLs(peerUrl).setIsLearner(learner).build()).getMember()));
    }

    /** MemberPromote; the answer is the membership after it. */
    public Outcome<List<GroupMember>> memberPromote(long id) {
        return Calls.call(() -> members(cluster().memberPromote(MemberPromoteRequest.newBuilder().setID(id).build())
                .getMembersList()));
    }

    /** MemberRemove; the answer is the membership after it. */
    public Outcome<List<GroupMember>> memberRemove(long id) {
        return Calls.call(() -> members(cluster().memberRemove(MemberRemoveRequest.newBuilder().setID(id).build())
                .getMembersList()));
    }

    /** MoveLeader to {@code targetId}; answers once the target leads. Ask the leader. */
    public Outcome<Void> moveLeader(long targetId) {
        return Calls.call(() -> {
            maintenance(timeout).moveLeader(MoveLeaderRequest.newBuilder().setTargetID(targetId).build());
            return null;
        });
    }

    /** Defragment this member, waiting up to {@code defragTimeout} (the spec's defrag.timeout). */
    public Outcome<Void> defragment(Duration defragTimeout) {
        return Calls.call(() -> {
            maintenance(defragTimeout).defragment(DefragmentRequest.getDefaultInstance());
            return null;
        });
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    @Override
    public String toString() {
        return "MemberClient[" + endpoint + "]";
    }

    private MaintenanceGrpc.MaintenanceBlockingStub maintenance(Duration deadline) {
        return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ClusterGrpc.ClusterBlockingStub cluster() {
        return ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static MemberStatusReport report(StatusResponse r) {
        return new MemberStatusReport(r.getHeader().getMemberId(), r.getHeader().getClusterId(), r.getLeader(),
                r.getRaftTerm(), r.getRaftIndex(), r.getRaftAppliedIndex(), r.getHeader().getRevision(),
                r.getDbSize(), r.getDbSizeInUse(), r.getIsLearner(), r.getVersion(), r.getErrorsList());
    }

    private static List<GroupMember> members(List<Member> members) {
        return members.stream().map(MemberClient::member).toList();
    }

    private static GroupMember member(Member m) {
        return new GroupMember(m.getID(), m.getName(), m.getPeerURLsList(), m.getClientURLsList(), m.getIsLearner());
    }
}
