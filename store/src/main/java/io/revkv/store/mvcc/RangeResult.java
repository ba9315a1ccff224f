package io.revkv.store.mvcc;

import io.revkv.proto.mvccpb.KeyValue;
import java.util.List;

/**
 * The outcome of a range read.
 *
 * @param kvs      the live key-values at {@code revision}, in ascending unsigned key order, at most {@code limit}
 * @param revision the revision that was read (the requested one, or the view's current revision)
 * @param count    how many keys exist in the range at {@code revision}, ignoring the limit
 */
public record RangeResult(List<KeyValue> kvs, long revision, long count) {
}
