package io.revkv.store.alarm;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.etcdserverpb.AlarmMember;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The active alarms of the cluster, as applied from the log (etcd's {@code AlarmStore}).
 *
 * <p>Threading: one writer (the applier) and any number of readers (request handlers). Every change is written to
 * the {@code alarm} bucket before it becomes visible in memory. Activating an alarm that is already active and
 * deactivating one that is not are no-ops, so re-applying an alarm entry after a crash changes nothing.
 */
public final class AlarmStore {

    /** By type, then unsigned member ID: the order Status and Alarm GET list them in. */
    private static final Comparator<AlarmMember> ORDER = Comparator.comparingInt(AlarmMember::getAlarmValue)
            .thenComparing(AlarmMember::getMemberID, Long::compareUnsigned);

    private final Backend backend;
    private final Set<AlarmMember> active = new ConcurrentSkipListSet<>(ORDER);

    private AlarmStore(Backend backend) {
        this.backend = backend;
    }

    /** The alarms persisted in {@code backend}. */
    public static AlarmStore open(Backend backend) {
        AlarmStore store = new AlarmStore(backend);
        store.reload();
        return store;
    }

    /** Reads the bucket again, after the backend was replaced (a snapshot installed). */
    public void reload() {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            active.clear();
            snapshot.forEach(Bucket.ALARM, null, null, entry -> active.add(parse(entry.key())));
        }
    }

    /**
     * Raises {@code type} for {@code memberId}.
     *
     * @return the alarm (also when it was already active), or null for {@link AlarmType#NONE}, which is a no-op
     */
    public AlarmMember activate(long memberId, AlarmType type) {
        if (type == AlarmType.NONE) {
            return null;
        }
        AlarmMember alarm = member(memberId, type);
        if (!active.contains(alarm)) {
            try (Batch batch = backend.batch()) {
                batch.put(Bucket.ALARM, alarm.toByteArray(), new byte[0]).commit();
            }
            active.add(alarm);
        }
        return alarm;
    }

    /** Clears {@code type} for {@code memberId}; returns the cleared alarm, or null if it was not active. */
    public AlarmMember deactivate(long memberId, AlarmType type) {
        AlarmMember alarm = member(memberId, type);
        if (!active.contains(alarm)) {
            return null;
        }
        try (Batch batch = backend.batch()) {
            batch.delete(Bucket.ALARM, alarm.toByteArray()).commit();
        }
        active.remove(alarm);
        return alarm;
    }

    /** The active alarms of {@code type}, of every type for {@link AlarmType#NONE}. */
    public List<AlarmMember> get(AlarmType type) {
        List<AlarmMember> alarms = new ArrayList<>();
        for (AlarmMember alarm : active) {
            if (type == AlarmType.NONE || alarm.getAlarm() == type) {
                alarms.add(alarm);
            }
        }
        return alarms;
    }

    /** Whether any member has raised {@code type}. */
    public boolean isActive(AlarmType type) {
        return active.stream().anyMatch(alarm -> alarm.getAlarm() == type);
    }

    private static AlarmMember member(long memberId, AlarmType type) {
        return AlarmMember.newBuilder().setMemberID(memberId).setAlarm(type).build();
    }

    private static AlarmMember parse(byte[] key) {
        try {
            return AlarmMember.parseFrom(key);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt alarm record in the alarm bucket", e);
        }
    }
}
