package io.revkv.store.raft;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.protocol.TermIndex;

/**
 * Ratis' gRPC transport, with which a leader tells its followers of a new commit index as soon as it has applied it,
 * as etcd's leader does (it sends an append carrying the new commit after each commit).
 *
 * <p>Ratis' leader sends its commit index only with its next append or heartbeat (every half election timeout,
 * 500 ms), and a follower waits for it to apply a write it forwarded or to serve a linearizable read. Ratis' log
 * metadata entries would send it at once, but each is one more log entry, written and fsynced by every member, for
 * every commit: on a 3-member cluster under one client, two fsyncs per member per put (JFR: 1 250 log fsyncs on each
 * member for 640 puts). A heartbeat to a follower that is behind costs one message and no disk.
 *
 * <p>A heartbeat sent while an append to the follower is still unanswered carries no previous entry, and the
 * follower then takes no commit index from it; so a follower that answers after the commit (the other one made the
 * majority) gets its heartbeat once its answer is in ({@link AfterReplies}).
 *
 * <p>Ratis makes its transport from the type's class name ({@link org.apache.ratis.RaftConfigKeys.Rpc#setType}),
 * so the appenders its factory makes are found through a registry keyed by the leader's member id.
 */
public final class CommitHeartbeats implements RpcType {

    /** The log appenders of each member that leads or led; stopped ones are dropped as commits go by. */
    private static final Map<RaftGroupMemberId, Set<LogAppender>> APPENDERS = new ConcurrentHashMap<>();

    /** Ratis makes the type by reflection, from {@link #name()}. */
    public CommitHeartbeats() {
    }

    @Override
    public String name() {
        return CommitHeartbeats.class.getName();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new GrpcFactory(parameters) {
            @Override
            public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
                LogAppender appender = super.newLogAppender(server, new AfterReplies(state, server), follower);
                APPENDERS.computeIfAbsent(server.getMemberId(), id -> ConcurrentHashMap.newKeySet()).add(appender);
                return appender;
            }
        };
    }

    /**
     * Called as {@code member} applies entry {@code index}: when it leads, each follower that does not know the entry
     * is committed gets a heartbeat at once (with the leader's commit index).
     */
    static void applied(RaftGroupMemberId member, long index) {
        Set<LogAppender> appenders = member == null ? null : APPENDERS.get(member);
        if (appenders == null) {
            return;
        }
        for (LogAppender appender : appenders) {
            if (!appender.isRunning()) {
                appenders.remove(appender);
            } else {
                wakeIfBehind(appender, index);
            }
        }
    }

    /**
     * A heartbeat to a follower that does not know {@code committed} is committed, unless entries are waiting to be
     * sent to it: those carry the commit index, and a heartbeat would only go before them (under load, one more
     * message per entry).
     */
    private static void wakeIfBehind(LogAppender appender, long committed) {
        if (appender.getFollower().getCommitIndex() < committed && !appender.hasAppendEntries()) {
            appender.triggerHeartbeat();
        }
    }

    /** The leader's state as Ratis has it, which also wakes an appender whose follower answered behind the commit. */
    private record AfterReplies(LeaderState leader, RaftServer.Division server) implements LeaderState {
        @Override
        public void onAppendEntriesReply(LogAppender appender, AppendEntriesReplyProto reply) {
            leader.onAppendEntriesReply(appender, reply);
            wakeIfBehind(appender, server.getRaftLog().getLastCommittedIndex());
        }

        @Override
        public void restart(LogAppender appender) {
            leader.restart(appender);
        }

        @Override
        public AppendEntriesRequestProto newAppendEntriesRequestProto(FollowerInfo follower,
                List<LogEntryProto> entries, TermIndex previous, long callId) {
            return leader.newAppendEntriesRequestProto(follower, entries, previous, callId);
        }

        @Override
        public void checkHealth(FollowerInfo follower) {
            leader.checkHealth(follower);
        }

        @Override
        public boolean onFollowerTerm(FollowerInfo follower, long followerTerm) {
            return leader.onFollowerTerm(follower, followerTerm);
        }

        @Override
        public void onFollowerCommitIndex(FollowerInfo follower, long commitIndex) {
            leader.onFollowerCommitIndex(follower, commitIndex);
        }

        @Override
        public void onFollowerSuccessAppendEntries(FollowerInfo follower) {
            leader.onFollowerSuccessAppendEntries(follower);
        }

        @Override
        public boolean isFollowerBootstrapping(FollowerInfo follower) {
            return leader.isFollowerBootstrapping(follower);
        }
    }

    /** Forgets a member's appenders once it has stopped. */
    static void stopped(RaftGroupMemberId member) {
        APPENDERS.remove(member);
    }
}
