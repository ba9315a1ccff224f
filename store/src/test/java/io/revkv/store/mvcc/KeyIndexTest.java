package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key index's generations, lookups and compaction, on the example of its class comment. */
class KeyIndexTest {

    private static Revision rev(long main) {
        return new Revision(main, 0);
    }

    /** put(1) put(2) del(3) put(4) del(5): {1.0, 2.0, 3.0t} {4.0, 5.0t} {}. */
    private static KeyIndex example() {
        KeyIndex keyIndex = new KeyIndex(ByteString.copyFromUtf8("foo"));
        keyIndex.put(rev(1));
        keyIndex.put(rev(2));
        keyIndex.tombstone(rev(3));
        keyIndex.put(rev(4));
        keyIndex.tombstone(rev(5));
        return keyIndex;
    }

    @Test
    void putsAndTombstonesFormGenerations() {
        assertThat(example()).hasToString("{1.0, 2.0, 3.0t} {4.0, 5.0t} {}");
    }

    @Test
    void getFindsTheVersionAtEachRevision() {
        KeyIndex keyIndex = example();
        assertThat(keyIndex.get(0)).isNull();
        assertThat(keyIndex.get(1)).isEqualTo(new KeyVersion(rev(1), 1, 1));
        assertThat(keyIndex.get(2)).isEqualTo(new KeyVersion(rev(2), 1, 2));
        assertThat(keyIndex.get(3)).isNull();
        assertThat(keyIndex.get(4)).isEqualTo(new KeyVersion(rev(4), 4, 1));
        assertThat(keyIndex.get(5)).isNull();
        assertThat(keyIndex.get(100)).isNull();
    }

    @Test
    void aTombstoneOfADeletedKeyChangesNothing() {
        KeyIndex keyIndex = example();
        assertThat(keyIndex.tombstone(rev(6))).isFalse();
        assertThat(keyIndex).hasToString("{1.0, 2.0, 3.0t} {4.0, 5.0t} {}");
    }

    @Test
    void revisionsMustIncrease() {
        KeyIndex keyIndex = example();
        assertThatThrownBy(() -> keyIndex.put(rev(5))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void compactionKeepsTheNewestRevisionAtOrBeforeC() {
        assertCompacted(1, "{1.0, 2.0, 3.0t} {4.0, 5.0t} {}", 1);
        assertCompacted(2, "{2.0, 3.0t} {4.0, 5.0t} {}", 2);
        assertCompacted(4, "{4.0, 5.0t} {}", 4);
    }

    @Test
    void compactionAtATombstoneKeepsIt() {
        assertCompacted(3, "{3.0t} {4.0, 5.0t} {}", 3);
        assertCompacted(5, "{5.0t} {}", 5);
    }

    @Test
    void compactionPastTheLastTombstoneEmptiesTheKey() {
        KeyIndex keyIndex = example();
        Set<Revision> available = new HashSet<>();
        keyIndex.compact(6, available);
        assertThat(keyIndex.isEmpty()).isTrue();
        assertThat(available).isEmpty();
    }

    @Test
    void compactingTwiceIsLikeCompactingOnceAtTheLater() {
        KeyIndex keyIndex = example();
        keyIndex.compact(2, new HashSet<>());
        Set<Revision> available = new HashSet<>();
        keyIndex.compact(4, available);
        assertThat(keyIndex).hasToString("{4.0, 5.0t} {}");
        assertThat(available).containsExactly(rev(4));
    }

    private static void assertCompacted(long atRev, String generations, long kept) {
        KeyIndex keyIndex = example();
        Set<Revision> available = new HashSet<>();
        keyIndex.compact(atRev, available);
        assertThat(keyIndex).hasToString(generations);
        assertThat(available).containsExactly(rev(kept));
    }

    /** One txn at revision 6 put the key, deleted it and put it again: {5.0, 6.0, 6.1t} {6.2} after the txn. */
    @Test
    void compactionAtARevisionThatEndedAndRestartedTheKeyKeepsTheLiveRecord() {
        KeyIndex keyIndex = new KeyIndex(ByteString.copyFromUtf8("again"));
        keyIndex.put(rev(5));
        keyIndex.put(new Revision(6, 0));
        keyIndex.tombstone(new Revision(6, 1));
        keyIndex.put(new Revision(6, 2));
        Set<Revision> available = new HashSet<>();

        keyIndex.compact(6, available);

        assertThat(available).containsExactlyInAnyOrder(new Revision(6, 1), new Revision(6, 2));
        assertThat(keyIndex).hasToString("{6.1t} {6.2}");
        assertThat(keyIndex.get(6)).isEqualTo(new KeyVersion(new Revision(6, 2), 6, 1));
    }

    @Test
    void keepLeavesOutATombstoneEndingAPastGenerationAndChangesNothing() {
        KeyIndex keyIndex = example();
        assertThat(keep(keyIndex, 2)).containsExactly(rev(2));
        assertThat(keep(keyIndex, 3)).isEmpty();
        assertThat(keep(keyIndex, 4)).containsExactly(rev(4));
        assertThat(keep(keyIndex, 5)).isEmpty();
        assertThat(keyIndex).hasToString("{1.0, 2.0, 3.0t} {4.0, 5.0t} {}");
    }

    @Test
    void keepOfALiveKeyIsItsNewestRevision() {
        KeyIndex keyIndex = new KeyIndex(ByteString.copyFromUtf8("live"));
        keyIndex.put(rev(2));
        keyIndex.put(new Revision(7, 3));
        assertThat(keep(keyIndex, 9)).containsExactly(new Revision(7, 3));
        assertThat(keep(keyIndex, 1)).isEmpty();
    }

    private static Set<Revision> keep(KeyIndex keyIndex, long atRev) {
        Set<Revision> available = new HashSet<>();
        keyIndex.keep(atRev, available);
        return available;
    }

    @Test
    void restoredFromAPutCarriesCreationAndVersion() {
        KeyIndex keyIndex = new KeyIndex(ByteString.copyFromUtf8("r"));
        keyIndex.restore(2, rev(6), 4);
        keyIndex.put(rev(8));
        assertThat(keyIndex.get(7)).isEqualTo(new KeyVersion(rev(6), 2, 4));
        assertThat(keyIndex.get(8)).isEqualTo(new KeyVersion(rev(8), 2, 5));
    }

    @Test
    void restoredFromATombstoneExistsButIsDeleted() {
        KeyIndex keyIndex = new KeyIndex(ByteString.copyFromUtf8("t"));
        keyIndex.restoreTombstone(rev(5));
        assertThat(keyIndex).hasToString("{5.0t} {}");
        assertThat(keyIndex.isEmpty()).isFalse();
        assertThat(keyIndex.get(5)).isNull();
        keyIndex.put(rev(6));
        assertThat(keyIndex.get(6)).isEqualTo(new KeyVersion(rev(6), 6, 1));
    }

    /** Past the packed revisions' growth steps (1, 2, 3, 4, 6, 9, 13, 19...) and back after a compaction. */
    @Test
    void aKeyWithManyRevisionsKeepsEveryOneInOrderAcrossGrowthAndCompaction() {
        KeyIndex keyIndex = new KeyIndex(ByteString.copyFromUtf8("hot"));
        for (long main = 1; main <= 40; main++) {
            keyIndex.put(new Revision(main, main % 3));
        }
        for (long main = 1; main <= 40; main++) {
            assertThat(keyIndex.get(main)).isEqualTo(new KeyVersion(new Revision(main, main % 3), 1, main));
        }
        keyIndex.compact(30, new HashSet<>());
        assertThat(keyIndex.get(29)).isNull();
        assertThat(keyIndex.get(35)).isEqualTo(new KeyVersion(new Revision(35, 2), 1, 35));
        keyIndex.put(rev(41));
        assertThat(keyIndex.get(41)).isEqualTo(new KeyVersion(rev(41), 1, 41));
        assertThat(keyIndex.toString()).startsWith("{30.0, 31.1, 32.2, ").endsWith("40.1, 41.0}");
    }
}
