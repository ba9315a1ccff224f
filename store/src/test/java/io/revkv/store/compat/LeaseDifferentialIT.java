package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.LeaseLeasesRequest;
import io.revkv.proto.etcdserverpb.LeaseLeasesResponse;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.LeaseStatus;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveRequest;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.Protos;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leases against real etcd 3.4.23 and revkv, request by request (contract §9, §1.1, §3.1): grants with server-chosen
 * and explicit IDs and every TTL edge, leased puts, puts that move or detach a key's lease, TimeToLive with keys,
 * Leases, keep-alives, revokes (keys deleted in one revision, or none consumed), the errors, then the whole key
 * space and HashKV.
 *
 * <p>Normalized explicitly, because these differ by nature between two servers, and checked before being cleared:
 * <ul>
 *   <li>the server-chosen ID of a grant with ID 0 (must be positive); requests about that lease use each server's
 *       own ID, and Leases lists it as 0;</li>
 *   <li>TimeToLive's remaining TTL (must be within [0, grantedTTL]), replaced by grantedTTL;</li>
 *   <li>the order of TimeToLive's keys (etcd: "no defined order") and of Leases (sorted by expiry, which two servers
 *       started at different moments need not share), both sorted.</li>
 * </ul>
 * No 3.4≠new difference applies to leases; the final HashKV goes through {@link KnownDifferences} for its
 * {@code hash_revision} field. The script starts on fresh servers, so revisions match.
 */
class LeaseDifferentialIT {

    private static final long SERVER_CHOSEN = 0;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    /** One call; it may name the lease ID the server chose for the grant with ID 0 ({@code chosen}). */
    private record Step(String name, BiFunction<ServerProcess, Long, Outcome> call, Message request) {
        static Step of(Message request) {
            return new Step(Protos.shortText(request), (server, chosen) -> EtcdRpc.call(server.channel(), request),
                    request);
        }

        static Step withChosen(String name, LongFunction<Message> request) {
            return new Step(name, (server, chosen) -> EtcdRpc.call(server.channel(), request.apply(chosen)), null);
        }

        static Step keepAlive(long id) {
            return new Step("KeepAlive(" + id + ")", (server, chosen) -> KeepAlive.once(server.channel(), id), null);
        }
    }

    /** Harness self-check: two etcd 3.4 servers must not differ after the normalization. */
    @Test
    void leaseRequestsShowNoDifferenceBetweenTwoEtcd34Servers() {
        assertSameOutcomes(servers.etcd("etcd-ref"), servers.etcd("etcd-peer"));
    }

    @Test
    void revkvAnswersLeaseRequestsLikeEtcd34() {
        assertSameOutcomes(servers.etcd("etcd"), servers.revkv("revkv"));
    }

    /**
     * Leases 100 and −7 (60 s) and 301 (the largest TTL) carry the keys; the leases raised to the 2 s minimum are
     * granted last, so none expires while the script still uses it.
     */
    private static List<Step> script() {
        List<Step> steps = new ArrayList<>(List.of(Step.of(grant(100, 60)), Step.of(grant(100, 30)),
                Step.of(grant(-7, 60)), Step.of(grant(300, 9_000_000_001L)), Step.of(grant(301, 9_000_000_000L))));
        steps.addAll(List.of(Step.of(put("a", 100)), Step.of(put("b", 100)), Step.of(put("c", -7)),
                Step.of(put("f", 100)), Step.of(put("d", 999)),
                Step.of(put("e", 100).toBuilder().setIgnoreLease(true).build()),
                Step.of(timeToLive(100))));
        steps.addAll(List.of(Step.of(put("a", 301)), Step.of(put("b", 0)),
                Step.of(put("c", 0).toBuilder().setIgnoreValue(true).setValue(ByteString.EMPTY).build()),
                Step.of(put("f", 0).toBuilder().setIgnoreLease(true).build()),
                Step.of(put("x", 0).toBuilder().setIgnoreLease(true).build()),
                Step.of(timeToLive(301)),
                Step.of(TxnRequest.newBuilder()
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put("g", 100)))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put("h", -7)))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put("a", 100)))
                        .build()),
                Step.of(TxnRequest.newBuilder()
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put("z", 999)))
                        .build())));
        for (long id : new long[] {100, -7, 301, 999}) {
            steps.add(Step.of(timeToLive(id)));
        }
        steps.addAll(List.of(Step.withChosen("TimeToLive(server-chosen)", LeaseDifferentialIT::timeToLive),
                Step.of(LeaseLeasesRequest.getDefaultInstance()),
                Step.keepAlive(100), Step.keepAlive(301), Step.keepAlive(999),
                Step.of(revoke(100)), Step.of(all()), Step.of(revoke(100)), Step.keepAlive(100),
                Step.of(revoke(301)), Step.of(revoke(999)),
                Step.withChosen("Revoke(server-chosen)", LeaseDifferentialIT::revoke),
                Step.of(revoke(-7)), Step.of(timeToLive(100)), Step.of(LeaseLeasesRequest.getDefaultInstance()),
                Step.of(all()), Step.of(HashKVRequest.getDefaultInstance())));
        steps.addAll(List.of(Step.of(grant(201, 1)), Step.of(grant(202, 0)), Step.of(grant(203, -5))));
        return steps;
    }

    private void assertSameOutcomes(ServerProcess reference, ServerProcess candidate) {
        long refChosen = chosenId(reference);
        long candChosen = chosenId(candidate);
        KnownDifferences known = new KnownDifferences(reference.dialect(), candidate.dialect());
        List<String> differences = new ArrayList<>();
        for (Step step : script()) {
            Outcome expected = normalize(step.call().apply(reference, refChosen), refChosen);
            Outcome actual = normalize(step.call().apply(candidate, candChosen), candChosen);
            if (step.request() != null) {
                KnownDifferences.Translation t = known.translate(step.request(), actual, -1);
                t.violations().forEach(v -> differences.add(step.name() + ": " + v));
                actual = t.asReference();
            }
            System.out.println(step.name() + " -> " + expected);
            ResponseComparer.diff(expected, actual).ifPresent(d -> differences.add(step.name() + "\n" + d));
        }
        assertThat(differences).as("lease differences").isEmpty();
    }

    /** The script's first step: a grant with ID 0; returns the ID the server chose. */
    private static long chosenId(ServerProcess server) {
        Outcome outcome = EtcdRpc.call(server.channel(), grant(SERVER_CHOSEN, 60));
        assertThat(outcome.isOk()).as("grant with ID 0 on %s: %s", server, outcome).isTrue();
        LeaseGrantResponse response = (LeaseGrantResponse) outcome.response();
        assertThat(response.getID()).as("server-chosen ID").isPositive();
        assertThat(response.getTTL()).isEqualTo(60);
        return response.getID();
    }

    /** The normalization of the class comment; checks each value before clearing it. */
    private static Outcome normalize(Outcome outcome, long chosen) {
        if (!outcome.isOk()) {
            return outcome;
        }
        Message response = outcome.response();
        if (response instanceof LeaseTimeToLiveResponse ttl && ttl.getTTL() >= 0) {
            assertThat(ttl.getTTL()).as("remaining TTL").isBetween(0L, ttl.getGrantedTTL());
            List<ByteString> keys = new ArrayList<>(ttl.getKeysList());
            keys.sort(ByteString.unsignedLexicographicalComparator());
            return Outcome.ok(ttl.toBuilder().setID(ttl.getID() == chosen ? 0 : ttl.getID())
                    .setTTL(ttl.getGrantedTTL()).clearKeys().addAllKeys(keys).build());
        }
        if (response instanceof LeaseLeasesResponse leases) {
            List<LeaseStatus> ids = new ArrayList<>();
            leases.getLeasesList().forEach(l -> ids.add(l.getID() == chosen ? LeaseStatus.getDefaultInstance() : l));
            ids.sort(Comparator.comparingLong(LeaseStatus::getID));
            return Outcome.ok(leases.toBuilder().clearLeases().addAllLeases(ids).build());
        }
        return outcome;
    }

    private static LeaseGrantRequest grant(long id, long ttl) {
        return LeaseGrantRequest.newBuilder().setID(id).setTTL(ttl).build();
    }

    private static LeaseRevokeRequest revoke(long id) {
        return LeaseRevokeRequest.newBuilder().setID(id).build();
    }

    private static LeaseTimeToLiveRequest timeToLive(long id) {
        return LeaseTimeToLiveRequest.newBuilder().setID(id).setKeys(true).build();
    }

    private static PutRequest put(String key, long lease) {
        return PutRequest.newBuilder().setKey(Protos.utf8(key)).setValue(Protos.utf8("v-" + key)).setLease(lease)
                .build();
    }

    private static RangeRequest all() {
        return RangeRequest.newBuilder().setKey(KeySpace.ZERO).setRangeEnd(KeySpace.ZERO).build();
    }
}
