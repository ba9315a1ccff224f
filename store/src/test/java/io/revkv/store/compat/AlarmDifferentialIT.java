package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmRequest.AlarmAction;
import io.revkv.proto.etcdserverpb.AlarmResponse;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.testing.Dialect;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The space quota and the NOSPACE alarm (contract §7.3), etcd 3.4.23 against revkv, both with
 * {@code --quota-backend-bytes=300000}: fill with 20 KB puts until the quota trips, then compare the error, the alarm
 * list, Status.errors, every row of the capped table, the alarm across a restart with a larger quota, and disarm.
 *
 * <p>Named differences, asserted per side rather than hidden:
 * <ul>
 *   <li>AlarmResponse.header: 3.4 sends none; revkv fills it as etcd 3.5+ does.</li>
 *   <li>A txn whose only put is inside a nested txn: every etcd release counts only the puts directly in a branch,
 *       so it costs 0 and passes the cap (3.4 applies it); the contract counts nested txns, so revkv rejects it.</li>
 * </ul>
 */
class AlarmDifferentialIT {

    private static final String QUOTA = "300000";
    private static final String NO_SPACE = "RESOURCE_EXHAUSTED: etcdserver: mvcc: database space exceeded";
    private static final ByteString VALUE = ByteString.copyFrom(new byte[20_000]);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void revkvTripsCapsAndDisarmsLikeEtcd34() {
        List<ServerProcess> both = List.of(servers.etcd("etcd", "--quota-backend-bytes", QUOTA),
                servers.revkv("revkv", "--quota-backend-bytes", QUOTA));
        for (ServerProcess server : both) {
            fillUntilTheQuotaTrips(server);
            assertNoSpaceAlarmOnlyForItself(server);
            assertThat(cappedTable(server)).as("capped table on %s", server).isEqualTo(expectedCappedTable());
            assertNestedPutTxn(server);
        }
        for (ServerProcess server : both) {
            restartWithQuota(server, "1000000000");
            assertNoSpaceAlarmOnlyForItself(server);
            assertThat(call(server, put("after-restart")).label()).as("the alarm never clears by itself")
                    .isEqualTo(NO_SPACE);
            disarm(server);
            assertThat(call(server, put("after-disarm")).label()).isEqualTo("OK");
        }
    }

    /** The put that trips is refused before it is proposed: it consumes no revision. */
    private static void fillUntilTheQuotaTrips(ServerProcess server) {
        for (int i = 0; i < 200; i++) {
            long before = revision(server);
            Outcome outcome = call(server, PutRequest.newBuilder().setKey(key("fill/" + i)).setValue(VALUE).build());
            if (!outcome.isOk()) {
                assertThat(outcome.label()).as("%s after %d puts", server, i).isEqualTo(NO_SPACE);
                assertThat(revision(server)).as("the refused put took no revision").isEqualTo(before);
                return;
            }
        }
        throw new AssertionError(server + ": 200 puts of 20 KB never exceeded a quota of " + QUOTA);
    }

    private static void assertNoSpaceAlarmOnlyForItself(ServerProcess server) {
        StatusResponse status = (StatusResponse) call(server, StatusRequest.getDefaultInstance()).response();
        long self = status.getHeader().getMemberId();
        assertThat(status.getErrorsList()).containsExactly(
                "memberID:" + Long.toUnsignedString(self) + " alarm:NOSPACE ");
        AlarmResponse list = alarm(server, AlarmAction.GET, 0, AlarmType.NONE);
        assertThat(list.getAlarmsList()).singleElement().satisfies(alarm -> {
            assertThat(alarm.getMemberID()).isEqualTo(self);
            assertThat(alarm.getAlarm()).isEqualTo(AlarmType.NOSPACE);
        });
        if (server.dialect() == Dialect.ETCD_3_4) {
            assertThat(list.hasHeader()).as("3.4's AlarmResponse has no header").isFalse();
        } else {
            assertThat(list.getHeader().getMemberId()).as("new: the header is filled").isEqualTo(self);
            assertThat(list.getHeader().getRevision()).isEqualTo(revision(server));
        }
    }

    /** Contract §7.3's table, for the requests of the KV service. */
    private static Map<String, String> expectedCappedTable() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("put of 1 byte", NO_SPACE);
        expected.put("txn with a put whose compare fails", NO_SPACE);
        expected.put("txn with a put in its failure branch only", NO_SPACE);
        expected.put("range", "OK");
        expected.put("delete range", "OK");
        expected.put("txn with only deletes and ranges", "OK");
        expected.put("compaction", "OK");
        return expected;
    }

    private static Map<String, String> cappedTable(ServerProcess server) {
        Compare fails = Compare.newBuilder().setKey(key("fill/0")).setTarget(Compare.CompareTarget.VERSION)
                .setResult(Compare.CompareResult.EQUAL).setVersion(99).build();
        Map<String, Message> requests = new LinkedHashMap<>();
        requests.put("put of 1 byte", PutRequest.newBuilder().setKey(key("small")).setValue(key("x")).build());
        requests.put("txn with a put whose compare fails", TxnRequest.newBuilder().addCompare(fails)
                .addSuccess(op(put("t1"))).build());
        requests.put("txn with a put in its failure branch only", TxnRequest.newBuilder()
                .addSuccess(op(range("fill/1"))).addFailure(op(put("t2"))).build());
        requests.put("range", range("fill/"));
        requests.put("delete range", DeleteRangeRequest.newBuilder().setKey(key("fill/0")).build());
        requests.put("txn with only deletes and ranges", TxnRequest.newBuilder()
                .addSuccess(op(DeleteRangeRequest.newBuilder().setKey(key("fill/1")).build()))
                .addSuccess(op(range("fill/2"))).build());
        Map<String, String> labels = new LinkedHashMap<>();
        requests.forEach((name, request) -> labels.put(name, call(server, request).label()));
        labels.put("compaction", call(server, CompactionRequest.newBuilder().setRevision(revision(server)).build())
                .label());
        return labels;
    }

    private static void assertNestedPutTxn(ServerProcess server) {
        TxnRequest nested = TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestTxn(TxnRequest.newBuilder().addSuccess(op(put("n")))))
                .build();
        Outcome outcome = call(server, nested);
        if (server.dialect() == Dialect.ETCD_3_4) {
            assertThat(outcome.label()).as("3.4: a nested put costs nothing and passes the cap").isEqualTo("OK");
        } else {
            assertThat(outcome.label()).as("new: nested txns count (contract §7.3)").isEqualTo(NO_SPACE);
        }
    }

    private static void restartWithQuota(ServerProcess server, String quota) {
        server.useExtraFlags("--quota-backend-bytes", quota);
        server.restart();
    }

    /** What {@code etcdctl alarm disarm} does: list, then deactivate each; each answer lists what it cleared. */
    private static void disarm(ServerProcess server) {
        for (var alarm : alarm(server, AlarmAction.GET, 0, AlarmType.NONE).getAlarmsList()) {
            AlarmResponse cleared = alarm(server, AlarmAction.DEACTIVATE, alarm.getMemberID(), alarm.getAlarm());
            assertThat(cleared.getAlarmsList()).containsExactly(alarm);
        }
        assertThat(alarm(server, AlarmAction.GET, 0, AlarmType.NONE).getAlarmsList()).isEmpty();
        assertThat(alarm(server, AlarmAction.DEACTIVATE, 1, AlarmType.NOSPACE).getAlarmsList())
                .as("deactivating an alarm that is not active answers nothing").isEmpty();
        StatusResponse status = (StatusResponse) call(server, StatusRequest.getDefaultInstance()).response();
        assertThat(status.getErrorsList()).isEmpty();
    }

    private static AlarmResponse alarm(ServerProcess server, AlarmAction action, long member, AlarmType type) {
        Outcome outcome = call(server, AlarmRequest.newBuilder().setAction(action).setMemberID(member)
                .setAlarm(type).build());
        assertThat(outcome.isOk()).as("alarm %s on %s: %s", action, server, outcome).isTrue();
        return (AlarmResponse) outcome.response();
    }

    private static long revision(ServerProcess server) {
        return ((RangeResponse) call(server, range("health")).response()).getHeader().getRevision();
    }

    private static Outcome call(ServerProcess server, Message request) {
        return EtcdRpc.call(server.channel(), request);
    }

    private static PutRequest put(String key) {
        return PutRequest.newBuilder().setKey(key(key)).setValue(key("v")).build();
    }

    private static RangeRequest range(String prefix) {
        return RangeRequest.newBuilder().setKey(key(prefix)).setRangeEnd(key(prefix + "\u00ff")).setCountOnly(true)
                .build();
    }

    private static RequestOp op(PutRequest put) {
        return RequestOp.newBuilder().setRequestPut(put).build();
    }

    private static RequestOp op(RangeRequest range) {
        return RequestOp.newBuilder().setRequestRange(range).build();
    }

    private static RequestOp op(DeleteRangeRequest delete) {
        return RequestOp.newBuilder().setRequestDeleteRange(delete).build();
    }

    private static ByteString key(String key) {
        return ByteString.copyFromUtf8(key);
    }
}
