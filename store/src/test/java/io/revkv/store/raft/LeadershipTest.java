package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadershipTest {

    @Test
    void listenersHearTheCurrentStateAtOnceThenOnlyRealChanges() {
        Leadership leadership = new Leadership();
        List<Boolean> heard = new ArrayList<>();
        leadership.changed(true);
        leadership.addListener(heard::add);
        leadership.changed(true);
        leadership.changed(false);
        leadership.changed(false);
        leadership.changed(true);
        assertThat(heard).containsExactly(true, false, true);
        assertThat(leadership.isLeader()).isTrue();
    }
}
