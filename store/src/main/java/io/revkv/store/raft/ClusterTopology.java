package io.revkv.store.raft;

import io.revkv.store.config.InitialCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * The bootstrap cluster as Ratis sees it: one peer per member of {@code --initial-cluster}, named by its etcd member
 * ID (hex) and reached at its first peer URL; the group ID comes from the cluster token so that it is stable.
 */
public record ClusterTopology(String localName, Map<String, Long> memberIds, Map<String, URI> peerAddresses,
        String clusterToken) {

    public static ClusterTopology of(String localName, InitialCluster cluster, String clusterToken) {
        cluster.peerUrls(localName);
        Map<String, Long> ids = cluster.peers().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> MemberIds.memberId(e.getValue(), clusterToken),
                (a, b) -> a, java.util.LinkedHashMap::new));
        Map<String, URI> addresses = cluster.peers().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().get(0), (a, b) -> a, java.util.LinkedHashMap::new));
        return new ClusterTopology(localName, ids, addresses, clusterToken);
    }

    public long localMemberId() {
        return memberIds.get(localName);
    }

    public long clusterId() {
        return MemberIds.clusterId(memberIds.values());
    }

    public RaftPeerId localPeerId() {
        return peerId(localMemberId());
    }

    public static RaftPeerId peerId(long memberId) {
        return RaftPeerId.valueOf(Long.toHexString(memberId));
    }

    /** The etcd member ID behind a Ratis peer ID; 0 (etcd's "no leader") for null. */
    public static long memberId(RaftPeerId peerId) {
        return peerId == null ? 0 : Long.parseUnsignedLong(peerId.toString(), 16);
    }

    public RaftGroup group() {
        List<RaftPeer> peers = memberIds.entrySet().stream().map(e -> RaftPeer.newBuilder()
                .setId(peerId(e.getValue()))
                .setAddress(peerAddresses.get(e.getKey()).getHost() + ":" + peerAddresses.get(e.getKey()).getPort())
                .build()).toList();
        UUID groupUuid = UUID.nameUUIDFromBytes(("revkv/" + clusterToken).getBytes(StandardCharsets.UTF_8));
        return RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid), peers);
    }
}
