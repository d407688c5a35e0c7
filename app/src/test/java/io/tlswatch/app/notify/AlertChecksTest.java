package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.AlertEvent;
import org.junit.jupiter.api.Test;

class AlertChecksTest {
    private final AlertEvent f = TestAlerts.firing("10.0.0.1:443", "cert_expired", null, "2026-02-01T08:17:00Z");

    @Test
    void theEngineseventsPass() {
        assertThat(AlertChecks.problem(f)).isEmpty();
        assertThat(AlertChecks.problem(TestAlerts.resolved(f, "2026-02-01T08:30:00Z"))).isEmpty();
        assertThat(AlertChecks.problem(TestAlerts.inhibited(f))).isEmpty();
    }

    @Test
    void eventsATargetCannotTakeAreNamedWithTheirProblem() {
        assertThat(AlertChecks.problem(null)).contains("null document");
        assertThat(AlertChecks.problem(new AlertEvent(" ", "trigger", "FIRING", null, null, f.payload(), null, null)))
                .contains("no dedup_key");
        assertThat(AlertChecks.problem(new AlertEvent("k".repeat(256), "trigger", "FIRING", null, null, f.payload(),
                null, null))).contains("dedup_key longer than 255 characters");
        assertThat(AlertChecks.problem(new AlertEvent("k", "trigger", "EXPLODED", null, null, f.payload(), null, null)))
                .contains("unknown status 'EXPLODED'");
        assertThat(AlertChecks.problem(new AlertEvent("k", "acknowledge", null, null, null, f.payload(), null, null)))
                .contains("unknown event_action 'acknowledge'");
        assertThat(AlertChecks.problem(new AlertEvent("k", null, null, null, null, f.payload(), null, null)))
                .contains("neither status nor event_action");
        assertThat(AlertChecks.problem(new AlertEvent("k", "trigger", "FIRING", null, null, null, null, null)))
                .contains("a FIRING event without payload");
        assertThat(AlertChecks.problem(new AlertEvent("k", "trigger", "FIRING", "yesterday", null, f.payload(), null,
                null))).contains("starts_at is not an ISO-8601 instant: 'yesterday'");
        assertThat(AlertChecks.problem(new AlertEvent("k", "resolve", null, null, null, null, null, null)))
                .as("a bare resolve is enough").isEmpty();
    }
}
