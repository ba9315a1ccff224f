package io.revkv.store;

import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.BackendDirs;
import io.revkv.store.lease.LeaseTable;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.CheckpointStore;
import io.revkv.store.watch.WatchableStore;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The member's store graph as the state machine checkpoints it and installs a leader's checkpoint in its place, while
 * the process keeps running. Everything keeps its identity (services, the applier stack and the Raft member hold the
 * same objects before and after); what changes is what they hold:
 * <ol>
 *   <li>the checkpoint is staged beside the backend directory (hard links; {@link BackendDirs});</li>
 *   <li>the MVCC store is closed behind its gate (calls starting now wait, see
 *       {@link io.revkv.store.mvcc.ReplaceableStore}); its compaction thread stops;</li>
 *   <li>the backend waits for the reads still open on the old database, closes it, exchanges the directories and
 *       opens the new one ({@link Backend#replaceWith});</li>
 *   <li>leases and alarms are read again, the MVCC index is rebuilt (re-attaching leased keys), the gate opens;</li>
 *   <li>the membership is read again (its listeners run: a member the snapshot says was removed stops), and
 *       watchers catch up on the new store's history, as etcd's watchable store does after a restore.</li>
 * </ol>
 * The applier is paused throughout (Ratis calls install on its applying thread, the machine paused).
 */
final class StoreCheckpoints implements CheckpointStore {

    private final Backend backend;
    private final WatchableStore store;
    private final LeaseTable leases;
    private final AlarmStore alarms;
    private final MemberStore members;
    private final Supplier<KvStore> openStore;

    /** @param openStore opens the MVCC store on {@code backend} as it is (rebuilding its index) */
    StoreCheckpoints(Backend backend, WatchableStore store, LeaseTable leases, AlarmStore alarms, MemberStore members,
                     Supplier<KvStore> openStore) {
        this.backend = backend;
        this.store = store;
        this.leases = leases;
        this.alarms = alarms;
        this.members = members;
        this.openStore = openStore;
    }

    @Override
    public void checkpoint(Path dir) {
        backend.checkpoint(dir);
    }

    @Override
    public void install(Path dir) {
        Path staged = BackendDirs.stage(backend.dir(), dir);
        store.replace(() -> {
            backend.replaceWith(staged);
            leases.reload(StoredLeases.load(backend));
            alarms.reload();
            return openStore.get();
        });
        members.reload();
    }
}
