package io.tlswatch.processors.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.processors.classify.Classifier;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.decode.audit.AuditLines;
import io.tlswatch.processors.decode.telemetry.TelemetryDecoder;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * Decodes one raw {@code f5.logs} record (a syslog line in any of the F5 envelopes of DESIGN §4, or a
 * Telemetry-Streaming JSON document) into SSL evidence. Stateless and pure Java; never throws on data:
 * every input is decoded, dropped as not TLS, or rejected with a {@link RejectReason}.
 */
public final class LogDecoder {
    /** Larger records are rejected before any parsing: a syslog line is at most a few KiB. */
    public static final int MAX_RECORD_BYTES = 1 << 20;
    /**
     * Longest syslog line decoded into an event (rsyslog's default {@code maxMessageSize}; RFC 5424 §6.1 asks
     * receivers for 2048 octets). Real F5 SSL lines are a few hundred bytes; a longer one would be carried, with
     * its reason, through repartition topics and join stores whose records the broker bounds (1 MiB by default):
     * such a line is {@link RejectReason#OVERSIZED}, not a record that stops the stream thread. Longer lines that
     * are not about TLS are still dropped as such.
     */
    public static final int MAX_LINE_BYTES = 8 * 1024;
    /**
     * Longest audit line decoded into a change event: an iRule or a certificate in a tmsh command makes long lines,
     * but the event keeps a cut of a few KiB; beyond this a line is {@link RejectReason#OVERSIZED} instead of being
     * copied and tokenized whole.
     */
    public static final int MAX_AUDIT_LINE_BYTES = 64 * 1024;
    /** The broker rejects timestamps more than an hour ahead; such stamps are a zone mistake. */
    public static final long MAX_FUTURE_MS = 3_600_000L;

    private final ZoneId zone;
    private final LongSupplier clock;
    private final String defaultObserver;
    private final int fixedYear;
    private final TelemetryDecoder telemetry = new TelemetryDecoder();

    public LogDecoder(ZoneId zone, LongSupplier clock, String defaultObserver) {
        this(zone, clock, defaultObserver, 0);
    }

    /**
     * @param fixedYear the year of RFC 3164 stamps when reading old files offline; 0 infers it from the clock
     */
    public LogDecoder(ZoneId zone, LongSupplier clock, String defaultObserver, int fixedYear) {
        this.zone = zone;
        this.clock = clock;
        this.defaultObserver = defaultObserver;
        this.fixedYear = fixedYear;
    }

    public static LogDecoder utc() {
        return new LogDecoder(ZoneId.of("UTC"), System::currentTimeMillis, "unknown");
    }

    /**
     * @param value             the record's bytes
     * @param recordTimestampMs the Kafka record timestamp, used when the line carries no usable time
     */
    public LogDecodeResult decode(byte[] value, long recordTimestampMs) {
        if (value == null || value.length == 0) {
            return new LogDecodeResult.Rejected(RejectReason.EMPTY, "no bytes");
        }
        if (value.length > MAX_RECORD_BYTES) {
            return new LogDecodeResult.Rejected(
                    RejectReason.OVERSIZED, value.length + " bytes > limit " + MAX_RECORD_BYTES);
        }
        int from = 0;
        int to = value.length;
        while (from < to && isWhiteSpace(value[from])) {
            from++;
        }
        while (to > from && isWhiteSpace(value[to - 1])) {
            to--;
        }
        if (from == to) {
            return new LogDecodeResult.Rejected(RejectReason.EMPTY, "only white space");
        }
        if (value[from] == '{') {
            // JSON may be pretty-printed: its line breaks are white space, not control characters
            return decodeTelemetry(value, from, to, recordTimestampMs);
        }
        return decodeLine(value, from, to, null, recordTimestampMs);
    }

    /**
     * A syslog line in {@code value[from, to)}, trimmed: one scan decides, and only TLS lines become Strings.
     *
     * @param envelope the Telemetry-Streaming document that wraps the line (for its host name), or null
     */
    private LogDecodeResult decodeLine(byte[] value, int from, int to, JsonEnvelope envelope, long recordTimestampMs) {
        long scan = LineScan.scan(value, from, to);
        if (scan == LineScan.NOT_TLS) {
            return NOT_TLS;
        }
        if (LineScan.isAudit(scan)) {
            return decodeAuditLine(value, from, to, LineScan.auditColon(scan), envelope, recordTimestampMs);
        }
        if (scan == LineScan.NOT_UTF8) {
            return new LogDecodeResult.Rejected(RejectReason.NOT_UTF8, "invalid UTF-8");
        }
        if (LineScan.isControl(scan)) {
            return controlCharacter(value, from, to, LineScan.position(scan));
        }
        int msgidColon = LineScan.msgidColon(scan);
        if (to - from > MAX_LINE_BYTES) {
            return new LogDecodeResult.Rejected(RejectReason.OVERSIZED,
                    "syslog line of " + (to - from) + " bytes > limit " + MAX_LINE_BYTES);
        }
        int rule = LineScan.rule(scan);
        int hsl = LineScan.hsl(scan);
        String line = new String(value, from, to - from, StandardCharsets.UTF_8);
        String hostHint = envelope == null ? null : envelope.hostname();
        if (msgidColon >= 0) {
            return decodeSslLine(line, msgidColon - from, hostHint, recordTimestampMs);
        }
        if (rule >= 0) {
            return decodeIRuleLine(line, rule - from, hostHint, recordTimestampMs);
        }
        return decodeHslLine(line, hsl - from, hostHint, recordTimestampMs);
    }

    private static final LogDecodeResult NOT_TLS = new LogDecodeResult.Dropped("not_tls");

    /** Binary data: say "not UTF-8" when it is not even text, else name the control character. */
    private static LogDecodeResult controlCharacter(byte[] value, int from, int to, int at) {
        if (!Utf8.isValid(value, from, to)) {
            return new LogDecodeResult.Rejected(RejectReason.NOT_UTF8, "invalid UTF-8");
        }
        return new LogDecodeResult.Rejected(RejectReason.CONTROL_CHARACTERS,
                "control character 0x" + Integer.toHexString(value[at] & 0xff) + " at " + (at - from));
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Telemetry Streaming: {@code syslog} events wrap a whole line in {@code data}; others are not SSL yet. */
    private LogDecodeResult decodeTelemetry(byte[] value, int from, int to, long recordTimestampMs) {
        // one strict pass checks the syntax and finds the wrapper's two fields; the wrapped line is then read
        // in place. Only other documents (the system poller) are parsed again, into a tree
        JsonEnvelope envelope = JsonEnvelope.scan(value, from, to);
        if (envelope.error() != null) {
            return new LogDecodeResult.Rejected(RejectReason.INVALID_JSON, envelope.error());
        }
        if (envelope.hasData()) {
            byte[] line = value;
            int start = envelope.dataStart();
            int end = envelope.dataEnd();
            if (envelope.dataEscaped()) {
                line = JsonEnvelope.unescape(value, start, end);
                start = 0;
                end = line.length;
            }
            while (start < end && isWhiteSpace(line[start])) {
                start++;
            }
            while (end > start && isWhiteSpace(line[end - 1])) {
                end--;
            }
            return start == end ? NOT_TLS : decodeLine(line, start, end, envelope, recordTimestampMs);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value, from, to - from);
        } catch (IOException e) {
            return new LogDecodeResult.Rejected(RejectReason.INVALID_JSON, firstLine(e.getMessage()));
        }
        // system poller (inventory, connection counters), LTM request logs and other categories
        return telemetry.decode(root, recordTimestampMs, clock.getAsLong());
    }

    private LogDecodeResult decodeSslLine(String line, int colon, String hostHint, long recordTimestampMs) {
        int msgStart = colon - 8;
        return SslMessages.decode(SslMessages.msgid(line, msgStart), messageText(line, colon),
                origin(line, msgStart, hostHint, recordTimestampMs));
    }

    /** What follows {@code msgid:level:} and any RFC 5424 structured data, stripped: the same in every envelope. */
    private static String messageText(String line, int colon) {
        int textStart = Math.min(colon + 3, line.length()); // ":N:"
        return line.substring(StructuredData.skip(line, textStart)).strip();
    }

    /**
     * Audit ids 01420002 / 01070417: a TLS-relevant configuration change, or dropped as not TLS like before. Most
     * audit lines ({@code show}, {@code list}, logins) are dropped on a look at their bytes. Bytes that are not UTF-8
     * are not a change; a possible change with control characters or beyond {@link #MAX_AUDIT_LINE_BYTES} is a dead
     * letter like any other line (its text would reach alert summaries).
     */
    private LogDecodeResult decodeAuditLine(byte[] value, int from, int to, int colon, JsonEnvelope envelope,
            long recordTimestampMs) {
        int text = StructuredData.skip(value, Math.min(colon + 3, to), to); // ":N:"
        if (!AuditLines.mayBeChange(value, colon, text, to) || !Utf8.isValid(value, from, to)) {
            return NOT_TLS;
        }
        if (to - from > MAX_AUDIT_LINE_BYTES) {
            return new LogDecodeResult.Rejected(RejectReason.OVERSIZED,
                    "audit line of " + (to - from) + " bytes > limit " + MAX_AUDIT_LINE_BYTES);
        }
        for (int i = from; i < to; i++) {
            if ((value[i] >= 0 && value[i] < 0x20 && value[i] != '\t') || value[i] == 0x7f) {
                return controlCharacter(value, from, to, i);
            }
        }
        return decodeAuditLine(new String(value, from, to - from, StandardCharsets.UTF_8), colon - from,
                envelope == null ? null : envelope.hostname(), recordTimestampMs);
    }

    private LogDecodeResult decodeAuditLine(String line, int colon, String hostHint, long recordTimestampMs) {
        int msgStart = colon - 8;
        Origin o = origin(line, msgStart, hostHint, recordTimestampMs);
        ChangeEvent change = AuditLines.decode(line.substring(msgStart, colon), messageText(line, colon), o.observer(),
                o.timestampMs(), o.process(), line);
        return change == null ? NOT_TLS : new LogDecodeResult.Change(change);
    }


    private LogDecodeResult decodeIRuleLine(String line, int rule, String hostHint, long recordTimestampMs) {
        return IRuleLines.decode(line, rule, origin(line, rule, hostHint, recordTimestampMs));
    }

    /** HSL: {@code <stamp> <host>,f5_irule=...}; the host sits right before the first pair. */
    private LogDecodeResult decodeHslLine(String line, int marker, String hostHint, long recordTimestampMs) {
        int hostStart = HslLines.hostStart(line, marker);
        Origin stamp = origin(line, hostStart, hostHint, recordTimestampMs);
        String host = line.substring(hostStart, marker);
        String named = ObserverName.of(host);
        Origin o = new Origin(named == null ? stamp.observer() : named, stamp.timestampMs(), null, null, line,
                stamp.timestampAdjusted());
        return HslLines.decode(line, marker, o);
    }

    /** The envelope before {@code headerEnd}: observer, time, process, pid. */
    private Origin origin(String line, int headerEnd, String hostHint, long recordTimestampMs) {
        Header header = Header.parse(line, headerEnd, zone, clock.getAsLong(), fixedYear);
        String observer = ObserverName.of(header.host);
        if (observer == null) {
            observer = ObserverName.of(hostHint);
        }
        if (observer == null) {
            String named = ObserverName.of(defaultObserver);
            observer = named != null ? named : defaultObserver;
        }
        long timestamp = chooseTimestamp(header.timestampMs, recordTimestampMs);
        boolean adjusted = timestamp != header.timestampMs;
        return new Origin(observer, timestamp, header.process, header.pid, line, adjusted);
    }

    /** Event time from the line unless absent or implausibly far in the future (a zone mistake). */
    private long chooseTimestamp(long lineTimestampMs, long recordTimestampMs) {
        long now = clock.getAsLong();
        if (lineTimestampMs >= 0 && lineTimestampMs <= now + MAX_FUTURE_MS) {
            return lineTimestampMs;
        }
        return recordTimestampMs >= 0 && recordTimestampMs <= now + MAX_FUTURE_MS ? recordTimestampMs : now;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Index of the first control character (tab allowed) or DEL in {@code s}, -1 if none. */
    public static int firstControlCharacter(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Where a message came from: the envelope's fields. */
    record Origin(String observer, long timestampMs, String process, Integer pid, String line, boolean timestampAdjusted) {}

    /** The syslog envelope before the message id. Missing parts stay null / -1. */
    private record Header(String host, long timestampMs, String process, Integer pid) {

        /** Header tokens read for their meaning: the first five (stamp, host) and the last (the tag). */
        private static final int FIRST_TOKENS = 5;

        static Header parse(String line, int end, ZoneId zone, long nowMs, int fixedYear) {
            int p = 0;
            if (end > 0 && line.charAt(0) == '<') {
                int gt = line.indexOf('>');
                if (gt > 1 && gt <= 4 && gt < end && Endpoint.parseUnsigned(line, 1, gt, 191) >= 0) {
                    p = gt + 1;
                }
            }
            // token boundaries, no substrings: start and end of the first five tokens, and of the last
            int[] bounds = new int[2 * FIRST_TOKENS];
            int count = 0;
            int lastStart = -1;
            int lastEnd = -1;
            for (int i = p; i < end; ) {
                while (i < end && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i == end) {
                    break;
                }
                int start = i;
                while (i < end && !isBlank(line.charAt(i))) {
                    i++;
                }
                if (count < FIRST_TOKENS) {
                    bounds[2 * count] = start;
                    bounds[2 * count + 1] = i;
                }
                count++;
                lastStart = start;
                lastEnd = i;
            }
            int t = 0;
            String host = null;
            long ts = -1;
            if (count >= 5 && p > 0 && bounds[1] - bounds[0] == 1 && line.charAt(bounds[0]) == '1') {
                // RFC 5424: VERSION TIMESTAMP HOST APP PROCID
                ts = SyslogTimestamps.rfc5424(line.substring(bounds[2], bounds[3]));
                host = line.substring(bounds[4], bounds[5]);
                int pid = Endpoint.parseUnsigned(line, bounds[8], bounds[9], Integer.MAX_VALUE);
                return new Header(host, ts, line.substring(bounds[6], bounds[7]), pid >= 0 ? pid : null);
            }
            if (count >= 3 && bounds[1] - bounds[0] == 3) {
                int month = SyslogTimestamps.month(line, bounds[0]);
                int day = Endpoint.parseUnsigned(line, bounds[2], bounds[3], 31);
                int time = bounds[4];
                if (month > 0 && day > 0 && bounds[5] - time == 8 && line.charAt(time + 2) == ':'
                        && line.charAt(time + 5) == ':') {
                    int hh = Endpoint.parseUnsigned(line, time, time + 2, 23);
                    int mm = Endpoint.parseUnsigned(line, time + 3, time + 5, 59);
                    int ss = Endpoint.parseUnsigned(line, time + 6, time + 8, 60);
                    if (hh >= 0 && mm >= 0 && ss >= 0) {
                        ts = SyslogTimestamps.rfc3164(month, day, hh, mm, Math.min(ss, 59), zone, nowMs, fixedYear);
                        // some relays drop the host: then the token after the time is already the tag
                        boolean hostless = count == 3 || line.charAt(bounds[7] - 1) == ':';
                        host = hostless ? null : line.substring(bounds[6], bounds[7]);
                        t = hostless ? 3 : 4;
                    }
                }
            }
            // the tag is the token right before the message id: name[pid]: or name:
            String process = null;
            Integer pid = null;
            if (count > t && line.charAt(lastEnd - 1) == ':') {
                int tagEnd = lastEnd - 1;
                int open = line.lastIndexOf('[', tagEnd);
                if (open > lastStart && line.charAt(tagEnd - 1) == ']') {
                    int parsed = Endpoint.parseUnsigned(line, open + 1, tagEnd - 1, Integer.MAX_VALUE);
                    pid = parsed >= 0 ? parsed : null;
                    tagEnd = open;
                }
                process = tagEnd > lastStart ? line.substring(lastStart, tagEnd) : null;
            }
            return new Header(host, ts, process, pid);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }

    /** The SSL message layouts of DESIGN §4. */
    static final class SslMessages {
        private static final String HANDSHAKE_FAILED = "SSL Handshake failed for ";
        private static final String CONNECTION_ERROR = "Connection error: ";
        private static final String NO_SHARED = "No shared ciphers between SSL peers ";
        private static final String ARROW = " -> ";

        private SslMessages() {}

        private static final String[] KNOWN_IDS = {"01260013", "01260009", "01260026", "01260008"};

        /** The 8-character message id at {@code at}: a shared constant for the ids of DESIGN §4. */
        static String msgid(String line, int at) {
            for (String id : KNOWN_IDS) {
                if (line.startsWith(id, at)) {
                    return id;
                }
            }
            return line.substring(at, at + 8);
        }

        static LogDecodeResult decode(String msgid, String text, Origin o) {
            return switch (msgid) {
                case "01260013" -> handshakeFailed(msgid, text, o);
                case "01260009" -> connectionError(msgid, text, o);
                case "01260026" -> noSharedCiphers(msgid, text, o);
                case "01260008" -> decoded(o, msgid, Kind.TPS_LIMIT, null, null, null, null,
                        text, null, null, ErrorClass.TPS_LIMIT);
                default -> decoded(o, msgid, Kind.OTHER_SSL, null, null, null, null, text, null, null,
                        ErrorClass.UNCLASSIFIED);
            };
        }

        /** {@code SSL Handshake failed for TCP 10.0.0.1:50365 -> 10.0.0.2:443} */
        private static LogDecodeResult handshakeFailed(String msgid, String text, Origin o) {
            if (!text.startsWith(HANDSHAKE_FAILED) || text.length() < HANDSHAKE_FAILED.length() + 4) {
                return malformed(msgid, "missing '" + HANDSHAKE_FAILED.trim() + "'");
            }
            int p = HANDSHAKE_FAILED.length();
            String transport;
            if (text.startsWith("TCP ", p)) {
                transport = "tcp";
            } else if (text.startsWith("UDP ", p)) {
                transport = "udp";
            } else {
                return malformed(msgid, "transport is neither TCP nor UDP");
            }
            Endpoint[] pair = arrowPair(text, p + 4, text.length());
            if (pair == null) {
                return malformed(msgid, "addresses not in 'src:port -> dst:port' form");
            }
            return decoded(o, msgid, Kind.HANDSHAKE_FAILED, transport, pair[0], pair[1], null, null, null, null,
                    ErrorClass.UNCLASSIFIED);
        }

        /**
         * Older: {@code Connection error: ssl_select_suite:8181: no shared ciphers (40)} (alert sent).
         * Newer: {@code 10.0.0.1:1234 -> 10.0.0.2:443: Connection error: ssl_codec_rx:2314: alert(46) received alert}.
         */
        private static LogDecodeResult connectionError(String msgid, String text, Origin o) {
            int at = text.indexOf(CONNECTION_ERROR);
            if (at < 0) {
                return malformed(msgid, "missing 'Connection error:'");
            }
            Endpoint[] pair = null;
            if (at > 0) {
                int prefixEnd = at;
                while (prefixEnd > 0 && text.charAt(prefixEnd - 1) <= ' ') {
                    prefixEnd--;
                }
                if (prefixEnd == 0 || text.charAt(prefixEnd - 1) != ':') {
                    return malformed(msgid, "text before 'Connection error:' is not an address pair");
                }
                pair = arrowPair(text, 0, prefixEnd - 1);
                if (pair == null) {
                    return malformed(msgid, "addresses not in 'src:port -> dst:port' form");
                }
            }
            String rest = text.substring(at + CONNECTION_ERROR.length());
            int funcEnd = rest.indexOf(':');
            if (funcEnd <= 0) {
                return malformed(msgid, "missing function name");
            }
            String func = rest.substring(0, funcEnd).strip();
            // then the source line number (digits, sometimes in angle brackets), which changes between builds:
            // skip it, and never key anything on it
            int lineEnd = rest.indexOf(':', funcEnd + 1);
            String reason = lineEnd >= 0 && isLineNumber(rest, funcEnd + 1, lineEnd)
                    ? rest.substring(lineEnd + 1).strip()
                    : rest.substring(funcEnd + 1).strip();
            Integer alert = null;
            Boolean received = null;
            int alertOpen = reason.indexOf("alert(");
            if (reason.endsWith(")")) {
                int open = reason.lastIndexOf(" (");
                int code = open < 0 ? -1 : Endpoint.parseUnsigned(reason, open + 2, reason.length() - 1, 255);
                if (code >= 0) {
                    alert = code;
                    received = false;
                    reason = reason.substring(0, open).strip();
                }
            }
            if (alert == null && alertOpen >= 0) {
                int close = reason.indexOf(')', alertOpen);
                int code = close < 0 ? -1 : Endpoint.parseUnsigned(reason, alertOpen + 6, close, 255);
                if (code >= 0) {
                    alert = code;
                    received = true;
                }
            }
            ErrorClass errorClass = Classifier.classify(reason, alert, received);
            // the message does not say TCP or UDP (DTLS): leave it to the 01260013 sibling
            return decoded(o, msgid, Kind.CONNECTION_ERROR, null, pair == null ? null : pair[0],
                    pair == null ? null : pair[1], func, reason, alert, received, errorClass);
        }

        /** {@code No shared ciphers between SSL peers 192.168.99.86.32962:192.168.20.230.636.} */
        private static LogDecodeResult noSharedCiphers(String msgid, String text, Origin o) {
            if (!text.startsWith(NO_SHARED)) {
                return malformed(msgid, "missing 'No shared ciphers between SSL peers'");
            }
            int from = NO_SHARED.length();
            int to = text.length(); // the text is stripped
            if (to > from && text.charAt(to - 1) == '.') {
                to--;
            }
            // the client part ends at the first ".digits:" (IPv4 octets are followed by dots, not colons)
            int split = -1;
            for (int i = text.indexOf('.', from); i >= 0 && i < to && split < 0; i = text.indexOf('.', i + 1)) {
                int j = i + 1;
                while (j < to && isDigit(text.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && j < to && text.charAt(j) == ':') {
                    split = j;
                }
            }
            Endpoint client = split < 0 ? null : Endpoint.dotPort(text, from, split);
            Endpoint server = split < 0 ? null : Endpoint.dotPort(text, split + 1, to);
            if (client == null || server == null) {
                return malformed(msgid, "peers not in 'src.port:dst.port' form");
            }
            return decoded(o, msgid, Kind.NO_SHARED_CIPHERS, null, client, server, null, "no shared ciphers",
                    null, null, ErrorClass.NO_SHARED_CIPHER);
        }

        /** {@code 8181} or {@code <8181>}, as F5 builds print the source line. */
        private static boolean isLineNumber(String s, int from, int to) {
            String n = s.substring(from, to).strip();
            if (n.length() > 2 && n.charAt(0) == '<' && n.charAt(n.length() - 1) == '>') {
                n = n.substring(1, n.length() - 1);
            }
            return Endpoint.parseUnsigned(n, 0, n.length(), Integer.MAX_VALUE) >= 0;
        }

        /** {@code src:port -> dst:port} in {@code s[from, to)}. */
        private static Endpoint[] arrowPair(String s, int from, int to) {
            int arrow = s.indexOf(ARROW, from);
            if (arrow < 0 || arrow + ARROW.length() > to) {
                return null;
            }
            Endpoint src = Endpoint.colonPort(s, from, arrow);
            Endpoint dst = Endpoint.colonPort(s, arrow + ARROW.length(), to);
            return src == null || dst == null ? null : new Endpoint[] {src, dst};
        }

        private static LogDecodeResult malformed(String msgid, String why) {
            return new LogDecodeResult.Rejected(RejectReason.MALFORMED_SSL_MESSAGE, msgid + ": " + why);
        }

        private static LogDecodeResult decoded(
                Origin o, String msgid, Kind kind, String transport, Endpoint client, Endpoint server, String func,
                String reason, Integer alert, Boolean received, ErrorClass errorClass) {
            Integer routeDomain = server != null ? server.routeDomain() : null;
            return new LogDecodeResult.Decoded(new HandshakeEvent(
                    o.observer(), o.timestampMs(), o.process(), o.pid(), msgid, kind, transport,
                    client == null ? null : client.ip(), client == null ? null : client.port(),
                    server == null ? null : server.ip(), server == null ? null : server.port(), routeDomain,
                    func, reason, alert, received, errorClass.wireName(), o.line(), HandshakeEvent.SOURCE_F5, null, null,
                    null, o.timestampAdjusted() ? Boolean.TRUE : null));
        }
    }
}
