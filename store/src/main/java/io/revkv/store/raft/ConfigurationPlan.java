package io.revkv.store.raft;

import io.revkv.proto.etcdserverpb.Member;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next step that brings the Raft configuration in line with the replicated membership: a pure function, so that
 * its order is tested without a cluster. One change per step, the safest first:
 * <ol>
 *   <li>the leader itself removed: it hands leadership to another voter, which then removes it;</li>
 *   <li>a member removed from the membership leaves the configuration (this needs no reply from it);</li>
 *   <li>a learner promoted becomes a voter (it has caught up: MemberPromote checked that);</li>
 *   <li>a member whose peer URLs changed is reached at its new address;</li>
 *   <li>a member added joins once it has started (published its name through the log, as a starting member does
 *       even before it is in the configuration): a learner as a Ratis listener, a voter as a peer. Until then it is
 *       not in the way: Ratis would hold a reconfiguration open while it waits for a new peer to come up, and
 *       refuse leadership transfers and other changes meanwhile.</li>
 * </ol>
 *
 * @param voters    the current voting peers, by member ID, with their Raft addresses ({@code host:port})
 * @param listeners the current listeners (learners), likewise
 */
record ConfigurationPlan(Map<Long, String> voters, Map<Long, String> listeners) {

    /** What to do next. */
    sealed interface Step {
    }

    /** Set the configuration to these voters and listeners. */
    record Reconfigure(Map<Long, String> voters, Map<Long, String> listeners, String reason) implements Step {
    }

    /** Hand leadership to {@code memberId} first. */
    record TransferLeadership(long memberId) implements Step {
    }

    /** The step towards {@code desired}, for the leader {@code localId}; empty when the configuration matches. */
    Optional<Step> next(List<Member> desired, long localId) {
        Map<Long, Member> byId = new LinkedHashMap<>();
        desired.forEach(m -> byId.put(m.getID(), m));
        Member local = byId.get(localId);
        if (local == null || local.getIsLearner()) {
            return voters.keySet().stream()
                    .filter(id -> id != localId && byId.containsKey(id) && !byId.get(id).getIsLearner())
                    .findFirst().map(TransferLeadership::new);
        }
        for (Long id : voters.keySet()) {
            if (!byId.containsKey(id)) {
                return Optional.of(reconfigure(without(voters, id), listeners, "remove " + hex(id)));
            }
        }
        for (Long id : listeners.keySet()) {
            if (!byId.containsKey(id)) {
                return Optional.of(reconfigure(voters, without(listeners, id), "remove learner " + hex(id)));
            }
        }
        for (Long id : listeners.keySet()) {
            if (!byId.get(id).getIsLearner()) {
                return Optional.of(reconfigure(with(voters, id, address(byId.get(id))), without(listeners, id),
                        "promote " + hex(id)));
            }
        }
        for (Member member : desired) {
            Map<Long, String> current = member.getIsLearner() ? listeners : voters;
            String address = address(member);
            if (current.containsKey(member.getID()) && !current.get(member.getID()).equals(address)) {
                return Optional.of(member.getIsLearner()
                        ? reconfigure(voters, with(listeners, member.getID(), address), "move " + hex(member.getID()))
                        : reconfigure(with(voters, member.getID(), address), listeners, "move " + hex(member.getID())));
            }
        }
        for (Member member : desired) {
            long id = member.getID();
            if (!voters.containsKey(id) && !listeners.containsKey(id) && !member.getName().isEmpty()) {
                return Optional.of(member.getIsLearner()
                        ? reconfigure(voters, with(listeners, id, address(member)), "add learner " + hex(id))
                        : reconfigure(with(voters, id, address(member)), listeners, "add " + hex(id)));
            }
        }
        return Optional.empty();
    }

    /** A member's Raft address: the host and port of its first peer URL (etcd sorts them). */
    static String address(Member member) {
        URI url = URI.create(member.getPeerURLs(0));
        return url.getHost() + ":" + url.getPort();
    }

    private static Reconfigure reconfigure(Map<Long, String> voters, Map<Long, String> listeners, String reason) {
        return new Reconfigure(voters, listeners, reason);
    }

    private static Map<Long, String> without(Map<Long, String> peers, long id) {
        Map<Long, String> copy = new LinkedHashMap<>(peers);
        copy.remove(id);
        return copy;
    }

    private static Map<Long, String> with(Map<Long, String> peers, long id, String address) {
        Map<Long, String> copy = new LinkedHashMap<>(peers);
        copy.put(id, address);
        return copy;
    }

    private static String hex(long id) {
        return Long.toHexString(id);
    }
}
