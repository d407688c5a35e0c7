package io.tlswatch.processors.alerts;

import io.tlswatch.schemas.Durations;

/** The inventory's {@code alert_window} of one VIP: the short window for that VIP. */
final class VipWindowOverride {
    private VipWindowOverride() {}

    /** Milliseconds of the written duration; {@code fallback} for text that is no positive duration. */
    static long parse(String text, long fallback) {
        try {
            long ms = Durations.parse(text).toMillis();
            return ms > 0 ? ms : fallback;
        } catch (RuntimeException e) {
            return fallback; // the CSV loader checks it; a bad value in the topic must not stop the rules
        }
    }
}
