package io.revkv.store.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FragmentsTest {

    private static WatchResponse response(int events, int valueBytes) {
        WatchResponse.Builder b = WatchResponse.newBuilder().setWatchId(3)
                .setHeader(ResponseHeader.newBuilder().setRevision(9));
        IntStream.range(0, events).forEach(i -> b.addEvents(Event.newBuilder().setKv(KeyValue.newBuilder()
                .setKey(ByteString.copyFromUtf8("k" + i)).setValue(ByteString.copyFrom(new byte[valueBytes]))
                .setModRevision(9))));
        return b.build();
    }

    @Test
    void aSmallResponseOrASingleEventIsSentWhole() {
        WatchResponse small = response(3, 10);
        assertThat(Fragments.split(small, small.getSerializedSize() + 1)).containsExactly(small);
        WatchResponse single = response(1, 1000);
        assertThat(Fragments.split(single, 100)).containsExactly(single);
    }

    @Test
    void aLargeResponseIsSplitIntoPartsUnderTheLimitAllButTheLastMarkedFragment() {
        WatchResponse large = response(10, 100);
        int limit = 350;
        List<WatchResponse> parts = Fragments.split(large, limit);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p.getFragment()).isTrue());
        assertThat(parts.get(parts.size() - 1).getFragment()).isFalse();
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.getWatchId()).isEqualTo(3);
            assertThat(p.getHeader()).isEqualTo(large.getHeader());
            assertThat(p.getEventsCount() == 1 || p.getSerializedSize() < limit).isTrue();
        });
        assertThat(parts.stream().flatMap(p -> p.getEventsList().stream()).toList())
                .isEqualTo(large.getEventsList());
    }

    @Test
    void anEventLargerThanTheLimitTravelsAloneInItsPart() {
        List<WatchResponse> parts = Fragments.split(response(3, 500), 100);
        assertThat(parts).extracting(WatchResponse::getEventsCount).containsExactly(1, 1, 1);
        assertThat(parts).extracting(WatchResponse::getFragment).containsExactly(true, true, false);
    }
}
