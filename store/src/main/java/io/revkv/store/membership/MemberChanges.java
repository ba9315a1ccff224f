package io.revkv.store.membership;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.errors.EtcdError;
import java.util.HashSet;
import java.util.Set;

/**
 * Applies a replicated {@link MemberChange} to the {@link MemberStore}, after the checks every member makes alike
 * (etcd's {@code ValidateConfigurationChange}): an ID removed once is never accepted again, an added member's ID and
 * peer URLs are new, at most {@link #MAX_LEARNERS} learners, only a learner is promoted. The checks read applied state
 * only, so every member refuses the same entries; a refused entry changes nothing.
 */
public final class MemberChanges {

    /** etcd's default {@code --max-learners}. */
    public static final int MAX_LEARNERS = 1;

    private final MemberStore members;

    public MemberChanges(MemberStore members) {
        this.members = members;
    }

    /**
     * Checks {@code change} against the applied membership, without changing it.
     *
     * @throws io.revkv.store.errors.EtcdException with etcd's error for a change it would refuse
     */
    public void check(MemberChange change) {
        switch (change.getChangeCase()) {
            case ADD -> checkAdd(change.getAdd());
            case REMOVE -> existing(change.getRemove());
            case UPDATE -> checkUpdate(change.getUpdate());
            case PROMOTE -> {
                if (!existing(change.getPromote()).getIsLearner()) {
                    throw EtcdError.MEMBER_NOT_LEARNER.exception();
                }
            }
            case PUBLISH -> existing(change.getPublish().getID());
            default -> throw new IllegalArgumentException("unknown member change " + change.getChangeCase());
        }
    }

    /** Checks, then applies {@code change}. */
    public void apply(MemberChange change) {
        check(change);
        switch (change.getChangeCase()) {
            case ADD -> members.put(change.getAdd().toBuilder().clearName().clearClientURLs().build());
            case REMOVE -> members.remove(change.getRemove());
            case UPDATE -> members.put(existing(change.getUpdate().getID()).toBuilder()
                    .clearPeerURLs().addAllPeerURLs(change.getUpdate().getPeerURLsList()).build());
            case PROMOTE -> members.put(existing(change.getPromote()).toBuilder().setIsLearner(false).build());
            case PUBLISH -> members.put(existing(change.getPublish().getID()).toBuilder()
                    .setName(change.getPublish().getName())
                    .clearClientURLs().addAllClientURLs(change.getPublish().getClientURLsList()).build());
            default -> throw new IllegalArgumentException("unknown member change " + change.getChangeCase());
        }
    }

    private void checkAdd(Member added) {
        if (members.isRemoved(added.getID()) || members.byId(added.getID()).isPresent()) {
            throw EtcdError.MEMBER_EXIST.exception();
        }
        if (peerUrlTaken(added, 0)) {
            throw EtcdError.PEER_URL_EXIST.exception();
        }
        if (added.getIsLearner() && members.all().stream().filter(Member::getIsLearner).count() >= MAX_LEARNERS) {
            throw EtcdError.TOO_MANY_LEARNERS.exception();
        }
    }

    private void checkUpdate(Member update) {
        existing(update.getID());
        if (peerUrlTaken(update, update.getID())) {
            throw EtcdError.PEER_URL_EXIST.exception();
        }
    }

    /** Whether a member other than {@code except} (0: none) has one of {@code member}'s peer URLs. */
    private boolean peerUrlTaken(Member member, long except) {
        Set<String> wanted = new HashSet<>(member.getPeerURLsList());
        return members.all().stream().filter(m -> m.getID() != except)
                .anyMatch(m -> m.getPeerURLsList().stream().anyMatch(wanted::contains));
    }

    private Member existing(long id) {
        return members.byId(id).orElseThrow(EtcdError.MEMBER_NOT_FOUND::exception);
    }
}
