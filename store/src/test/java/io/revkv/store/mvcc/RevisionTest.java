package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionTest {

    @Test
    void encodesLikeEtcd() {
        assertThat(HexFormat.of().formatHex(new Revision(6, 1).toKey()))
                .isEqualTo("0000000000000006" + "5f" + "0000000000000001");
        assertThat(HexFormat.of().formatHex(new Revision(5, 0).toTombstoneKey()))
                .isEqualTo("0000000000000005" + "5f" + "0000000000000000" + "74");
    }

    @Test
    void roundTripsPutsAndTombstones() {
        for (Revision rev : List.of(new Revision(0, 0), new Revision(1, 2), new Revision(Long.MAX_VALUE, 255))) {
            assertThat(Revision.fromKey(rev.toKey())).isEqualTo(rev);
            assertThat(Revision.fromKey(rev.toTombstoneKey())).isEqualTo(rev);
            assertThat(Revision.isTombstoneKey(rev.toKey())).isFalse();
            assertThat(Revision.isTombstoneKey(rev.toTombstoneKey())).isTrue();
        }
    }

    @Test
    void rejectsOtherKeys() {
        assertThatThrownBy(() -> Revision.fromKey(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Revision.fromKey(new byte[17])).isInstanceOf(IllegalArgumentException.class);
    }

    /** Bytes above 0x7f must sort after smaller ones: RocksDB and etcd compare unsigned. */
    @Test
    void unsignedKeyOrderIsRevisionOrder() {
        List<Revision> ordered = List.of(new Revision(1, 0), new Revision(1, 0x7f), new Revision(1, 0x80),
                new Revision(1, 0xff), new Revision(0x80, 0), new Revision(0x100, 0), new Revision(0xff00, 3));
        for (int i = 0; i + 1 < ordered.size(); i++) {
            Revision low = ordered.get(i);
            Revision high = ordered.get(i + 1);
            assertThat(low.compareTo(high)).isNegative();
            assertThat(Arrays.compareUnsigned(low.toKey(), high.toKey())).isNegative();
            assertThat(Arrays.compareUnsigned(low.toTombstoneKey(), high.toKey())).isNegative();
            assertThat(Arrays.compareUnsigned(low.toKey(), low.toTombstoneKey())).isNegative();
        }
    }

    @Test
    void comparesWithARecordKeyInEitherFormWithoutDecodingIt() {
        byte[] buffer = new byte[32];
        Revision revision = new Revision(0x80, 2);
        for (Revision other : List.of(new Revision(0x7f, 9), new Revision(0x80, 1), new Revision(0x80, 2),
                new Revision(0x80, 0x100), new Revision(0x100, 0))) {
            for (byte[] key : List.of(other.toKey(), other.toTombstoneKey())) {
                System.arraycopy(key, 0, buffer, 0, key.length);
                assertThat(Integer.signum(revision.compareToKey(buffer, key.length)))
                        .as("%s vs %s", revision, other).isEqualTo(Integer.signum(revision.compareTo(other)));
            }
        }
        assertThatThrownBy(() -> revision.compareToKey(buffer, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> revision.compareToKey(new byte[17], 17)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainPrefixBoundsEveryRecordOfEarlierRevisions() {
        byte[] bound = Revision.mainPrefix(7);
        assertThat(Arrays.compareUnsigned(new Revision(6, Long.MAX_VALUE).toTombstoneKey(), bound)).isNegative();
        assertThat(Arrays.compareUnsigned(new Revision(7, 0).toKey(), bound)).isPositive();
    }
}
