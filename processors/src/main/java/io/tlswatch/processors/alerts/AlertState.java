package io.tlswatch.processors.alerts;

/**
 * What the evaluator remembers per dedup key while an alert fires (the {@code alert-states} store).
 *
 * @param firedAtMs          event time of the window that fired it
 * @param lastBreachEndMs    end of the latest window that still had at least the resolve threshold
 * @param lastBreachWallMs   wall-clock time of that update: resolves the alert even when this instance has
 *                           seen no event since a restart
 * @param peakFailures       the highest window count seen while firing
 */
public record AlertState(
        String observer,
        String vip,
        String errorClass,
        long firedAtMs,
        long lastBreachEndMs,
        long lastBreachWallMs,
        long peakFailures) {}
