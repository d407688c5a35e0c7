package io.tlswatch.processors.connection;

import io.tlswatch.schemas.HandshakeEvent;
import java.util.List;

/**
 * The SSL lines of one TMM (observer, process, pid) that wait to be joined, in arrival order. The value of
 * the {@code pending-bursts} store; it only holds lines younger than the join wait, so its size follows the
 * number of handshakes failing right now.
 */
public record PendingBurst(List<Pending> events) {

    /**
     * One line, the wall-clock time it reached this processor, and its Kafka record timestamp (when it
     * entered Kafka), which times the outcome's window: device clocks are not trusted to order the fleet.
     */
    public record Pending(HandshakeEvent event, long arrivedMs, long recordTimestampMs) {}
}
