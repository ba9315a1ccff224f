package io.revkv.store.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.AlarmMember;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarms on a real RocksDB backend: etcd's bucket layout, the response rules, and restore after a restart. */
class AlarmStoreTest {

    /** An ID above Long.MAX_VALUE: member IDs are unsigned 64-bit. */
    private static final long HIGH_ID = 0x9e9e05c52164694dL;

    @TempDir
    Path dir;
    private Backend backend;
    private AlarmStore alarms;

    @BeforeEach
    void open() {
        backend = Backend.open(dir);
        alarms = AlarmStore.open(backend);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void anActivatedAlarmIsStoredAsItsMarshalledMemberWithAnEmptyValue() {
        AlarmMember raised = alarms.activate(HIGH_ID, AlarmType.NOSPACE);

        assertThat(raised).isEqualTo(member(HIGH_ID, AlarmType.NOSPACE));
        assertThat(bucket()).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo(raised.toByteArray());
            assertThat(entry.value()).isEmpty();
        });
    }

    @Test
    void activatingTwiceAnswersTheSameAlarmAndActivatingNoneDoesNothing() {
        alarms.activate(1, AlarmType.NOSPACE);

        assertThat(alarms.activate(1, AlarmType.NOSPACE)).isEqualTo(member(1, AlarmType.NOSPACE));
        assertThat(alarms.activate(1, AlarmType.NONE)).isNull();
        assertThat(alarms.get(AlarmType.NONE)).containsExactly(member(1, AlarmType.NOSPACE));
    }

    @Test
    void deactivatingAnswersTheClearedAlarmOrNothing() {
        alarms.activate(1, AlarmType.NOSPACE);

        assertThat(alarms.deactivate(1, AlarmType.CORRUPT)).isNull();
        assertThat(alarms.deactivate(2, AlarmType.NOSPACE)).isNull();
        assertThat(alarms.deactivate(1, AlarmType.NOSPACE)).isEqualTo(member(1, AlarmType.NOSPACE));
        assertThat(alarms.isActive(AlarmType.NOSPACE)).isFalse();
        assertThat(bucket()).isEmpty();
    }

    @Test
    void getFiltersByTypeAndNoneListsAllInTypeThenUnsignedIdOrder() {
        alarms.activate(HIGH_ID, AlarmType.NOSPACE);
        alarms.activate(7, AlarmType.CORRUPT);
        alarms.activate(5, AlarmType.NOSPACE);

        assertThat(alarms.get(AlarmType.NONE)).containsExactly(member(5, AlarmType.NOSPACE),
                member(HIGH_ID, AlarmType.NOSPACE), member(7, AlarmType.CORRUPT));
        assertThat(alarms.get(AlarmType.CORRUPT)).containsExactly(member(7, AlarmType.CORRUPT));
        assertThat(alarms.isActive(AlarmType.CORRUPT)).isTrue();
    }

    @Test
    void alarmsSurviveARestart() {
        alarms.activate(HIGH_ID, AlarmType.NOSPACE);
        alarms.activate(7, AlarmType.CORRUPT);
        alarms.deactivate(7, AlarmType.CORRUPT);

        backend.close();
        open();

        assertThat(alarms.get(AlarmType.NONE)).containsExactly(member(HIGH_ID, AlarmType.NOSPACE));
        assertThat(alarms.isActive(AlarmType.NOSPACE)).isTrue();
    }

    private List<BucketEntry> bucket() {
        List<BucketEntry> entries = new ArrayList<>();
        try (ReadSnapshot snapshot = backend.snapshot()) {
            snapshot.forEach(Bucket.ALARM, null, null, entries::add);
        }
        return entries;
    }

    private static AlarmMember member(long id, AlarmType type) {
        return AlarmMember.newBuilder().setMemberID(id).setAlarm(type).build();
    }
}
