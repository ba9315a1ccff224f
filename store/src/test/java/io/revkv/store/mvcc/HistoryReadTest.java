package io.revkv.store.mvcc;

import static io.revkv.store.mvcc.StoreHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.Event;
import io.revkv.store.errors.EtcdError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReadTest {
    @TempDir
    Path dir;
    StoreHarness h;

    @BeforeEach
    void open() {
        h = new StoreHarness(dir);
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** "PUT a@2" or "DELETE a@4": type, key and mod revision of each event. */
    private static List<String> describe(History history) {
        return history.events().stream()
                .map(e -> e.getType() + " " + e.getKv().getKey().toStringUtf8() + "@" + e.getKv().getModRevision())
                .toList();
    }

    @Test
    void eventsComeInMainThenSubOrderWithTombstonesAsDeletes() {
        h.put("a", "1");                                   // 2
        try (WriteTxn txn = h.write()) {                   // 3: subs b, a-deleted, c
            txn.put(bytes("b"), bytes("2"), 0);
            txn.deleteRange(bytes("a"), ByteString.EMPTY);
            txn.put(bytes("c"), bytes("3"), 0);
        }
        h.put("b", "4");                                   // 4

        History history = h.store().history(2, 4, 1000);

        assertThat(describe(history)).containsExactly("PUT a@2", "PUT b@3", "DELETE a@3", "PUT c@3", "PUT b@4");
        assertThat(history.lastRevision()).isEqualTo(4);
        Event delete = history.events().get(2);
        assertThat(delete.getKv().getCreateRevision()).isZero();
        assertThat(delete.getKv().getVersion()).isZero();
        assertThat(delete.getKv().getValue()).isEmpty();
        assertThat(history.events().get(4).getKv().getVersion()).isEqualTo(2);
    }

    @Test
    void theEventsOfATxnAreTheSameAsItsChanges() {
        List<Event> changes;
        try (WriteTxn txn = h.write()) {
            txn.put(bytes("x"), bytes("1"), 0);
            txn.put(bytes("y"), bytes("2"), 7);
            txn.deleteRange(bytes("x"), ByteString.EMPTY);
            changes = txn.changes();
        }
        assertThat(h.store().history(2, 2, 1).events()).isEqualTo(changes);
    }

    @Test
    void aReadStopsAfterMaxRevisionsWithoutSplittingOne() {
        for (int i = 0; i < 5; i++) {
            try (WriteTxn txn = h.write()) {               // revisions 2..6, two changes each
                txn.put(bytes("k" + i), bytes("v"), 0);
                txn.put(bytes("l" + i), bytes("v"), 0);
            }
        }
        History first = h.store().history(2, 6, 2);
        assertThat(first.lastRevision()).isEqualTo(3);
        assertThat(describe(first)).containsExactly("PUT k0@2", "PUT l0@2", "PUT k1@3", "PUT l1@3");

        History rest = h.store().history(first.lastRevision() + 1, 6, 1000);
        assertThat(rest.lastRevision()).isEqualTo(6);
        assertThat(rest.events()).hasSize(6);
    }

    @Test
    void aStretchWithoutChangesIsEmptyAndComplete() {
        h.put("a", "1");
        History history = h.store().history(3, 2, 1000);
        assertThat(history.events()).isEmpty();
        assertThat(history.lastRevision()).isEqualTo(2);
    }

    @Test
    void historyBelowTheCompactRevisionIsGoneButTheTombstoneAtItStays() {
        h.put("a", "1");                                   // 2
        h.put("a", "2");                                   // 3
        h.delete("a");                                     // 4
        h.put("b", "1");                                   // 5
        h.compact(4);

        assertThatThrownBy(() -> h.store().history(3, 5, 1000)).matches(EtcdError.COMPACTED::matches);
        assertThat(describe(h.store().history(4, 5, 1000))).containsExactly("DELETE a@4", "PUT b@5");
        assertThatThrownBy(() -> h.store().history(4, 6, 1000)).matches(EtcdError.FUTURE_REV::matches);
    }
}
