package io.revkv.store.apply;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.lease.Lessor;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.RangeResult;
import io.revkv.store.mvcc.ReadTxn;
import java.util.List;

/**
 * Keeps the lessor's key → lease map in step with the key space (contract §9, attach/detach): a put attaches its
 * key to the record's lease, which also takes it from the lease it had (so a plain put with lease 0 detaches it, and
 * an {@code ignore_lease} put keeps it); a delete detaches it. Derived from the write txn's events, so every way of
 * writing (put, delete range, txn, lease revoke) is covered alike.
 */
public final class LeaseAttachments {

    /** Live keys read per page while rebuilding: bounds the memory of one read. */
    private static final int PAGE = 10_000;
    private static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

    private LeaseAttachments() {
    }

    /** Applies the attachments implied by {@code changes}, in their order. */
    static void follow(Lessor leases, List<Event> changes) {
        for (Event event : changes) {
            if (event.getType() == Event.EventType.PUT) {
                leases.attach(event.getKv().getKey(), event.getKv().getLease());
            } else {
                leases.detach(event.getKv().getKey());
            }
        }
    }

    /** On start: attaches every live key to the lease of its latest record (etcd's store restore). */
    public static void rebuild(KvStore store, Lessor leases) {
        try (ReadTxn read = store.read()) {
            ByteString from = ByteString.EMPTY;
            while (true) {
                RangeResult page = read.range(from, ALL, new RangeOptions(PAGE, 0, false));
                page.kvs().stream().filter(kv -> kv.getLease() != 0)
                        .forEach(kv -> leases.attach(kv.getKey(), kv.getLease()));
                if (page.kvs().size() < PAGE) {
                    return;
                }
                from = successor(page.kvs().get(page.kvs().size() - 1));
            }
        }
    }

    private static ByteString successor(KeyValue last) {
        return last.getKey().concat(ByteString.copyFrom(new byte[] {0}));
    }
}
