package io.revkv.operator.status;

import java.util.List;

/**
 * Lost quorum as the Available condition reports it: fewer voters answer than a quorum, and which do not, so that a
 * user reading {@code kubectl describe kvc} knows whose Pods to look at, and that recovery is manual.
 */
final class QuorumLoss {

    private QuorumLoss() {
    }

    static boolean lost(List<StatusInput.Member> members) {
        long voters = voters(members).size();
        return voters > 0 && voters - silent(members).size() < voters / 2 + 1;
    }

    static String message(List<StatusInput.Member> members) {
        long voters = voters(members).size();
        List<String> silent = silent(members);
        return silent.size() + " of " + voters + " voters do not answer: " + String.join(", ", silent)
                + "; a quorum needs " + (voters / 2 + 1) + ". The operator changes nothing until they are back; "
                + "if they cannot come back, recovery is manual: see the README (lost quorum)";
    }

    private static List<StatusInput.Member> voters(List<StatusInput.Member> members) {
        return members.stream().filter(m -> !m.member().learner()).toList();
    }

    private static List<String> silent(List<StatusInput.Member> members) {
        return voters(members).stream().filter(m -> m.report().isEmpty()).map(StatusInput.Member::name).sorted()
                .toList();
    }
}
