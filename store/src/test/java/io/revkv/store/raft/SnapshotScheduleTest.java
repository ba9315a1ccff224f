package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.raft.SnapshotSchedule.Step;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

    @Test
    void countsRequestsNotEntries() {
        SnapshotSchedule schedule = new SnapshotSchedule(100);

        assertThat(schedule.applied(60)).isEqualTo(Step.NONE);
        assertThat(schedule.applied(34)).isEqualTo(Step.NONE);
        assertThat(schedule.applied(1)).as("a twentieth ahead").isEqualTo(Step.PREPARE);
        assertThat(schedule.applied(4)).isEqualTo(Step.NONE);
        assertThat(schedule.applied(1)).as("the 100th request").isEqualTo(Step.SNAPSHOT);
        assertThat(schedule.applied(50)).as("asked once, until a snapshot is taken").isEqualTo(Step.NONE);
    }

    @Test
    void aBatchThatCrossesBothMarksAsksForTheSnapshotOnly() {
        SnapshotSchedule schedule = new SnapshotSchedule(100);

        assertThat(schedule.applied(250)).isEqualTo(Step.SNAPSHOT);
        assertThat(schedule.applied(1)).isEqualTo(Step.NONE);
    }

    @Test
    void aTakenSnapshotStartsTheNextInterval() {
        SnapshotSchedule schedule = new SnapshotSchedule(20);
        schedule.applied(20);

        schedule.snapshotTaken();

        assertThat(schedule.applied(18)).isEqualTo(Step.NONE);
        assertThat(schedule.applied(1)).isEqualTo(Step.PREPARE);
        assertThat(schedule.applied(1)).isEqualTo(Step.SNAPSHOT);
    }

    @Test
    void aCountOfOneSnapshotsAfterEveryRequest() {
        SnapshotSchedule schedule = new SnapshotSchedule(1);

        assertThat(schedule.applied(1)).isEqualTo(Step.SNAPSHOT);
        schedule.snapshotTaken();
        assertThat(schedule.applied(1)).isEqualTo(Step.SNAPSHOT);
    }
}
