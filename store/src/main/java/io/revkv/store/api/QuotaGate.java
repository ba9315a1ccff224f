package io.revkv.store.api;

import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.store.alarm.AlarmRaiser;
import io.revkv.store.apply.Quota;
import io.revkv.store.errors.EtcdError;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * The gRPC-layer quota check (etcd's {@code quotaKVServer} / {@code quotaAlarmer}, contract §7.3): Put, Txn and
 * LeaseGrant pass through here before they are proposed. A request that does not fit is never proposed (it consumes
 * no revision): NOSPACE is raised for this member through Raft, and once that is applied the client gets
 * ResourceExhausted "etcdserver: mvcc: database space exceeded".
 *
 * <p>Costs: {@link io.revkv.store.apply.Quota#cost}, and {@link io.revkv.store.apply.Quota#LEASE_GRANT_COST}.
 */
@Singleton
public class QuotaGate {

    private final Quota quota;
    private final AlarmRaiser alarmRaiser;

    public QuotaGate(Quota quota, AlarmRaiser alarmRaiser) {
        this.quota = quota;
        this.alarmRaiser = alarmRaiser;
    }

    /** Completes when a request of {@code cost} may be proposed; fails with {@link EtcdError#NO_SPACE} otherwise. */
    public CompletableFuture<Void> admit(long cost) {
        if (quota.allows(cost)) {
            return CompletableFuture.completedFuture(null);
        }
        return alarmRaiser.raise(AlarmType.NOSPACE).handle((done, error) -> {
            throw EtcdError.NO_SPACE.exception();
        });
    }
}
