package io.revkv.store.lease;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * What TimeToLive reports about a lease.
 *
 * @param id               the lease ID
 * @param grantedTtl       the TTL in seconds it was granted with (after raising it to the minimum)
 * @param remainingSeconds seconds until it expires, rounded toward zero as etcd's {@code int64(d.Seconds())};
 *                         {@link Lessor#FOREVER_SECONDS} on a lessor that is not primary
 * @param keys             the attached keys, in ascending unsigned byte order
 */
public record LeaseInfo(long id, long grantedTtl, long remainingSeconds, List<ByteString> keys) {
}
