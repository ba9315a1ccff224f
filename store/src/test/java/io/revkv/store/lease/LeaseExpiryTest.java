package io.revkv.store.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The expiry loop's passes, driven by hand on a fake clock, with a revoker that records what it is asked. */
class LeaseExpiryTest {

    private final FakeClock clock = new FakeClock();
    private final LeaseTable table = new LeaseTable(clock, 2, List.of());
    private final List<Long> proposed = new ArrayList<>();
    private CompletableFuture<Void> outcome = CompletableFuture.completedFuture(null);
    private final LeaseExpiry expiry = new LeaseExpiry(table, id -> {
        proposed.add(id);
        return outcome;
    });

    @Test
    void aFollowerProposesNothing() {
        table.grant(7, 2);
        clock.advance(Duration.ofHours(1));

        assertThat(expiry.revokeExpired()).isZero();
        assertThat(proposed).isEmpty();
    }

    @Test
    void theLeaderProposesARevokeForAnExpiredLeaseOnceAndAgainIfItWasLost() {
        table.promote(Duration.ofSeconds(1));
        table.grant(7, 2);
        clock.advance(Duration.ofMillis(1999));
        expiry.revokeExpired();
        assertThat(proposed).isEmpty();

        outcome = CompletableFuture.failedFuture(new IllegalStateException("leader changed"));
        clock.advance(Duration.ofMillis(1));
        expiry.revokeExpired();
        clock.advance(Duration.ofMillis(LeaseExpiry.INTERVAL_MILLIS));
        expiry.revokeExpired();
        assertThat(proposed).containsExactly(7L);

        clock.advance(Duration.ofMillis(LeaseTable.REVOKE_RETRY_MILLIS));
        expiry.revokeExpired();
        assertThat(proposed).containsExactly(7L, 7L);
    }

    @Test
    void onePassProposesAtMostHalfTheRevokeRate() {
        table.promote(Duration.ofSeconds(1));
        for (long id = 1; id <= 600; id++) {
            table.grant(id, 2);
        }
        clock.advance(Duration.ofSeconds(10));

        assertThat(expiry.revokeExpired()).isEqualTo(LeaseExpiry.REVOKES_PER_PASS);
        assertThat(expiry.revokeExpired()).isEqualTo(100);
    }
}
