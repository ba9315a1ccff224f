package io.revkv.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the load on a cluster goes: to every member's client endpoint, or to the leader alone (etcd's
 * {@code benchmark --target-leader}). The two side by side show what the follower write path costs.
 *
 * <p>As etcd's {@code benchmark} with several {@code --endpoints}, the bench opens its connections round-robin over
 * the endpoints and client {@code i} uses connection {@code i % conns}, so a single client talks to the first
 * endpoint only. {@code all} therefore lists the followers first and the leader last: one client writes through a
 * follower (the path whose cost is in question), and many clients on several connections spread over every member.
 */
public enum LoadTarget {
    ALL, LEADER;

    /** The endpoints a run on {@code cluster} drives. */
    public List<String> endpoints(Cluster cluster) {
        Server leader = cluster.leader();
        if (this == LEADER) {
            return List.of(leader.endpoint());
        }
        List<String> followersFirst = new ArrayList<>(cluster.endpoints());
        followersFirst.remove(leader.endpoint());
        followersFirst.add(leader.endpoint());
        return followersFirst;
    }

    /** The option value and report label: {@code all} or {@code leader}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoadTarget parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> ALL;
            case "leader" -> LEADER;
            default -> throw new IllegalArgumentException("unknown --target '" + value + "'; all or leader");
        };
    }
}
