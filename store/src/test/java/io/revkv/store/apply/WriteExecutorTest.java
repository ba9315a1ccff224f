package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.bytes;
import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WriteExecutorTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    @Test
    void putOfANewKeyReportsTheNewRevisionAndStartsVersionOne() {
        PutResponse r = kv.put("a", "1");

        assertThat(r.getHeader().getRevision()).isEqualTo(2);
        assertThat(r.hasPrevKv()).isFalse();
        assertThat(kv.get("a")).isEqualTo(KeyValue.newBuilder().setKey(bytes("a")).setValue(bytes("1"))
                .setCreateRevision(2).setModRevision(2).setVersion(1).build());
    }

    @Test
    void putOfTheSameValueStillConsumesARevision() {
        kv.put("a", "1");

        assertThat(kv.put("a", "1").getHeader().getRevision()).isEqualTo(3);
        assertThat(kv.get("a").getVersion()).isEqualTo(2);
    }

    @Test
    void prevKvIsTheFullPreviousRecord() {
        kv.leasesExist(7);
        kv.put(put("a", "1").toBuilder().setLease(7).build());
        KeyValue before = kv.get("a");

        PutResponse r = kv.put(put("a", "2").toBuilder().setPrevKv(true).build());

        assertThat(r.getPrevKv()).isEqualTo(before);
        assertThat(r.getPrevKv().getLease()).isEqualTo(7);
    }

    @Test
    void prevKvOfAnAbsentKeyIsNotSet() {
        assertThat(kv.put(put("a", "1").toBuilder().setPrevKv(true).build()).hasPrevKv()).isFalse();
    }

    @Test
    void ignoreValueKeepsTheValueAndTakesTheRequestLease() {
        kv.leasesExist(7, 8);
        kv.put(put("a", "1").toBuilder().setLease(7).build());

        kv.put(PutRequest.newBuilder().setKey(bytes("a")).setIgnoreValue(true).setLease(8).build());

        assertThat(kv.get("a").getValue()).isEqualTo(bytes("1"));
        assertThat(kv.get("a").getLease()).isEqualTo(8);
    }

    @Test
    void ignoreValueWithoutIgnoreLeaseDetachesTheLeaseAsEtcdDoes() {
        kv.leasesExist(5000);
        kv.put(put("a", "1").toBuilder().setLease(5000).build());

        kv.put(PutRequest.newBuilder().setKey(bytes("a")).setIgnoreValue(true).build());

        assertThat(kv.get("a").getLease()).isZero();
    }

    @Test
    void ignoreLeaseKeepsTheLeaseAndTakesTheRequestValue() {
        kv.leasesExist(7);
        kv.put(put("a", "1").toBuilder().setLease(7).build());

        kv.put(put("a", "2").toBuilder().setIgnoreLease(true).build());

        assertThat(kv.get("a").getLease()).isEqualTo(7);
        assertThat(kv.get("a").getValue()).isEqualTo(bytes("2"));
    }

    @Test
    void plainPutReplacesTheLeaseAndLeaseZeroDetaches() {
        kv.leasesExist(7, 9);
        kv.put(put("a", "1").toBuilder().setLease(7).build());
        kv.put(put("a", "2").toBuilder().setLease(9).build());
        assertThat(kv.get("a").getLease()).isEqualTo(9);

        kv.put("a", "3");

        assertThat(kv.get("a").getLease()).isZero();
    }

    @Test
    void ignoreFlagsOnAnAbsentKeyAreKeyNotFoundAndWriteNothingButRecordTheIndex() {
        kv.put("b", "1");

        assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKey(bytes("a")).setIgnoreValue(true).build()))
                .matches(EtcdError.KEY_NOT_FOUND::matches);
        assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKey(bytes("a")).setIgnoreLease(true).build()))
                .matches(EtcdError.KEY_NOT_FOUND::matches);

        assertThat(kv.store().currentRevision()).isEqualTo(2);
        assertThat(kv.get("a")).isNull();
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
    }

    @Test
    void ignoreFlagsOnADeletedKeyAreKeyNotFound() {
        kv.put("a", "1");
        kv.delete("a");

        assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKey(bytes("a")).setIgnoreValue(true).build()))
                .matches(EtcdError.KEY_NOT_FOUND::matches);
    }

    @Test
    void deleteRangeCountsTheKeysAndReturnsPrevKvsInKeyOrderAtOneRevision() {
        kv.put("c", "3");
        kv.put("a", "1");
        kv.put("b", "2");
        KeyValue a = kv.get("a");
        KeyValue b = kv.get("b");
        KeyValue c = kv.get("c");

        DeleteRangeResponse r = kv.applier().deleteRange(kv.nextIndex(),
                delete("a", "\0").toBuilder().setPrevKv(true).build());

        assertThat(r.getDeleted()).isEqualTo(3);
        assertThat(r.getPrevKvsList()).containsExactly(a, b, c);
        assertThat(r.getHeader().getRevision()).isEqualTo(5);
        assertThat(kv.store().currentRevision()).isEqualTo(5);
    }

    @Test
    void deleteWithoutPrevKvReturnsNoRecords() {
        kv.put("a", "1");

        DeleteRangeResponse r = kv.delete("a");

        assertThat(r.getDeleted()).isEqualTo(1);
        assertThat(r.getPrevKvsList()).isEmpty();
        assertThat(kv.get("a")).isNull();
    }

    @Test
    void deleteMatchingNothingKeepsTheRevisionAndRecordsTheIndex() {
        kv.put("a", "1");

        DeleteRangeResponse r = kv.applier().deleteRange(kv.nextIndex(),
                DeleteRangeRequest.newBuilder().setKey(bytes("x")).setRangeEnd(bytes("z")).setPrevKv(true).build());

        assertThat(r.getDeleted()).isZero();
        assertThat(r.getPrevKvsList()).isEmpty();
        assertThat(r.getHeader().getRevision()).isEqualTo(2);
        assertThat(kv.store().currentRevision()).isEqualTo(2);
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
    }

    @Test
    void putAfterDeleteStartsANewGeneration() {
        kv.put("a", "1");
        kv.put("a", "2");
        kv.delete("a");

        kv.put("a", "3");

        assertThat(kv.get("a").getCreateRevision()).isEqualTo(5);
        assertThat(kv.get("a").getVersion()).isEqualTo(1);
    }

    @Test
    void aPutNamingALeaseThatDoesNotExistFailsBeforeItsIgnoreFlagsAreChecked() {
        assertThatThrownBy(() -> kv.put(put("k", "v").toBuilder().setLease(7).build()))
                .matches(EtcdError.LEASE_NOT_FOUND::matches);
        assertThatThrownBy(() -> kv.put(PutRequest.newBuilder().setKey(bytes("absent"))
                .setIgnoreValue(true).setLease(7).build()))
                .matches(EtcdError.LEASE_NOT_FOUND::matches);
        assertThat(kv.get("k")).isNull();

        kv.leasesExist(7);
        assertThat(kv.put(put("k", "v").toBuilder().setLease(7).build()).getHeader().getRevision()).isEqualTo(2);
        assertThat(kv.get("k").getLease()).isEqualTo(7);
    }
}
