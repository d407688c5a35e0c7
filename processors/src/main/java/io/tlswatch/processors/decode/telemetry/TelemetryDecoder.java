package io.tlswatch.processors.decode.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.CertificateSample;
import io.tlswatch.schemas.ObserverName;
import io.tlswatch.schemas.ProfileTrafficSample;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decodes one parsed Telemetry Streaming (TS) document from {@code f5.logs} that is not a {@code syslog}
 * wrapper (those carry a whole log line in {@code data} and stay with {@code LogDecoder}).
 *
 * <p><b>System poller</b> ({@code telemetryEventCategory: "systemInfo"}, or no category but both
 * {@code system} and {@code virtualServers}) becomes {@link LogDecodeResult.Telemetry}:
 *
 * <ul>
 *   <li>one {@link VirtualServer} per entry of {@code virtualServers} whose {@code destination} parses
 *       ({@link Destination}): observer = {@code system.hostname}, name = the entry's key (TS keys the map by
 *       full path; the key is what request logs call {@code virtual_name}), address with its {@code %N}
 *       route domain, partition = {@code tenant}, application, the client-ssl profiles among
 *       {@code profiles} (a profile is client-ssl when it is a key, or the {@code name}, of an entry of the
 *       document's {@code clientSslProfiles}), source {@link #SOURCE};</li>
 *   <li>one {@link VipTrafficSample} per entry with a numeric, non-negative {@code clientside.totConns},
 *       timed by {@code system.systemTimestamp} (ISO-8601 with offset), else by the record timestamp; with
 *       neither, no samples (a counter without a time cannot be differenced);</li>
 *   <li>one {@link CertificateSample} per entry of {@code sslCerts} ({@link CertificateEntries}), and whether
 *       that list is complete;</li>
 *   <li>one {@link ProfileTrafficSample} per entry of {@code clientSslProfiles} with a usable
 *       {@code handshakeFailures} ({@link ProfileCounterEntries}).</li>
 * </ul>
 *
 * <p>An entry that is not an object, or has no usable name, is skipped; the rest of the document is kept.
 * A document whose structure is broken as a whole ({@code system} or {@code virtualServers} not an object,
 * no host name) is {@link RejectReason#INVALID_JSON}, so that it reaches the dead-letter topic with its
 * bytes: a poller document is TLS inventory and attempts, and losing it silently would hide a VIP. More
 * than {@link #MAX_VIRTUAL_SERVERS} entries is {@link RejectReason#OVERSIZED}.
 *
 * <p><b>Other categories</b> are {@link LogDecodeResult.Dropped} with a label from a fixed set
 * ({@code telemetry_ltm}, {@code telemetry_asm}, ... , {@code telemetry_other}): LTM request logs carry no
 * TLS fields in their default template (client/server IP, method, URI, {@code virtual_name}).
 *
 * <p>Pure Java, no Kafka; thread-safe (no state); never throws; work per document is bounded by the
 * limits below (the parser's {@code Json.READ_LIMITS} bound the tree itself).
 */
public final class TelemetryDecoder {
    /** The inventory {@code source} of virtual servers learned here (as in virtual-server.schema.json). */
    public static final String SOURCE = "ts_system_poller";
    /** Virtual servers per poller document; a BIG-IP supports a few thousand, a large chassis ~10 000. */
    public static final int MAX_VIRTUAL_SERVERS = 50_000;
    /** Profiles examined per virtual server (a VS has a handful; the rest are ignored). */
    public static final int MAX_PROFILES_PER_VIRTUAL_SERVER = 256;
    /** Entries of {@code clientSslProfiles} examined per document. */
    public static final int MAX_CLIENT_SSL_PROFILES = 50_000;
    /** Longest object path kept (TMOS object names are far shorter); longer names are not names. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** Longest host name: RFC 1035 §2.3.4, 255 octets. */
    public static final int MAX_HOSTNAME_LENGTH = 255;
    /** Longest {@code systemTimestamp} text parsed. */
    static final int MAX_TIMESTAMP_LENGTH = 64;

    /** Drop labels: a small fixed set, safe as metric label values. */
    public static final String DROPPED_LTM = "telemetry_ltm";
    public static final String DROPPED_OTHER = "telemetry_other";

    static final String CATEGORY = "telemetryEventCategory";
    static final String SYSTEM_INFO = "systemInfo";
    private static final String TOT_CONNS = "clientside.totConns";
    /** Largest double that still holds every integer exactly (2^53): JavaScript's safe integer limit. */
    private static final double MAX_EXACT_DOUBLE = 9_007_199_254_740_992d;

    /** TS event categories (EVENT_TYPES of f5-telemetry-streaming) and their drop labels. */
    private static final Map<String, String> DROP_LABELS = Map.of(
            "ltm", DROPPED_LTM,
            "asm", "telemetry_asm",
            "apm", "telemetry_apm",
            "afm", "telemetry_afm",
            "avr", "telemetry_avr",
            "cgnat", "telemetry_cgnat",
            "syslog", "telemetry_syslog",
            "event", "telemetry_event",
            "raw", "telemetry_raw",
            "ihealthinfo", "telemetry_ihealth");

    /** Every label {@link #decode} can drop with. */
    public static Set<String> dropLabels() {
        Set<String> all = new HashSet<>(DROP_LABELS.values());
        all.add(DROPPED_OTHER);
        return Set.copyOf(all);
    }

    /**
     * Decodes one TS document.
     *
     * @param root              the parsed document (parse with {@code io.tlswatch.schemas.Json.MAPPER})
     * @param recordTimestampMs the Kafka record's timestamp, used when the poller gives no time; negative
     *                          when unknown
     */
    public LogDecodeResult decode(JsonNode root, long recordTimestampMs) {
        return decode(root, recordTimestampMs, Long.MAX_VALUE - LogDecoder.MAX_FUTURE_MS);
    }

    /**
     * Like {@link #decode(JsonNode, long)}, with the processing clock: a {@code systemTimestamp} more than
     * {@link LogDecoder#MAX_FUTURE_MS} ahead of {@code nowMs} is a clock that lies (the broker would refuse the
     * alerts stamped from it), and the record time stands in for it, as for syslog lines.
     */
    public LogDecodeResult decode(JsonNode root, long recordTimestampMs, long nowMs) {
        if (root == null || !root.isObject()) {
            return new LogDecodeResult.Rejected(RejectReason.INVALID_JSON, "not a JSON object");
        }
        JsonNode category = root.get(CATEGORY);
        if (category != null && category.isTextual()) {
            if (SYSTEM_INFO.equals(category.textValue())) {
                return decodePoller(root, recordTimestampMs, nowMs);
            }
            return new LogDecodeResult.Dropped(dropLabel(category.textValue()));
        }
        if (root.has("system") && root.has("virtualServers")) {
            return decodePoller(root, recordTimestampMs, nowMs);
        }
        return new LogDecodeResult.Dropped(DROPPED_OTHER);
    }

    /** The drop label of a TS category; unknown categories share {@link #DROPPED_OTHER}. */
    static String dropLabel(String category) {
        if (category.length() > 16) {
            return DROPPED_OTHER;
        }
        return DROP_LABELS.getOrDefault(category.toLowerCase(Locale.ROOT), DROPPED_OTHER);
    }

    private LogDecodeResult decodePoller(JsonNode root, long recordTimestampMs, long nowMs) {
        JsonNode system = root.get("system");
        if (system == null || !system.isObject()) {
            return invalid("systemInfo without a system object");
        }
        String observer = ObserverName.of(hostname(system.get("hostname")));
        if (observer == null) {
            return invalid("systemInfo without a usable system.hostname");
        }
        JsonNode virtualServers = root.get("virtualServers");
        if (virtualServers != null && !virtualServers.isNull() && !virtualServers.isObject()) {
            return invalid("virtualServers is not an object");
        }
        if (virtualServers != null && virtualServers.size() > MAX_VIRTUAL_SERVERS) {
            return new LogDecodeResult.Rejected(RejectReason.OVERSIZED,
                    "virtualServers has " + virtualServers.size() + " entries > limit " + MAX_VIRTUAL_SERVERS);
        }
        long timestampMs = timestamp(system.get("systemTimestamp"), recordTimestampMs, nowMs);
        CertificateEntries.Listed certificates = CertificateEntries.read(root, observer, timestampMs);
        List<ProfileTrafficSample> profiles =
                ProfileCounterEntries.read(root.get("clientSslProfiles"), observer, timestampMs);
        if (virtualServers == null || virtualServers.isNull()) {
            return new LogDecodeResult.Telemetry(List.of(), List.of(), certificates.certificates(),
                    certificates.end(), profiles);
        }
        Set<String> clientSsl = clientSslProfileNames(root.get("clientSslProfiles"));

        List<VirtualServer> servers = new ArrayList<>();
        List<VipTrafficSample> samples = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = virtualServers.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode vs = entry.getValue();
            if (!vs.isObject()) {
                continue;
            }
            String name = name(entry.getKey());
            if (name == null) {
                name = name(text(vs.get("name")));
            }
            if (name == null) {
                continue;
            }
            Destination destination = Destination.parse(text(vs.get("destination"))).orElse(null);
            if (destination != null) {
                servers.add(new VirtualServer(observer, name, destination.addressWithRouteDomain(),
                        destination.port(), label(vs.get("tenant")), label(vs.get("application")), null, null,
                        clientSslProfiles(vs.get("profiles"), clientSsl), SOURCE));
            }
            long total = counter(totConns(vs));
            if (total >= 0 && timestampMs >= 0) {
                samples.add(new VipTrafficSample(observer, name,
                        destination == null ? null : destination.address(),
                        destination == null ? null : destination.port(),
                        destination == null ? null : destination.routeDomain(),
                        timestampMs, total));
            }
        }
        return new LogDecodeResult.Telemetry(List.copyOf(servers), List.copyOf(samples), certificates.certificates(),
                certificates.end(), profiles);
    }

    private static LogDecodeResult invalid(String detail) {
        return new LogDecodeResult.Rejected(RejectReason.INVALID_JSON, detail);
    }

    /** {@code system.hostname}: text without control characters or spaces, 1..255 characters. */
    static String hostname(JsonNode node) {
        String s = text(node);
        if (s == null) {
            return null;
        }
        s = s.strip();
        if (s.isEmpty() || s.length() > MAX_HOSTNAME_LENGTH) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                return null;
            }
        }
        return s;
    }

    /** An object path: non-blank, at most {@link #MAX_NAME_LENGTH}, no control characters. */
    static String name(String s) {
        if (s == null || s.isBlank() || s.length() > MAX_NAME_LENGTH) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return null;
            }
        }
        return s;
    }

    /** A tenant or application: like a name, and blank ("" for /Common objects) means none. */
    private static String label(JsonNode node) {
        return name(text(node));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** The names (keys and {@code name} fields) of the document's client-ssl profiles. */
    private static Set<String> clientSslProfileNames(JsonNode profiles) {
        if (profiles == null || !profiles.isObject()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        int seen = 0;
        Iterator<Map.Entry<String, JsonNode>> it = profiles.properties().iterator();
        while (it.hasNext() && seen++ < MAX_CLIENT_SSL_PROFILES) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = name(e.getKey());
            if (key != null) {
                names.add(key);
            }
            String inner = name(text(e.getValue().get("name")));
            if (inner != null) {
                names.add(inner);
            }
        }
        return names;
    }

    /** The virtual server's profiles that are client-ssl profiles, in document order, each once. */
    private static List<String> clientSslProfiles(JsonNode profiles, Set<String> clientSsl) {
        if (clientSsl.isEmpty() || profiles == null || !profiles.isObject()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        int seen = 0;
        Iterator<Map.Entry<String, JsonNode>> it = profiles.properties().iterator();
        while (it.hasNext() && seen++ < MAX_PROFILES_PER_VIRTUAL_SERVER) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = name(e.getKey());
            String inner = name(text(e.getValue().get("name")));
            if (key != null && clientSsl.contains(key)) {
                out.add(key);
            } else if (inner != null && clientSsl.contains(inner)) {
                out.add(inner);
            }
        }
        return List.copyOf(out);
    }

    /** {@code "clientside.totConns"} (TS flattens the stats keys), or a nested {@code clientside.totConns}. */
    private static JsonNode totConns(JsonNode vs) {
        JsonNode flat = vs.get(TOT_CONNS);
        if (flat != null) {
            return flat;
        }
        JsonNode clientside = vs.get("clientside");
        return clientside != null && clientside.isObject() ? clientside.get("totConns") : null;
    }

    /**
     * A counter value: a JSON integer in 0..Long.MAX_VALUE, or a floating-point number holding an exact
     * integer (JavaScript writes every number as a double); -1 for anything else (text, negative, fraction,
     * NaN, too large).
     */
    static long counter(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return -1;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                return -1;
            }
            long v = node.longValue();
            return v >= 0 ? v : -1;
        }
        double d = node.doubleValue();
        if (Double.isNaN(d) || d < 0 || d > MAX_EXACT_DOUBLE || d != Math.rint(d)) {
            return -1;
        }
        return (long) d;
    }

    /**
     * {@code system.systemTimestamp} as epoch ms when it is ISO-8601 with an offset and not more than
     * {@link LogDecoder#MAX_FUTURE_MS} ahead of {@code nowMs}, else the record time.
     */
    static long timestamp(JsonNode node, long recordTimestampMs, long nowMs) {
        long fallback = recordTimestampMs >= 0 ? recordTimestampMs : -1;
        String s = text(node);
        if (s == null || s.isEmpty() || s.length() > MAX_TIMESTAMP_LENGTH) {
            return fallback;
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return fallback;
        }
        int year = t.getYear();
        if (year < 1970 || year > 9999) {
            return fallback; // also keeps toEpochMilli() away from overflow
        }
        long ms = t.toInstant().toEpochMilli();
        if (ms > nowMs + LogDecoder.MAX_FUTURE_MS) {
            return fallback;
        }
        return ms >= 0 ? ms : fallback;
    }
}
