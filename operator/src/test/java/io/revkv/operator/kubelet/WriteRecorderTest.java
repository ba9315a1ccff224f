package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.kubelet.WriteRecorder.Figures;
import io.revkv.operator.kubelet.WriteRecorder.Kind;
import io.revkv.operator.kubelet.WriteRecorder.Request;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteRecorderTest {

    private static final long MS = 1_000_000;

    private final WriteRecorder recorder = new WriteRecorder();

    private void write(long endMs, String code, String key) {
        recorder.record(new Request(Kind.WRITE, endMs * MS - MS, endMs * MS, "127.77.0.1:2379", code, key, "v" + key));
    }

    private void read(long endMs, String code) {
        recorder.record(new Request(Kind.READ, endMs * MS - MS, endMs * MS, "127.77.0.2:2379", code, "k", null));
    }

    @Test
    void theLongestGapIsBetweenSuccessfulWritesFailuresDoNotCloseIt() {
        write(1_000, "OK", "1");
        write(1_100, "OK", "2");
        write(1_500, "UNAVAILABLE", "3");
        write(2_000, "DEADLINE_EXCEEDED", "4");
        write(2_600, "OK", "5");
        write(2_650, "OK", "6");
        read(1_200, "OK");
        read(1_700, "UNAVAILABLE");

        Figures f = recorder.figures("roll", 900 * MS, 2_700 * MS);

        assertThat(f.longestWriteGap()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(f.writesOk()).isEqualTo(4);
        assertThat(f.writesFailed()).containsExactly(Map.entry("DEADLINE_EXCEEDED", 1), Map.entry("UNAVAILABLE", 1));
        assertThat(f.readsOk()).isEqualTo(1);
        assertThat(f.readsFailed()).containsExactly(Map.entry("UNAVAILABLE", 1));
        assertThat(f.failed()).isEqualTo(3);
        assertThat(f.total()).isEqualTo(8);
        assertThat(f.duration()).isEqualTo(Duration.ofMillis(1_800));
    }

    @Test
    void theWindowsEdgesCountAsGapsAndRequestsOutsideItDoNotCount() {
        write(100, "OK", "0");
        write(1_000, "OK", "1");
        write(1_200, "OK", "2");

        Figures opensInOutage = recorder.figures("a", 200 * MS, 1_300 * MS);
        assertThat(opensInOutage.longestWriteGap()).as("from the window's start").isEqualTo(Duration.ofMillis(800));
        assertThat(opensInOutage.writesOk()).isEqualTo(2);

        Figures closesInOutage = recorder.figures("b", 900 * MS, 3_000 * MS);
        assertThat(closesInOutage.longestWriteGap()).as("to the window's end").isEqualTo(Duration.ofMillis(1_800));

        Figures nothing = recorder.figures("c", 1_500 * MS, 2_000 * MS);
        assertThat(nothing.longestWriteGap()).as("no write at all: the whole window").isEqualTo(Duration.ofMillis(500));
        assertThat(nothing.total()).isZero();
    }

    @Test
    void anAcknowledgedWriteMissingOrDifferentInTheFinalReadIsLostAnUnacknowledgedOneIsNot() {
        write(1, "OK", "a");
        write(2, "OK", "b");
        write(3, "OK", "c");
        write(4, "UNAVAILABLE", "d");

        assertThat(recorder.lost(Map.of("a", "va", "b", "vb", "c", "vc"))).isEmpty();
        assertThat(recorder.lost(Map.of("a", "va", "c", "other"))).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("b", "vb", "c", "vc")));
        assertThat(recorder.acknowledgedWrites()).isEqualTo(3);
    }

    @Test
    void theFirstMessageOfACodeIsKept() {
        recorder.message("UNKNOWN", "first");
        recorder.message("UNKNOWN", "second");
        recorder.message("UNAVAILABLE", null);
        assertThat(recorder.firstMessages()).containsEntry("UNKNOWN", "first").containsEntry("UNAVAILABLE", "null");
    }

    @Test
    void theTableHasOneRowAScenario() {
        write(1_000, "OK", "1");
        write(1_500, "UNAVAILABLE", "2");
        String table = WriteRecorder.table(java.util.List.of(recorder.figures("roll, MoveLeader first", 0, 2_000 * MS)));
        assertThat(table.lines()).hasSize(2);
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).contains("roll, MoveLeader first", "2.0s",
                "{UNAVAILABLE=1}", "1.000s");
    }
}
