package io.revkv.store.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class KeyRangeTest {
    private static ByteString b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return ByteString.copyFrom(out);
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        KeyRange range = KeyRange.of(b('a'), b(0xff));
        assertThat(range.isEmpty()).isFalse();
        assertThat(range.contains(b(0x80))).isTrue();
        assertThat(range.contains(b(0xff))).isFalse();
        assertThat(range.contains(b('A'))).isFalse();
        assertThat(KeyRange.of(b(0x80), b('a')).isEmpty()).isTrue();
    }

    @Test
    void anEmptyRangeEndIsOneKeyAndTheZeroByteIsEverythingFromTheKey() {
        KeyRange single = KeyRange.of(b('a'), ByteString.EMPTY);
        assertThat(single.contains(b('a'))).isTrue();
        assertThat(single.contains(b('a', 0))).isFalse();
        KeyRange fromKey = KeyRange.of(b('m'), b(0));
        assertThat(fromKey.isEmpty()).isFalse();
        assertThat(fromKey.contains(b(0xff, 0xff))).isTrue();
        assertThat(fromKey.contains(b('l'))).isFalse();
        assertThat(KeyRange.of(ByteString.EMPTY, b(0)).contains(b(0))).isTrue();
    }
}
