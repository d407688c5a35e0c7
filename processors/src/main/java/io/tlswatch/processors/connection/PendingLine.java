package io.tlswatch.processors.connection;

import io.tlswatch.schemas.HandshakeEvent;

/**
 * One SSL line waiting in the {@code pending-lines} store for the rest of its burst: the line, the wall-clock
 * time it reached the burst join, and its Kafka record timestamp (when it entered Kafka), which times the
 * outcome's window: device clocks are not trusted to order the fleet. The store only holds lines younger than
 * the join wait, so its size follows the number of handshakes failing right now.
 */
public record PendingLine(HandshakeEvent event, long arrivedMs, long recordTimestampMs) {}
