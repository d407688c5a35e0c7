package io.tlswatch.processors.connection;

import io.tlswatch.schemas.HandshakeOutcome;

/**
 * The value of the {@code pending-outcomes} store for one connection id: the outcome of one source waiting for
 * the other's, or, once emitted, only when and for which attempt (so that late evidence is recognised).
 *
 * @param logs              the outcome from F5 lines, or null
 * @param packets           the outcome from packets, or null
 * @param arrivedMs         wall-clock time the first outcome arrived
 * @param recordTimestampMs Kafka record time of the first outcome, which times the windows of the result
 * @param eventTimeMs       event time of the attempt (the first outcome's {@code timestamp_ms})
 * @param emittedMs         wall-clock time the connection's outcome was emitted; -1 while it waits
 * @param emittedId         the connection id emitted ({@code #2} and on for a reused four-tuple); null while it
 *                          waits, and in markers written before it existed
 * @param emittedPacketSuccess the emitted outcome was a success seen only in packets
 */
public record PendingOutcome(HandshakeOutcome logs, HandshakeOutcome packets, long arrivedMs, long recordTimestampMs,
        long eventTimeMs, long emittedMs, String emittedId, boolean emittedPacketSuccess) {

    boolean emitted() {
        return emittedMs >= 0;
    }

    static PendingOutcome waiting(HandshakeOutcome o, boolean fromPackets, long nowMs, long recordTimestampMs) {
        return new PendingOutcome(fromPackets ? null : o, fromPackets ? o : null, nowMs, recordTimestampMs,
                o.timestampMs(), -1, null, false);
    }

    /** What is kept of an emitted connection: no evidence, only its times and which attempt it was. */
    static PendingOutcome emitted(HandshakeOutcome o, long nowMs) {
        boolean packetSuccess = "success".equals(o.outcome()) && OutcomeMerger.fromPackets(o);
        return new PendingOutcome(null, null, nowMs, -1, o.timestampMs(), nowMs, o.connectionId(), packetSuccess);
    }
}
