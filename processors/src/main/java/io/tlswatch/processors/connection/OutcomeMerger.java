package io.tlswatch.processors.connection;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import java.util.ArrayList;
import java.util.List;

/** Merges the evidence lines of one connection into one {@link HandshakeOutcome}. */
public final class OutcomeMerger {
    /** Raw lines kept as evidence per outcome. */
    public static final int MAX_LINES = 3;

    private OutcomeMerger() {}

    /** The connection id both log and packet evidence can compute. */
    public static String connectionId(HandshakeEvent e) {
        return HostPort.connectionId(e.observer(), e.clientIp(), e.clientPort(), e.serverIp(), e.serverPort(),
                e.routeDomain());
    }

    /**
     * @param events the lines of one connection (at least one), in arrival order
     * @param id     the connection id to give the outcome
     */
    public static HandshakeOutcome merge(List<HandshakeEvent> events, String id) {
        HandshakeEvent addressed = null;
        HandshakeEvent reasoned = null;
        long timestamp = Long.MAX_VALUE;
        String transport = null;
        ErrorClass best = ErrorClass.UNCLASSIFIED;
        List<String> msgids = new ArrayList<>(events.size());
        List<String> lines = new ArrayList<>(Math.min(events.size(), MAX_LINES));
        for (HandshakeEvent e : events) {
            if (addressed == null && e.hasAddresses()) {
                addressed = e;
            }
            if (reasoned == null && e.kind() == Kind.CONNECTION_ERROR) {
                reasoned = e;
            }
            if (transport == null) {
                transport = e.transport();
            }
            timestamp = Math.min(timestamp, e.timestampMs());
            best = moreSpecific(best, ErrorClass.fromWireName(e.errorClass()));
            msgids.add(e.msgid());
            if (lines.size() < MAX_LINES) {
                lines.add(e.line());
            }
        }
        HandshakeEvent first = events.get(0);
        HandshakeEvent where = addressed != null ? addressed : first;
        Integer alert = reasoned != null ? reasoned.alertCode() : null;
        String sender = alert == null ? null : Boolean.TRUE.equals(reasoned.alertReceived()) ? "client" : "bigip";
        return new HandshakeOutcome(
                id,
                first.observer(),
                timestamp,
                transport != null ? transport : "tcp",
                where.clientIp(),
                where.clientPort(),
                where.serverIp(),
                where.serverPort(),
                where.routeDomain(),
                "failure",
                best.wireName(),
                "client",
                alert,
                sender,
                reasoned != null ? reasoned.func() : null,
                reasoned != null ? reasoned.reason() : firstReason(events),
                List.copyOf(msgids),
                List.copyOf(lines));
    }

    /** Whether an outcome was judged from packets alone (it has wire facts and no F5 message id). */
    public static boolean fromPackets(HandshakeOutcome o) {
        return o.wire() != null && o.msgids().isEmpty();
    }

    /**
     * One connection seen by both sources: the F5 lines say why (message ids, function, reason text, their
     * class), the packets say what was offered and chosen ({@code wire}) and who sent the alert. Failure wins
     * over success (the BIG-IP logged a failure); the F5 class wins unless it is {@code unclassified}.
     */
    public static HandshakeOutcome join(HandshakeOutcome logs, HandshakeOutcome packets) {
        boolean failed = "failure".equals(logs.outcome()) || "failure".equals(packets.outcome());
        String errorClass = null;
        if (failed) {
            boolean logsKnow = "failure".equals(logs.outcome()) && logs.errorClass() != null
                    && !ErrorClass.UNCLASSIFIED.wireName().equals(logs.errorClass());
            errorClass = logsKnow || !"failure".equals(packets.outcome()) ? logs.errorClass() : packets.errorClass();
        }
        boolean logAlert = logs.alertCode() != null;
        return new HandshakeOutcome(
                logs.connectionId(),
                logs.observer(),
                Math.min(logs.timestampMs(), packets.timestampMs()),
                logs.transport() != null ? logs.transport() : packets.transport(),
                logs.clientIp(),
                logs.clientPort(),
                logs.serverIp(),
                logs.serverPort(),
                logs.routeDomain(),
                failed ? "failure" : logs.outcome(),
                errorClass,
                logs.side(),
                logAlert ? logs.alertCode() : packets.alertCode(),
                logAlert ? logs.alertSender() : packets.alertSender(),
                logs.func(),
                logs.reason() != null ? logs.reason() : packets.reason(),
                logs.msgids(),
                logs.lines(),
                packets.wire());
    }

    /** An F5 line naming a reason beats one that only says "failed". */
    private static ErrorClass moreSpecific(ErrorClass current, ErrorClass candidate) {
        return current == ErrorClass.UNCLASSIFIED ? candidate : current;
    }

    private static String firstReason(List<HandshakeEvent> events) {
        for (HandshakeEvent e : events) {
            if (e.reason() != null) {
                return e.reason();
            }
        }
        return null;
    }
}
