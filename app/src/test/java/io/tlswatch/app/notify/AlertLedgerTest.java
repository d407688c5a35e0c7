package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.AlertEvent;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertLedgerTest {
    private static final Instant T0 = Instant.parse("2026-02-01T08:20:00Z");
    private final AlertLedger ledger = new AlertLedger();
    private final AlertEvent firing = TestAlerts.firing("10.0.0.1:443", "cert_expired", null, "2026-02-01T08:17:00Z");

    @Test
    void anEventIdenticalToTheLastDeliveredIsARepeatAndAnyChangeIsNot() {
        assertThat(ledger.isRepeat(firing)).isFalse();
        ledger.delivered(firing, 0, T0);
        assertThat(ledger.isRepeat(firing)).isTrue();
        AlertEvent update = TestAlerts.update(firing, "2026-02-01T08:18:00Z");
        assertThat(ledger.isRepeat(update)).isFalse();
        ledger.delivered(update, 0, T0);
        AlertEvent resolved = TestAlerts.resolved(firing, "2026-02-01T08:30:00Z");
        assertThat(ledger.isRepeat(resolved)).isFalse();
        ledger.delivered(resolved, 0, T0);
        assertThat(ledger.isRepeat(resolved)).isTrue();
        assertThat(ledger.isFiring(firing.dedupKey())).isFalse();
        assertThat(ledger.isRepeat(firing)).as("fires again after resolving").isFalse();
    }

    @Test
    void firingAlertsComeDueForResendAndResolvedOnesNever() {
        AlertEvent other = TestAlerts.firing("10.0.0.2:443", "cert_expired", null, "2026-02-01T08:17:00Z");
        ledger.delivered(firing, 0, T0.plusSeconds(60));
        ledger.delivered(other, 1, T0.plusSeconds(30));
        assertThat(ledger.dueForResend(T0)).isEmpty();
        assertThat(ledger.dueForResend(T0.plusSeconds(60))).extracting(e -> e.event().dedupKey())
                .containsExactly(other.dedupKey(), firing.dedupKey());
        ledger.resendAt(other.dedupKey(), T0.plusSeconds(120));
        ledger.delivered(TestAlerts.resolved(firing, "2026-02-01T08:30:00Z"), 0, T0);
        assertThat(ledger.dueForResend(T0.plusSeconds(90))).isEmpty();
        assertThat(ledger.dueForResend(T0.plusSeconds(120))).hasSize(1);
    }

    @Test
    void forgettingAPartitionDropsItsAlertsOnly() {
        AlertEvent other = TestAlerts.firing("10.0.0.2:443", "cert_expired", null, "2026-02-01T08:17:00Z");
        ledger.delivered(firing, 0, T0);
        ledger.delivered(other, 1, T0);
        ledger.forget(Set.of(0));
        assertThat(ledger.isFiring(firing.dedupKey())).isFalse();
        assertThat(ledger.last(firing.dedupKey())).isNull();
        assertThat(ledger.firing(1)).hasSize(1);
    }
}
