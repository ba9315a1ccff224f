package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private static final long SEED = 20261122L;

    @Test
    void bytesCompareUnsignedAndAPrefixComesFirst() {
        assertThat(KeyOrder.compare(bytes(0x7f), bytes(0x80))).isNegative();
        assertThat(KeyOrder.compare(bytes(0xff), bytes(0x00, 0x00))).isPositive();
        assertThat(KeyOrder.compare(bytes(0x61), bytes(0x61, 0x00))).isNegative();
        assertThat(KeyOrder.compare(ByteString.EMPTY, bytes(0x00))).isNegative();
        assertThat(KeyOrder.compare(bytes(0x61, 0xff), bytes(0x61, 0xff))).isZero();
    }

    /** The same order as protobuf's comparator, which it replaces, over random keys sharing prefixes. */
    @Test
    void ordersAsProtobufsUnsignedComparator() {
        Random random = new Random(SEED);
        for (int i = 0; i < 100_000; i++) {
            ByteString a = randomKey(random);
            ByteString b = random.nextInt(4) == 0 ? a.concat(randomKey(random)) : randomKey(random);
            int expected = Integer.signum(ByteString.unsignedLexicographicalComparator().compare(a, b));
            assertThat(Integer.signum(KeyOrder.compare(a, b))).as("seed %d: %s vs %s", SEED, a, b)
                    .isEqualTo(expected);
            assertThat(Integer.signum(KeyOrder.compare(b, a))).isEqualTo(-expected);
        }
    }

    /** Short keys over a few byte values, both sides of 0x80, so that equal prefixes are common. */
    private static ByteString randomKey(Random random) {
        byte[] key = new byte[random.nextInt(4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) new int[] {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff}[random.nextInt(6)];
        }
        return ByteString.copyFrom(key);
    }

    private static ByteString bytes(int... values) {
        byte[] key = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            key[i] = (byte) values[i];
        }
        return ByteString.copyFrom(key);
    }
}
