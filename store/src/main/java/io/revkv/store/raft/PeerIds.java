package io.revkv.store.raft;

import java.util.List;
import java.util.Map;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** A member's Ratis identity: its peer ID is its etcd member ID in hex. */
final class PeerIds {

    private PeerIds() {
    }

    static RaftPeerId peerId(long memberId) {
        return RaftPeerId.valueOf(Long.toHexString(memberId));
    }

    /** The etcd member ID behind a Ratis peer ID; 0 (etcd's "no leader") for null. */
    static long memberId(RaftPeerId peerId) {
        return peerId == null ? 0 : Long.parseUnsignedLong(peerId.toString(), 16);
    }

    static RaftPeer peer(long memberId, String address) {
        return RaftPeer.newBuilder().setId(peerId(memberId)).setAddress(address).build();
    }

    static List<RaftPeer> peers(Map<Long, String> byId) {
        return byId.entrySet().stream().map(e -> peer(e.getKey(), e.getValue())).toList();
    }
}
