package io.revkv.bench.load;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys a run writes or reads: {@code keySpaceSize} distinct keys, each the decimal key number left-padded with
 * zeros to {@code keySize} bytes (longer when the number has more digits), so that keys sort like their numbers.
 * Sequential keys cycle through the key space in request order; random ones pick uniformly.
 */
public record Keys(int keySize, int keySpaceSize, boolean sequential) {

    /** The key of request {@code seq}. */
    public ByteString key(long seq) {
        long n = sequential ? seq % keySpaceSize : ThreadLocalRandom.current().nextInt(keySpaceSize);
        return ByteString.copyFrom(format(n), StandardCharsets.US_ASCII);
    }

    /** The key with number {@code n}. */
    public String format(long n) {
        String digits = Long.toString(n);
        return digits.length() >= keySize ? digits : "0".repeat(keySize - digits.length()) + digits;
    }
}
