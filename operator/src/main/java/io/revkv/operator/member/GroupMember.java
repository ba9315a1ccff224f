package io.revkv.operator.member;

import java.util.List;

/** One entry of MemberList: a member has no name until it has started. */
public record GroupMember(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {

    public GroupMember {
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    public boolean started() {
        return !name.isEmpty();
    }
}
