package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * The keys of a range that exist at a revision, as the index sees them.
 *
 * @param keys      the first keys in ascending unsigned order, at most the limit asked for
 * @param revisions for each of {@code keys}, the revision of the record holding its value
 * @param total     how many keys of the range exist at the revision, ignoring the limit
 */
record IndexRange(List<ByteString> keys, List<Revision> revisions, long total) {
}
