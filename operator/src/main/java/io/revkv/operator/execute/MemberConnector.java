package io.revkv.operator.execute;

import io.revkv.operator.member.MemberClient;
import io.revkv.operator.v1alpha1.KVCluster;

/** Opens a member client to one member of a cluster; the caller closes it. */
public interface MemberConnector {

    MemberClient connect(KVCluster kvc, String member);
}
