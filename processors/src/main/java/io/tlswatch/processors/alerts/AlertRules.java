package io.tlswatch.processors.alerts;

import java.time.Duration;

/**
 * The default alert rule (DESIGN §9, first version): fire when a window counts at least
 * {@code fireFailures} failures of one class on one VIP; resolve once the windows after the last one that
 * still reached {@code resolveFailures} have passed below it (hysteresis), also when the VIP goes silent.
 * Windows hop by a quarter of their size, so a burst that straddles a window edge still counts whole.
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
        if (grace.isNegative()) {
            throw new IllegalArgumentException("alerts.grace must not be negative, got " + grace);
        }
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("alerts.check.every must be positive, got " + checkEvery);
        }
    }

    /** How far consecutive windows start apart: a quarter window (at least 1 ms). */
    public Duration advance() {
        Duration quarter = window.dividedBy(4);
        return quarter.isZero() ? window : quarter;
    }

    /**
     * How long after the end of the last window that reached the resolve threshold an alert resolves in
     * event time: the next window has ended below it, and late lines had their grace to arrive.
     */
    public Duration resolveAfter() {
        return advance().plus(grace);
    }

    public static AlertRules defaults() {
        return new AlertRules(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, 5, Duration.ofSeconds(5));
    }
}
