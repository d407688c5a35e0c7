package io.tlswatch.processors.connection;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.decode.wire.TlsNames;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.WireFacts;
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
        HandshakeEvent first = null;
        long timestamp = Long.MAX_VALUE;
        String transport = null;
        ErrorClass best = ErrorClass.UNCLASSIFIED;
        List<String> msgids = new ArrayList<>(events.size());
        List<String> lines = new ArrayList<>(Math.min(events.size(), MAX_LINES));
        WireFacts irules = null;
        for (HandshakeEvent e : events) {
            if (e.isConnectionEnrichment()) {
                irules = irules == null ? facts(e) : irules.orElse(facts(e));
                continue;
            }
            first = first == null ? e : first;
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
        if (first == null) {
            throw new IllegalArgumentException("a connection's evidence holds at least one failure line");
        }
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
                List.copyOf(lines),
                irules);
    }

    /**
     * What an iRule line tells of the handshake: its JA4, the ciphers offered (hex ids become IANA names), the
     * cipher negotiated (as the iRule names it). Its version text ({@code TLSv1}) is not in ECS form: left out.
     */
    private static WireFacts facts(HandshakeEvent e) {
        HandshakeEvent.TlsFacts t = e.tls();
        List<String> offered = null;
        if (t.offeredCiphers() != null) {
            offered = new ArrayList<>(t.offeredCiphers().size());
            for (String hex : t.offeredCiphers()) {
                int value = hexId(hex);
                String name = value < 0 ? null : TlsNames.cipherSuite(value);
                offered.add(name != null ? name : hex);
            }
            offered = List.copyOf(offered);
        }
        return new WireFacts(t.sni(), null, null, t.cipher(), null, offered, null, t.ja3(), t.ja3s(), t.ja4(), null,
                false);
    }

    /** {@code c02b} as 0xC02B; -1 when it is not 1 to 4 hex digits. */
    private static int hexId(String s) {
        if (s.isEmpty() || s.length() > 4) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Whether an outcome was judged from packets alone (it has wire facts and no F5 message id). */
    public static boolean fromPackets(HandshakeOutcome o) {
        return o.wire() != null && o.wire().packets() && o.msgids().isEmpty();
    }

    /**
     * One connection seen by both sources: the F5 lines say why (message ids, function, reason text, their
     * class), the packets say what was offered and chosen ({@code wire}) and who sent the alert. Failure wins
     * over success (the BIG-IP logged a failure); the F5 class wins unless it is {@code unclassified}, or
     * {@code not_tls} where the packets show what the non-TLS bytes were (a PROXY header, an SSLv2 hello: the
     * BIG-IP says "not SSL" to both).
     */
    public static HandshakeOutcome join(HandshakeOutcome logs, HandshakeOutcome packets) {
        boolean failed = "failure".equals(logs.outcome()) || "failure".equals(packets.outcome());
        String errorClass = null;
        if (failed) {
            boolean logsKnow = "failure".equals(logs.outcome()) && logs.errorClass() != null
                    && !ErrorClass.UNCLASSIFIED.wireName().equals(logs.errorClass())
                    && !refinesNotTls(logs.errorClass(), packets);
            errorClass = logsKnow || !"failure".equals(packets.outcome()) ? logs.errorClass() : packets.errorClass();
        }
        boolean logAlert = logs.alertCode() != null;
        return new HandshakeOutcome(
                withGeneration(logs.connectionId(), packets.connectionId()),
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
                packets.wire() == null ? logs.wire() : packets.wire().orElse(logs.wire()));
    }

    /** Whether the packets name the non-TLS bytes the F5 line only calls "not SSL". */
    private static boolean refinesNotTls(String logClass, HandshakeOutcome packets) {
        return ErrorClass.NOT_TLS.wireName().equals(logClass) && "failure".equals(packets.outcome())
                && (ErrorClass.PROXY_PROTOCOL_MISMATCH.wireName().equals(packets.errorClass())
                        || ErrorClass.SSLV2_HELLO.wireName().equals(packets.errorClass()));
    }

    /** The log's id, with the {@code #2} the capture gave a reused four-tuple, so that each attempt keeps its own. */
    private static String withGeneration(String logsId, String packetsId) {
        if (logsId == null || packetsId == null) {
            return logsId != null ? logsId : packetsId;
        }
        String tuple = HostPort.fourTupleOf(packetsId);
        return tuple.length() == packetsId.length() ? logsId : logsId + packetsId.substring(tuple.length());
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
