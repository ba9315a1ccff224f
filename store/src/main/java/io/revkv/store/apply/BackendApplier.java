package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmResponse;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.CompactionResponse;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.lease.LeaseNotFoundException;
import io.revkv.store.lease.Lessor;
import io.revkv.store.mvcc.CompactedException;
import io.revkv.store.mvcc.FutureRevisionException;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.ReadTxn;
import io.revkv.store.mvcc.WriteTxn;
import java.util.concurrent.CompletableFuture;

/** The innermost applier: runs each request on the MVCC store (etcd's {@code applierV3backend}). */
public final class BackendApplier implements Applier {

    private final KvStore store;
    private final Lessor leases;
    private final AlarmStore alarms;

    public BackendApplier(KvStore store, Lessor leases, AlarmStore alarms) {
        this.store = store;
        this.leases = leases;
        this.alarms = alarms;
    }

    @Override
    public RangeResponse range(RangeRequest r) {
        try (ReadTxn read = store.read()) {
            return RangeExecutor.range(read, r);
        }
    }

    @Override
    public TxnResponse readOnlyTxn(TxnRequest r) {
        try (ReadTxn read = store.read()) {
            return TxnExecutor.execute(read, r, leases);
        }
    }

    /** As in etcd, a standalone put checks its lease before the key's existence for the ignore flags. */
    @Override
    public PutResponse put(long index, PutRequest r) {
        try (WriteTxn write = store.write(index)) {
            if (r.getLease() != 0 && !leases.exists(r.getLease())) {
                throw new LeaseNotFoundException();
            }
            return WriteExecutor.put(write, r);
        }
    }

    @Override
    public DeleteRangeResponse deleteRange(long index, DeleteRangeRequest r) {
        try (WriteTxn write = store.write(index)) {
            return WriteExecutor.deleteRange(write, r);
        }
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        try (WriteTxn write = store.write(index)) {
            return TxnExecutor.execute(write, r, leases);
        }
    }

    /** A rejected compaction still records {@code index}, through an empty write txn, like any other failed entry. */
    @Override
    public Compaction compact(long index, CompactionRequest r) {
        CompletableFuture<Void> physical;
        try {
            physical = store.compact(r.getRevision(), index);
        } catch (CompactedException | FutureRevisionException e) {
            store.write(index).end();
            throw e;
        }
        CompactionResponse response = CompactionResponse.newBuilder()
                .setHeader(Headers.of(store.currentRevision()))
                .build();
        return new Compaction(response, physical);
    }

    /**
     * The alarm bucket is written first and the index after it, in two batches: a crash between them re-applies the
     * entry, which changes nothing the second time.
     */
    @Override
    public AlarmResponse alarm(long index, AlarmRequest r) {
        AlarmResponse response = AlarmExecutor.execute(alarms, r);
        store.write(index).end();
        return response;
    }
}
