package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counters behind etcd's mvcc metrics, on a real store in a temp dir. */
class StoreStatisticsTest {

    @TempDir
    Path dir;

    @Test
    void putsDeletesAndLiveKeysAreCountedAndLiveKeysSurviveReopen() {
        try (StoreHarness h = new StoreHarness(dir)) {
            h.put("a", "1");
            h.put("a", "2");
            h.put("b", "1");
            h.put("c", "1");
            h.delete("b");
            StoreStatistics stats = h.store().statistics();
            assertThat(stats.puts()).isEqualTo(4);
            assertThat(stats.deletes()).isEqualTo(1);
            assertThat(stats.keys()).isEqualTo(2);
            h.put("b", "again");
            assertThat(stats.keys()).isEqualTo(3);
            h.reopen();
            assertThat(h.store().statistics().keys()).isEqualTo(3);
            assertThat(h.store().statistics().puts()).isZero();
        }
    }

    @Test
    void eachFinishedCompactionIsReportedWithTheRecordsItRemoved() {
        try (StoreHarness h = new StoreHarness(dir)) {
            List<CompactionReport> reports = new CopyOnWriteArrayList<>();
            h.store().statistics().onCompaction(reports::add);
            h.put("a", "1");
            h.put("a", "2");
            long last = h.put("a", "3");
            h.store().compact(last, 100).join();
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).revision()).isEqualTo(last);
            assertThat(reports.get(0).keysRemoved()).isEqualTo(2);
        }
    }
}
