package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.store.mvcc.ReadView;
import io.revkv.store.mvcc.WriteTxn;

/**
 * The revision a response header reports (contract §1.3), in one place.
 *
 * <p>A read reports the revision of its view when it began, even for a historical read. Inside a write txn every op
 * reports what the txn makes visible at that point: the revision before the txn until it changed something, the new
 * revision from then on. So in a txn of two no-op deletes at revision 18 both inner headers and the top header say
 * 18, and in {@code [put a, delete missing]} both say 19.
 */
final class Headers {

    private Headers() {
    }

    static ResponseHeader of(long revision) {
        return ResponseHeader.newBuilder().setRevision(revision).build();
    }

    /** The revision {@code view} shows now: its begin revision, plus one once a write txn has made a change. */
    static long visibleRevision(ReadView view) {
        boolean changed = view instanceof WriteTxn write && !write.changes().isEmpty();
        return changed ? view.currentRevision() + 1 : view.currentRevision();
    }
}
