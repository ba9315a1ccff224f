package io.revkv.store.apply;

import static io.revkv.store.apply.CappedApplierTest.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.AlarmMember;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmRequest.AlarmAction;
import io.revkv.proto.etcdserverpb.AlarmResponse;
import io.revkv.proto.etcdserverpb.AlarmType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alarm requests through the backend applier: what each action answers, and that every one records its index. */
class AlarmApplyTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    @Test
    void activateAnswersTheAlarmGetListsItDeactivateAnswersItOnce() {
        AlarmMember noSpace = member(AlarmType.NOSPACE);

        assertThat(apply(alarm(AlarmAction.ACTIVATE, AlarmType.NOSPACE)).getAlarmsList()).containsExactly(noSpace);
        assertThat(apply(alarm(AlarmAction.ACTIVATE, AlarmType.NONE)).getAlarmsList()).isEmpty();
        assertThat(apply(alarm(AlarmAction.GET, AlarmType.NONE)).getAlarmsList()).containsExactly(noSpace);
        assertThat(apply(alarm(AlarmAction.GET, AlarmType.CORRUPT)).getAlarmsList()).isEmpty();
        assertThat(apply(alarm(AlarmAction.DEACTIVATE, AlarmType.NOSPACE)).getAlarmsList()).containsExactly(noSpace);
        assertThat(apply(alarm(AlarmAction.DEACTIVATE, AlarmType.NOSPACE)).getAlarmsList()).isEmpty();
        assertThat(apply(alarm(AlarmAction.GET, AlarmType.NONE)).hasHeader()).isFalse();
        assertThat(kv.store().consistentIndex()).as("the state machine records an alarm's position").isZero();
        assertThat(kv.store().currentRevision()).as("alarms consume no revision").isEqualTo(1);
    }

    private AlarmResponse apply(AlarmRequest r) {
        return kv.applier().alarm(kv.nextIndex(), r);
    }

    private static AlarmMember member(AlarmType type) {
        AlarmRequest r = alarm(AlarmAction.ACTIVATE, type);
        return AlarmMember.newBuilder().setMemberID(r.getMemberID()).setAlarm(type).build();
    }
}
