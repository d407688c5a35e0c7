package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import java.util.Locale;

/** The lifecycle status of an alert event ({@code status}, else {@code event_action}). */
public enum AlertStatus {
    FIRING,
    UPDATE,
    RESOLVED;

    /** The status of a checked event ({@link AlertChecks}); {@code resolve} without a status is RESOLVED. */
    public static AlertStatus of(AlertEvent event) {
        if (event.status() != null) {
            return valueOf(event.status().strip().toUpperCase(Locale.ROOT));
        }
        return "resolve".equalsIgnoreCase(event.eventAction()) ? RESOLVED : FIRING;
    }

    public boolean firing() {
        return this != RESOLVED;
    }
}
