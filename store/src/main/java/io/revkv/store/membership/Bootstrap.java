package io.revkv.store.membership;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.store.config.InitialCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * How a member finds out who it is as it starts (etcd's {@code bootstrap}):
 * <ul>
 *   <li>with data (an identity saved), it is that member of that cluster: the initial flags are ignored;</li>
 *   <li>{@code --initial-cluster-state new}: the members of {@code --initial-cluster} form the cluster, with IDs
 *       computed from their peer URLs and {@code --initial-cluster-token}, as every one of them computes them;</li>
 *   <li>{@code existing}: the member was added to a running cluster (MemberAdd), which gave it an ID this member
 *       cannot compute: it asks the members of {@code --initial-cluster} for the membership and finds itself in it by
 *       its peer URLs.</li>
 * </ul>
 */
public final class Bootstrap {

    /** The membership of a running cluster as one of its members answered, with the Raft group it replicates in. */
    public record RemoteCluster(UUID groupId, MemberListResponse members) {
    }

    /** Asks members at these peer URLs, one after another, for the cluster's membership. */
    @FunctionalInterface
    public interface RemoteMembership {
        RemoteCluster fetch(List<URI> peerUrls);
    }

    /** The flags that matter at bootstrap. */
    public record Flags(String name, InitialCluster initialCluster, String token, String state,
                        List<String> advertisePeerUrls) {
    }

    private Bootstrap() {
    }

    /**
     * This member's identity, bootstrapping {@code members} (and saving the identity in {@code memberDir}) when the
     * member has none yet.
     */
    public static LocalIdentity identify(Path memberDir, Flags flags, MemberStore members,
                                         RemoteMembership remote) {
        return LocalIdentity.load(memberDir).orElseGet(() -> {
            LocalIdentity identity = switch (flags.state()) {
                case "new" -> formNew(flags, members);
                case "existing" -> join(flags, members, remote);
                default -> throw new IllegalArgumentException("--initial-cluster-state: expected 'new' or 'existing', got '"
                        + flags.state() + "'");
            };
            identity.save(memberDir);
            return identity;
        });
    }

    private static LocalIdentity formNew(Flags flags, MemberStore members) {
        List<URI> own = flags.initialCluster().peerUrls(flags.name());
        checkAdvertised(flags, own);
        List<Member> initial = flags.initialCluster().peers().entrySet().stream()
                .map(e -> Member.newBuilder()
                        .setID(MemberIds.memberId(e.getValue(), flags.token()))
                        .setName(e.getKey())
                        .addAllPeerURLs(e.getValue().stream().map(URI::toString).sorted().toList())
                        .build())
                .sorted(Comparator.comparing(Member::getID, Long::compareUnsigned))
                .toList();
        long clusterId = MemberIds.clusterId(initial.stream().map(Member::getID).toList());
        members.bootstrap(clusterId, initial);
        return new LocalIdentity(MemberIds.memberId(own, flags.token()), clusterId, groupId(flags.token()));
    }

    private static LocalIdentity join(Flags flags, MemberStore members, RemoteMembership remote) {
        List<String> own = flags.advertisePeerUrls().stream().sorted().toList();
        List<URI> others = flags.initialCluster().peers().entrySet().stream()
                .filter(e -> !e.getKey().equals(flags.name()))
                .flatMap(e -> e.getValue().stream()).toList();
        RemoteCluster cluster = remote.fetch(others);
        Member self = cluster.members().getMembersList().stream()
                .filter(m -> m.getPeerURLsList().stream().sorted().toList().equals(own))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("--initial-cluster-state existing: no member of the "
                        + "cluster has the peer URLs " + own + "; add this member first (etcdctl member add "
                        + flags.name() + " --peer-urls=" + String.join(",", own) + "), then start it"));
        // etcd's isMemberBootstrapped: a member the cluster lists with client URLs has started and published
        // itself before. Without its data it would rejoin under its old ID with an empty log, forgetting entries it
        // acknowledged; it must be removed and added again instead.
        if (self.getClientURLsCount() > 0) {
            throw new IllegalStateException("member " + Long.toHexString(self.getID()) + " has already been "
                    + "bootstrapped (its data directory is empty: remove it with etcdctl member remove "
                    + Long.toHexString(self.getID()) + ", add it again with etcdctl member add, then start it)");
        }
        members.bootstrap(cluster.members().getHeader().getClusterId(), cluster.members().getMembersList());
        return new LocalIdentity(self.getID(), cluster.members().getHeader().getClusterId(), cluster.groupId());
    }

    /** etcd refuses to start when the member's advertised peer URLs are not its entry in --initial-cluster. */
    private static void checkAdvertised(Flags flags, List<URI> own) {
        List<String> listed = own.stream().map(URI::toString).sorted().toList();
        List<String> advertised = flags.advertisePeerUrls().stream().map(u -> URI.create(u).toString()).sorted().toList();
        if (!listed.equals(advertised)) {
            throw new IllegalArgumentException("--initial-cluster has " + flags.name() + "=" + listed
                    + " but --initial-advertise-peer-urls is " + advertised + ": they must be the same URLs");
        }
    }

    /** A new cluster's Raft group, stable for a token, so that a cluster's members agree on it without talking. */
    static UUID groupId(String token) {
        return UUID.nameUUIDFromBytes(("revkv/" + token).getBytes(StandardCharsets.UTF_8));
    }
}
