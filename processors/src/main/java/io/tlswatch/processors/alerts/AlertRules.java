package io.tlswatch.processors.alerts;

import java.time.Duration;

/**
 * The default alert rule (DESIGN §9, first version): fire when one window counts at least
 * {@code fireFailures} failures of one class on one VIP; resolve once a whole window has passed with fewer
 * than {@code resolveFailures} (hysteresis), also when the VIP goes silent.
 *
 * @param window          the counting window
 * @param grace           how late a line may arrive and still count in its window
 * @param fireFailures    failures in one window that fire the alert
 * @param resolveFailures failures in one window that keep a firing alert open (at most fireFailures)
 * @param checkEvery      how often (wall clock) firing alerts are checked for resolution
 */
public record AlertRules(
        Duration window, Duration grace, int fireFailures, int resolveFailures, Duration checkEvery) {

    public AlertRules {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("alerts.window must be positive, got " + window);
        }
        if (fireFailures < 1) {
            throw new IllegalArgumentException("alerts.fire.failures must be at least 1, got " + fireFailures);
        }
        if (resolveFailures < 1 || resolveFailures > fireFailures) {
            throw new IllegalArgumentException("alerts.resolve.failures must be in [1, alerts.fire.failures="
                    + fireFailures + "], got " + resolveFailures);
        }
    }

    public static AlertRules defaults() {
        return new AlertRules(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, 5, Duration.ofSeconds(5));
    }
}
