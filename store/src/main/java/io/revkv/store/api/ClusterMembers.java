package io.revkv.store.api;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.store.config.InitialCluster;
import io.revkv.store.config.StoreConfig;
import io.revkv.store.raft.ClusterTopology;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's members as etcd's MemberList reports them, derived from the bootstrap configuration: one entry per
 * {@code --initial-cluster} member with its etcd member ID and sorted peer URLs, in ascending ID order as etcd
 * lists them. Only this member's client URLs ({@code --advertise-client-urls}) are known: etcd learns the others'
 * when they publish their attributes through Raft, which needs replicated membership (a later issue), so they are
 * listed as etcd lists a member that has not published yet. Nobody is a learner: learners only come from MemberAdd.
 */
final class ClusterMembers {

    private final List<Member> members;

    private ClusterMembers(List<Member> members) {
        this.members = members;
    }

    static ClusterMembers of(StoreConfig config, ClusterTopology topology) {
        InitialCluster cluster = InitialCluster.parse(config.initialCluster());
        List<Member> members = topology.memberIds().entrySet().stream()
                .map(e -> member(e.getKey(), e.getValue(), cluster.peerUrls(e.getKey()), config, topology))
                .sorted(Comparator.comparing(Member::getID, Long::compareUnsigned))
                .toList();
        return new ClusterMembers(members);
    }

    private static Member member(String name, long id, List<URI> peerUrls, StoreConfig config,
            ClusterTopology topology) {
        Member.Builder b = Member.newBuilder().setID(id).setName(name)
                .addAllPeerURLs(peerUrls.stream().map(URI::toString).sorted().toList());
        if (name.equals(topology.localName())) {
            b.addAllClientURLs(config.advertiseClientUrls());
        }
        return b.build();
    }

    List<Member> all() {
        return members;
    }

    Optional<Member> byId(long id) {
        return members.stream().filter(m -> m.getID() == id).findFirst();
    }

    /** Whether another member than {@code except} (0 for none) already has one of {@code peerUrls}. */
    boolean peerUrlTaken(List<String> peerUrls, long except) {
        return members.stream().filter(m -> m.getID() != except)
                .anyMatch(m -> m.getPeerURLsList().stream().anyMatch(peerUrls::contains));
    }
}
