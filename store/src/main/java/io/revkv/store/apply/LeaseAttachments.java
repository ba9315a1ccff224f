package io.revkv.store.apply;

import io.revkv.proto.mvccpb.Event;
import io.revkv.store.lease.Lessor;
import java.util.List;

/**
 * Keeps the lessor's key → lease map in step with the key space (contract §9, attach/detach): a put attaches its
 * key to the record's lease, which also takes it from the lease it had (so a plain put with lease 0 detaches it, and
 * an {@code ignore_lease} put keeps it); a delete detaches it. Derived from the write txn's events, so every way of
 * writing (put, delete range, txn, lease revoke) is covered alike. On start the store's restore rebuilds them
 * ({@code MvccStore.open}).
 */
final class LeaseAttachments {

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
}
