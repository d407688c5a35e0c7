package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import java.time.Instant;

/** A system alerts are delivered to: builds the request for an event, or says why the event is not for it. */
public interface Target {
    /** {@code pagerduty} or {@code alertmanager}: in counters, logs, dead letters and dry-run lines. */
    String name();

    /** The request for {@code event} at {@code now}, or a skip. Pure: no I/O. */
    Plan plan(AlertEvent event, Instant now);

    /** What a target will do with an event. */
    sealed interface Plan {
        /** Send this request. */
        record Send(OutboundRequest request) implements Plan {}

        /**
         * Nothing to send to this target.
         *
         * @param reason a code from a small fixed set (a counter label), e.g. {@code no_routing_key}
         * @param detail for the log
         */
        record Skip(String reason, String detail) implements Plan {}
    }
}
