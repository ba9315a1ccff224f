package io.revkv.store.mvcc;

import static io.revkv.store.mvcc.StoreHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.store.errors.EtcdError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HashKV against the values etcd 3.4.23 gave for the same history (contract §5.2, live data point). */
class HashKvTest {
    @TempDir
    Path dir;
    StoreHarness h;

    @BeforeEach
    void writeTheContractHistory() {
        h = new StoreHarness(dir);
        h.put("a", "1");
        h.put("b", "2");
        h.put("a", "3");
        h.delete("b");
        try (WriteTxn txn = h.write()) {
            txn.put(bytes("c"), bytes("x"), 0);
            txn.put(bytes("d"), bytes("y"), 0);
        }
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void matchesEtcdBeforeCompaction() {
        assertThat(h.store().currentRevision()).isEqualTo(6);
        assertThat(h.store().hashKv(6).hash()).isEqualTo(1848509990L);
        assertThat(h.store().hashKv(4).hash()).isEqualTo(2069675932L);
        assertThat(h.store().hashKv(0)).isEqualTo(new HashKvResult(1848509990L, -1, 6, 6));
    }

    @Test
    void matchesEtcdAfterCompaction() {
        h.compact(3);
        assertThat(h.store().hashKv(6)).isEqualTo(new HashKvResult(3235463707L, 3, 6, 6));
        assertThat(h.store().hashKv(4).hash()).isEqualTo(1107643163L);
    }

    @Test
    void matchesEtcdAfterCompactionAndReopen() {
        h.compact(3);
        h.reopen();
        assertThat(h.store().hashKv(6).hash()).isEqualTo(3235463707L);
        assertThat(h.store().hashKv(4).hash()).isEqualTo(1107643163L);
    }

    @Test
    void revisionBoundsFollowTheNewBehaviour() {
        h.compact(3);
        assertThat(h.store().hashKv(3).hashRevision()).isEqualTo(3);
        assertThatThrownBy(() -> h.store().hashKv(2)).matches(EtcdError.COMPACTED::matches);
        assertThatThrownBy(() -> h.store().hashKv(7)).matches(EtcdError.FUTURE_REV::matches);
    }

    /** etcd lets a negative revision through and hashes no record at all. */
    @Test
    void aNegativeRevisionHashesOnlyTheBucketName() {
        CRC32C bucketName = new CRC32C();
        bucketName.update("key".getBytes(StandardCharsets.UTF_8));
        assertThat(h.store().hashKv(-1).hash()).isEqualTo(bucketName.getValue());
    }
}
