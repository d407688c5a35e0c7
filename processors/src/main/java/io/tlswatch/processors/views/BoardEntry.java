package io.tlswatch.processors.views;

import io.tlswatch.schemas.AlertEvent;

/**
 * One alert on the board (the {@code alert-board} store, keyed by dedup key): its latest lifecycle event and when
 * that event was read.
 *
 * @param event     the latest FIRING, UPDATE or RESOLVED event
 * @param updatedMs the record time of that event
 */
public record BoardEntry(AlertEvent event, long updatedMs) {
    public boolean active() {
        return event != null && !"RESOLVED".equals(event.status());
    }
}
