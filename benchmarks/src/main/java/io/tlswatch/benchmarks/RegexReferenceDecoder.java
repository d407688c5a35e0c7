package io.tlswatch.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline of {@link LogDecoderBenchmark}: a decoder for the F5 lines of DESIGN §4 written the way
 * grok / Logstash pipelines parse them, with {@link java.util.regex} patterns compiled once.
 *
 * <ol>
 *   <li>bytes to a {@code String} (UTF-8, malformed bytes replaced);</li>
 *   <li>a Telemetry-Streaming JSON document: a regex on the {@code "data"} and {@code "hostname"} fields,
 *       then JSON string unescaping (no JSON parser, as grok users do);</li>
 *   <li>one envelope pattern on every line (RFC 3164: optional {@code <PRI>}, optional timestamp + host,
 *       optional severity word, {@code process[pid]: }), like {@code %{SYSLOGBASE}}; when it fails, the
 *       line is taken as already header-stripped;</li>
 *   <li>the message id pattern ({@code 8 hex digits:level:}) at the start of the message
 *       ({@code lookingAt}, so the text is not scanned twice); anything but {@code 0126xxxx} is dropped;</li>
 *   <li>for SSL lines: the timestamp (java.time, year inferred from the clock), then one pattern per
 *       message id (01260013, 01260009 both layouts, 01260026, 01260008, other 0126xxxx), then an address
 *       pattern on each endpoint (IPv4, IPv6, brackets, route domain).</li>
 * </ol>
 *
 * It recognises the same lines as {@code io.tlswatch.processors.decode.LogDecoder} on {@link LogMix} (a
 * test checks it) and extracts comparable fields, except the error classification, which it leaves out: that
 * only makes the baseline faster, so the measured ratio is conservative. Not for production use.
 */
public final class RegexReferenceDecoder {

    /** What one line became. */
    public enum Outcome { DECODED, DROPPED, REJECTED }

    /**
     * The decoder's answer. For dropped and rejected lines only {@code outcome} and {@code msgid} (when
     * known) are set; ports are -1 and alert is -1 when absent.
     */
    public record Result(Outcome outcome, String msgid, String host, long timestampMs, String process,
                         String pid, String transport, String clientIp, int clientPort, String serverIp,
                         int serverPort, String routeDomain, String function, String reason, int alert,
                         boolean alertReceived, String line) {

        static Result dropped(String msgid) {
            return new Result(Outcome.DROPPED, msgid, null, -1, null, null, null, null, -1, null, -1, null,
                    null, null, -1, false, null);
        }

        static Result rejected(String msgid) {
            return new Result(Outcome.REJECTED, msgid, null, -1, null, null, null, null, -1, null, -1, null,
                    null, null, -1, false, null);
        }
    }

    // --- envelope (grok %{SYSLOGBASE} with F5's optional parts) ---------------------------------------
    private static final Pattern ENVELOPE = Pattern.compile(
            "^(?:<(?<pri>\\d{1,3})>)?"
                    + "(?:(?<month>[A-Z][a-z]{2}) +(?<day>\\d{1,2}) (?<time>\\d{2}:\\d{2}:\\d{2}) (?:(?<host>\\S+) )?)?"
                    + "(?:(?<severity>emerg|alert|crit|err|warning|notice|info|debug) )?"
                    + "(?<process>[^\\s\\[\\]:]+)(?:\\[(?<pid>\\d+)\\])?: +(?<message>.*)$");
    private static final Pattern MSGID = Pattern.compile(
            "(?<msgid>[0-9A-Fa-f]{8}):(?<level>[0-9]):");

    // --- Telemetry Streaming ---------------------------------------------------------------------------
    private static final Pattern TS_DATA = Pattern.compile("\"data\"\\s*:\\s*\"(?<data>(?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TS_HOSTNAME = Pattern.compile("\"hostname\"\\s*:\\s*\"(?<host>(?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\(?:u(?<hex>[0-9A-Fa-f]{4})|(?<c>[\"\\\\/bfnrt]))");

    // --- SSL messages (DESIGN §4) ----------------------------------------------------------------------
    private static final Pattern HANDSHAKE_FAILED = Pattern.compile(
            "^SSL Handshake failed for (?<transport>TCP|UDP) (?<src>\\S+) -> (?<dst>\\S+)$");
    private static final Pattern CONNECTION_ERROR = Pattern.compile(
            "^(?:(?<src>\\S+) -> (?<dst>\\S+): )?Connection error: (?<function>[^:]+):"
                    + "(?:\\s*<?\\d+>?\\s*:)?\\s*(?<reason>.*?)(?: \\((?<sent>\\d{1,3})\\))?$");
    private static final Pattern ALERT_RECEIVED = Pattern.compile("alert\\((?<code>\\d{1,3})\\)");
    private static final Pattern NO_SHARED_CIPHERS = Pattern.compile(
            "^No shared ciphers between SSL peers (?<src>\\S+?)\\.(?<sport>\\d+):(?<dst>\\S+?)\\.(?<dport>\\d+)\\.?$");

    // --- addresses: grok's IPV4 (octets 0..255) and a compact IPv6, optional brackets and route domain --
    private static final String IPV4 = "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String IPV6 = "(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|" + IPV4 + ")?";
    private static final Pattern ADDRESS = Pattern.compile(
            "^\\[?(?<ip>" + IPV4 + "|" + IPV6 + ")(?:%(?<rd>\\d{1,5}))?\\]?$");
    private static final Pattern COLON_ENDPOINT = Pattern.compile("^(?<addr>\\S+):(?<port>\\d{1,5})$");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("Jan", 1), Map.entry("Feb", 2),
            Map.entry("Mar", 3), Map.entry("Apr", 4), Map.entry("May", 5), Map.entry("Jun", 6), Map.entry("Jul", 7),
            Map.entry("Aug", 8), Map.entry("Sep", 9), Map.entry("Oct", 10), Map.entry("Nov", 11),
            Map.entry("Dec", 12));

    private final ZoneId zone;
    private final long nowMs;
    private final int currentYear;

    /**
     * @param zone  zone of RFC 3164 stamps
     * @param nowMs the processing clock, used to infer the year of RFC 3164 stamps
     */
    public RegexReferenceDecoder(ZoneId zone, long nowMs) {
        this.zone = zone;
        this.nowMs = nowMs;
        this.currentYear = LocalDateTime.ofEpochSecond(Math.floorDiv(nowMs, 1000L), 0, ZoneOffset.UTC).getYear();
    }

    /** Decodes one record. */
    public Result decode(byte[] value) {
        if (value == null || value.length == 0) {
            return Result.rejected(null);
        }
        String text = new String(value, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return Result.rejected(null);
        }
        if (text.charAt(0) == '{') {
            Matcher data = TS_DATA.matcher(text);
            if (!data.find()) {
                return Result.dropped(null);
            }
            Matcher hostname = TS_HOSTNAME.matcher(text);
            String host = hostname.find() ? unescape(hostname.group("host")) : null;
            return decodeLine(unescape(data.group("data")).strip(), host);
        }
        return decodeLine(text, null);
    }

    private Result decodeLine(String line, String hostHint) {
        Matcher envelope = ENVELOPE.matcher(line);
        boolean hasEnvelope = envelope.matches();
        String message = hasEnvelope ? envelope.group("message") : line;
        Matcher id = MSGID.matcher(message);
        if (!id.lookingAt()) {
            return Result.dropped(null);
        }
        String msgid = id.group("msgid");
        if (!msgid.startsWith("0126")) {
            return Result.dropped(msgid);
        }
        String host = hostHint;
        long timestamp = -1;
        String process = null;
        String pid = null;
        if (hasEnvelope) {
            if (envelope.group("host") != null) {
                host = envelope.group("host");
            }
            if (envelope.group("month") != null) {
                timestamp = timestamp(envelope.group("month"), envelope.group("day"), envelope.group("time"));
            }
            process = envelope.group("process");
            pid = envelope.group("pid");
        }
        Header h = new Header(msgid, host, timestamp, process, pid, line);
        String text = message.substring(id.end()).strip();
        return switch (msgid) {
            case "01260013" -> handshakeFailed(h, text);
            case "01260009" -> connectionError(h, text);
            case "01260026" -> noSharedCiphers(h, text);
            default -> decoded(h, null, null, null, null, null, text, -1, false);
        };
    }

    private static Result handshakeFailed(Header h, String text) {
        Matcher m = HANDSHAKE_FAILED.matcher(text);
        if (!m.matches()) {
            return Result.rejected(h.msgid);
        }
        Endpoint src = colonEndpoint(m.group("src"));
        Endpoint dst = colonEndpoint(m.group("dst"));
        if (src == null || dst == null) {
            return Result.rejected(h.msgid);
        }
        return decoded(h, m.group("transport").equals("UDP") ? "udp" : "tcp", src, dst, null, null, null, -1, false);
    }

    private static Result connectionError(Header h, String text) {
        Matcher m = CONNECTION_ERROR.matcher(text);
        if (!m.matches()) {
            return Result.rejected(h.msgid);
        }
        Endpoint src = null;
        Endpoint dst = null;
        if (m.group("src") != null) {
            src = colonEndpoint(m.group("src"));
            dst = colonEndpoint(m.group("dst"));
            if (src == null || dst == null) {
                return Result.rejected(h.msgid);
            }
        }
        String reason = m.group("reason");
        int alert = -1;
        boolean received = false;
        if (m.group("sent") != null && Integer.parseInt(m.group("sent")) <= 255) {
            alert = Integer.parseInt(m.group("sent"));
        } else {
            if (m.group("sent") != null) {
                reason = reason + " (" + m.group("sent") + ")";
            }
            Matcher r = ALERT_RECEIVED.matcher(reason);
            if (r.find() && Integer.parseInt(r.group("code")) <= 255) {
                alert = Integer.parseInt(r.group("code"));
                received = true;
            }
        }
        return decoded(h, null, src, dst, m.group("function").strip(), null, reason, alert, received);
    }

    private static Result noSharedCiphers(Header h, String text) {
        Matcher m = NO_SHARED_CIPHERS.matcher(text);
        if (!m.matches()) {
            return Result.rejected(h.msgid);
        }
        Endpoint src = endpoint(m.group("src"), m.group("sport"));
        Endpoint dst = endpoint(m.group("dst"), m.group("dport"));
        if (src == null || dst == null) {
            return Result.rejected(h.msgid);
        }
        return decoded(h, null, src, dst, null, "no shared ciphers", null, -1, false);
    }

    private static Endpoint colonEndpoint(String s) {
        Matcher m = COLON_ENDPOINT.matcher(s);
        return m.matches() ? endpoint(m.group("addr"), m.group("port")) : null;
    }

    private static Endpoint endpoint(String address, String port) {
        Matcher a = ADDRESS.matcher(address);
        if (!a.matches()) {
            return null;
        }
        int p = Integer.parseInt(port);
        return p <= 65_535 ? new Endpoint(a.group("ip"), p, a.group("rd")) : null;
    }

    private static Result decoded(Header h, String transport, Endpoint src, Endpoint dst, String function,
                                  String fixedReason, String reason, int alert, boolean received) {
        return new Result(Outcome.DECODED, h.msgid, h.host, h.timestampMs, h.process, h.pid, transport,
                src == null ? null : src.ip, src == null ? -1 : src.port,
                dst == null ? null : dst.ip, dst == null ? -1 : dst.port, dst == null ? null : dst.routeDomain,
                function, fixedReason != null ? fixedReason : reason, alert, received, h.line);
    }

    /** RFC 3164 stamp to epoch ms: the year closest to the clock (across a Dec to Jan boundary). */
    private long timestamp(String month, String day, String time) {
        Integer m = MONTHS.get(month);
        if (m == null) {
            return -1;
        }
        int d = Integer.parseInt(day);
        int hh = Integer.parseInt(time.substring(0, 2));
        int mm = Integer.parseInt(time.substring(3, 5));
        int ss = Math.min(59, Integer.parseInt(time.substring(6, 8)));
        if (d < 1 || d > 31 || hh > 23 || mm > 59) {
            return -1;
        }
        long best = -1;
        for (int y = currentYear - 1; y <= currentYear + 1; y++) {
            try {
                long t = LocalDateTime.of(y, m, d, hh, mm, ss).atZone(zone).toInstant().toEpochMilli();
                if (best < 0 || Math.abs(t - nowMs) < Math.abs(best - nowMs)) {
                    best = t;
                }
            } catch (DateTimeException e) {
                // Feb 29 of a non-leap year, day 31 of a short month: try the other years
            }
        }
        return best;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        Matcher m = JSON_ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String replacement;
            if (m.group("hex") != null) {
                replacement = String.valueOf((char) Integer.parseInt(m.group("hex"), 16));
            } else {
                replacement = switch (m.group("c").charAt(0)) {
                    case 'b' -> "\b";
                    case 'f' -> "\f";
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case 't' -> "\t";
                    default -> m.group("c");
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private record Header(String msgid, String host, long timestampMs, String process, String pid, String line) {}

    private record Endpoint(String ip, int port, String routeDomain) {}
}
