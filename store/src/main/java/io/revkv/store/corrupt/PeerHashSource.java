package io.revkv.store.corrupt;

import java.util.List;

/** Asks every other member of the cluster for its HashKV at a revision (etcd's {@code getPeerHashKVs}). */
@FunctionalInterface
public interface PeerHashSource {

    /**
     * One entry per other member that has endpoints (client URLs), in the membership's order; a member that has
     * published none yet is left out, as etcd leaves out a peer without URLs. Never throws for a peer's failure.
     */
    List<PeerHash> at(long revision);
}
