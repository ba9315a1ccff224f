package io.revkv.store.lease;

import static io.revkv.store.testing.KvOps.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeaseTableTest {

    private static final Duration ELECTION = Duration.ofSeconds(1);

    private final FakeClock clock = new FakeClock();
    private final LeaseTable table = new LeaseTable(clock, LeaseTable.minTtl(ELECTION), List.of());

    private LeaseTable primary() {
        table.promote(ELECTION);
        return table;
    }

    @Test
    void minimumTtlIsOneAndAHalfElectionTimeoutsRoundedUp() {
        assertThat(LeaseTable.minTtl(Duration.ofSeconds(1))).isEqualTo(2);
        assertThat(LeaseTable.minTtl(Duration.ofMillis(2000))).isEqualTo(3);
        assertThat(LeaseTable.minTtl(Duration.ofMillis(100))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 0, -5})
    void aTtlBelowTheMinimumIsRaisedToTwoSeconds(long ttl) {
        assertThat(table.grant(7, ttl)).isEqualTo(2);
    }

    @Test
    void aTtlAtTheMaximumIsGrantedAndOneAboveIsTooLarge() {
        assertThat(table.grant(1, Lessor.MAX_TTL)).isEqualTo(Lessor.MAX_TTL);
        assertThatThrownBy(() -> table.grant(2, Lessor.MAX_TTL + 1)).matches(EtcdError.TOO_LARGE_TTL::matches);
        assertThat(table.exists(2)).isFalse();
    }

    @Test
    void anIdInUseIsRefusedAndNegativeIdsAreAccepted() {
        table.grant(-7, 60);

        assertThatThrownBy(() -> table.grant(-7, 30)).matches(EtcdError.LEASE_EXIST::matches);
        assertThat(table.timeToLive(-7)).get().extracting(LeaseInfo::grantedTtl).isEqualTo(60L);
        assertThatThrownBy(() -> table.grant(0, 30)).matches(EtcdError.LEASE_NOT_FOUND::matches);
    }

    @Test
    void revokeHandsOverTheKeysInUnsignedOrderAndForgetsTheLease() {
        table.grant(7, 60);
        for (String key : List.of("lb", "la", "\u00ff", "lc")) {
            table.attach(bytes(key), 7);
        }

        assertThat(table.revoke(7)).containsExactly(bytes("la"), bytes("lb"), bytes("lc"), bytes("\u00ff"));
        assertThat(table.exists(7)).isFalse();
        assertThatThrownBy(() -> table.revoke(7)).matches(EtcdError.LEASE_NOT_FOUND::matches);
    }

    @Test
    void attachingAKeyToAnotherLeaseOrToNoneTakesItFromItsLease() {
        table.grant(7, 60);
        table.grant(8, 60);
        table.attach(bytes("a"), 7);
        table.attach(bytes("b"), 7);

        table.attach(bytes("a"), 8);
        table.attach(bytes("b"), 0);

        assertThat(keys(7)).isEmpty();
        assertThat(keys(8)).containsExactly(bytes("a"));
        table.detach(bytes("a"));
        assertThat(keys(8)).isEmpty();
        assertThat(table.revoke(8)).isEmpty();
    }

    @Test
    void aFollowerNeverExpiresLeasesNorRenewsThem() {
        table.grant(7, 5);
        clock.advance(Duration.ofDays(1));

        assertThat(table.expired(10)).isEmpty();
        assertThat(table.timeToLive(7)).get().extracting(LeaseInfo::remainingSeconds)
                .isEqualTo(Lessor.FOREVER_SECONDS);
        assertThatThrownBy(() -> table.renew(7)).matches(EtcdError.NOT_PRIMARY::matches);
    }

    @Test
    void onThePrimaryALeaseExpiresAfterItsTtlAndIsHandedOutAgainOnlyAfterTheRetryInterval() {
        primary().grant(7, 5);
        clock.advance(Duration.ofMillis(4999));
        assertThat(table.expired(10)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(table.expired(10)).containsExactly(7L);
        assertThat(table.expired(10)).isEmpty();
        clock.advance(Duration.ofMillis(LeaseTable.REVOKE_RETRY_MILLIS));
        assertThat(table.expired(10)).containsExactly(7L);
    }

    @Test
    void expiredLeasesComeSoonestFirstUpToTheLimit() {
        primary();
        table.grant(3, 30);
        table.grant(1, 10);
        table.grant(2, 20);
        clock.advance(Duration.ofSeconds(31));

        assertThat(table.expired(2)).containsExactly(1L, 2L);
        assertThat(table.expired(2)).containsExactly(3L);
        assertThat(table.leases()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void renewRestartsTheTtlAndTimeToLiveRoundsTheRemainderDown() {
        primary().grant(7, 10);
        clock.advance(Duration.ofMillis(8500));
        assertThat(table.timeToLive(7)).get().extracting(LeaseInfo::remainingSeconds).isEqualTo(1L);

        assertThat(table.renew(7)).isEqualTo(10);
        clock.advance(Duration.ofMillis(1500));
        assertThat(table.timeToLive(7)).get().extracting(LeaseInfo::remainingSeconds).isEqualTo(8L);
    }

    @Test
    void anExpiredOrUnknownLeaseCannotBeRenewed() {
        primary().grant(7, 5);
        clock.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> table.renew(7)).matches(EtcdError.LEASE_NOT_FOUND::matches);
        assertThatThrownBy(() -> table.renew(8)).matches(EtcdError.LEASE_NOT_FOUND::matches);
        assertThat(table.timeToLive(8)).isEmpty();
    }

    @Test
    void aNewLeaderGivesEveryLeaseItsFullTtlPlusAnElectionTimeout() {
        primary().grant(7, 10);
        clock.advance(Duration.ofSeconds(8));
        table.demote();
        clock.advance(Duration.ofSeconds(30));

        table.promote(ELECTION);

        assertThat(table.timeToLive(7)).get().extracting(LeaseInfo::remainingSeconds).isEqualTo(11L);
    }

    @Test
    void aCheckpointedRemainderIsWhatANewLeaderStartsFrom() {
        LeaseTable restored = new LeaseTable(clock, 2, List.of(io.revkv.proto.leasepb.Lease.newBuilder()
                .setID(7).setTTL(600).setRemainingTTL(30).build()));

        restored.promote(ELECTION);

        assertThat(restored.timeToLive(7)).get().extracting(LeaseInfo::remainingSeconds, LeaseInfo::grantedTtl)
                .containsExactly(31L, 600L);
    }

    @Test
    void aNewLeaderSpreadsExpiriesSoThatNoSecondHoldsMoreThanTheTarget() {
        for (long id = 1; id <= 2000; id++) {
            table.grant(id, 10);
        }
        table.promote(ELECTION);

        long[] perSecond = new long[20];
        for (long id = 1; id <= 2000; id++) {
            long seconds = table.timeToLive(id).orElseThrow().remainingSeconds();
            perSecond[(int) seconds]++;
        }
        assertThat(perSecond[11]).isEqualTo(ExpirySpread.TARGET_PER_SECOND);
        assertThat(java.util.Arrays.stream(perSecond).max().orElseThrow()).isEqualTo(ExpirySpread.TARGET_PER_SECOND);
        assertThat(perSecond[11] + perSecond[12] + perSecond[13]).isEqualTo(2000);
    }

    private List<ByteString> keys(long id) {
        return table.timeToLive(id).orElseThrow().keys();
    }
}
