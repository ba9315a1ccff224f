package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.AlarmMember;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmResponse;
import io.revkv.store.alarm.AlarmStore;

/**
 * An Alarm request (etcd's {@code applierV3backend.Alarm}, contract §7.3): GET lists the alarms of the requested type
 * (all for NONE); ACTIVATE and DEACTIVATE answer with the alarm they affected, nothing when there was none (activating
 * NONE, deactivating an alarm that is not active). The response has no header; the API layer fills it.
 */
final class AlarmExecutor {

    private AlarmExecutor() {
    }

    static AlarmResponse execute(AlarmStore alarms, AlarmRequest r) {
        AlarmResponse.Builder response = AlarmResponse.newBuilder();
        switch (r.getAction()) {
            case GET -> response.addAllAlarms(alarms.get(r.getAlarm()));
            case ACTIVATE -> addIfAny(response, alarms.activate(r.getMemberID(), r.getAlarm()));
            case DEACTIVATE -> addIfAny(response, alarms.deactivate(r.getMemberID(), r.getAlarm()));
            default -> {
                // An action this version does not know changes nothing, as in etcd.
            }
        }
        return response.build();
    }

    private static void addIfAny(AlarmResponse.Builder response, AlarmMember alarm) {
        if (alarm != null) {
            response.addAlarms(alarm);
        }
    }
}
