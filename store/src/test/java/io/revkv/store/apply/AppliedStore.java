package io.revkv.store.apply;

import io.revkv.store.membership.MemberStore;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.backend.Backend;
import io.revkv.store.lease.LeaseTable;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.testing.FakeClock;
import io.revkv.store.testing.KvOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MvccStore on RocksDB in a fresh directory per test, with a BackendApplier over it fed consecutive raft
 * indexes like the state machine, and a primary lessor on a {@link FakeClock}, restored on open as a member does. Register it with {@code @RegisterExtension final AppliedStore kv = new ...}.
 */
final class AppliedStore implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private Backend backend;
    private MvccStore store;
    private AlarmStore alarms;
    private final FakeClock clock = new FakeClock();
    private LeaseTable leases;
    private Applier applier;
    private long lastIndex;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("revkv-apply-");
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Closes store and backend, then opens both again from the same directory, as after a restart. */
    void reopen() {
        close();
        open();
    }

    MvccStore store() {
        return store;
    }

    Applier applier() {
        return applier;
    }

    /** The alarms the backend applier applies Alarm requests to (reloaded by {@link #reopen()}). */
    AlarmStore alarms() {
        return alarms;
    }

    Backend backend() {
        return backend;
    }

    LeaseTable leases() {
        return leases;
    }

    FakeClock clock() {
        return clock;
    }

    /** Grants each lease through the applier, with a 60 s TTL. */
    void leasesExist(long... ids) {
        for (long id : ids) {
            applier.leaseGrant(nextIndex(), LeaseGrantRequest.newBuilder().setID(id).setTTL(60).build());
        }
    }

    /** The raft index of the next entry to apply. */
    long nextIndex() {
        return ++lastIndex;
    }

    long lastIndex() {
        return lastIndex;
    }

    PutResponse put(String key, String value) {
        return applier.put(nextIndex(), KvOps.put(key, value));
    }

    PutResponse put(PutRequest r) {
        return applier.put(nextIndex(), r);
    }

    DeleteRangeResponse delete(String key) {
        return applier.deleteRange(nextIndex(), KvOps.delete(key));
    }

    /** The key's current record, or null. */
    KeyValue get(String key) {
        List<KeyValue> kvs = applier.range(KvOps.range(key)).getKvsList();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    /** The keys {@code r} returns, as strings, in response order. */
    List<String> keys(RangeRequest r) {
        return applier.range(r).getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
    }

    private void open() {
        backend = Backend.open(dir);
        leases = new LeaseTable(clock, 2, StoredLeases.load(backend));
        store = MvccStore.open(backend, CompactionSettings.DEFAULT, leases::attach);
        alarms = AlarmStore.open(backend);
        leases.promote(Duration.ofSeconds(1));
        applier = new BackendApplier(store, leases, alarms, MemberStore.open(backend));
    }

    private void close() {
        store.close();
        backend.close();
    }
}
