package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Texts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an alert event must hold before any target sees it. An event that fails is dead-lettered
 * ({@code invalid_alert}) instead of being sent half-formed or crashing the loop.
 */
final class AlertChecks {
    /** PagerDuty's limit on {@code dedup_key}. */
    static final int MAX_DEDUP_KEY = 255;
    private static final Set<String> STATUSES = Set.of("FIRING", "UPDATE", "RESOLVED");
    private static final Set<String> ACTIONS = Set.of("trigger", "resolve");

    private AlertChecks() {}

    /** The first problem of an event, empty when it can be delivered. */
    static Optional<String> problem(AlertEvent e) {
        if (e == null) {
            return Optional.of("null document");
        }
        if (e.dedupKey() == null || e.dedupKey().isBlank()) {
            return Optional.of("no dedup_key");
        }
        if (e.dedupKey().length() > MAX_DEDUP_KEY) {
            return Optional.of("dedup_key longer than " + MAX_DEDUP_KEY + " characters");
        }
        if (e.status() != null && !STATUSES.contains(e.status().strip().toUpperCase(Locale.ROOT))) {
            return Optional.of("unknown status '" + clip(e.status()) + "'");
        }
        if (e.eventAction() != null && !ACTIONS.contains(e.eventAction().strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("unknown event_action '" + clip(e.eventAction()) + "'");
        }
        if (e.status() == null && e.eventAction() == null) {
            return Optional.of("neither status nor event_action");
        }
        if (AlertStatus.of(e).firing() && e.payload() == null) {
            return Optional.of("a " + AlertStatus.of(e) + " event without payload");
        }
        for (String[] time : new String[][] {{"starts_at", e.startsAt()}, {"ends_at", e.endsAt()},
            {"payload.timestamp", e.payload() == null ? null : e.payload().timestamp()}}) {
            if (time[1] != null && !instant(time[1])) {
                return Optional.of(time[0] + " is not an ISO-8601 instant: '" + clip(time[1]) + "'");
            }
        }
        return Optional.empty();
    }

    private static boolean instant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String clip(String s) {
        return Texts.cutMarked(s, 41);
    }
}
