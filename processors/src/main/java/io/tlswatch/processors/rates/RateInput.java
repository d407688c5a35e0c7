package io.tlswatch.processors.rates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.ServerCertificate;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.WireFacts;
import java.util.List;

/**
 * What the rates of one VIP are made of (DESIGN §9), keyed {@code observer/vip}: a failed handshake with its
 * evidence, a handshake that counts as an attempt (seen in packets, or a success event), or the attempts the
 * system poller counted between two readings. Small on purpose: every handshake of a VIP crosses a repartition.
 *
 * @param kind          {@code failure}, {@code attempt} or {@code poller}
 * @param timeMs        the record time (when the lines entered Kafka; ADR 1)
 * @param source        for an attempt: {@code packets} or {@code events}; for a failure seen in packets,
 *                      {@code packets}
 * @param scanner       why the client was tagged a scanner; null when it was not
 * @param line          the first raw F5 line of a failure, for evidence
 * @param fromMs        poller: the earlier reading
 * @param count         poller: connections between the readings
 * @param certificate   a {@code cert_*} failure: the server's leaf certificate in one line
 *                      ({@link ServerCertificate#summary()}), when the packets showed it; else null
 * @param offeredCiphers a {@code no_shared_cipher} failure: the client's cipher suites, comma-separated (at most
 *                      {@link Evidence#MAX_CIPHER_LIST_CHARS}), when its ClientHello was seen; else null
 * @param proxy         seen by a forward proxy (a Netskope export), not by a BIG-IP: the VIP is a server the
 *                      proxy talked to, and the alert's hint must not speak of BIG-IP profiles
 */
public record RateInput(
        String kind,
        long timeMs,
        String observer,
        String vip,
        String source,
        String errorClass,
        String scanner,
        String sni,
        String clientIp,
        String ja4,
        List<String> offeredVersions,
        String line,
        long fromMs,
        long count,
        String certificate,
        String offeredCiphers,
        // false on nearly every record of the busiest repartition topic: left out, read back as false
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean proxy) {

    /** An input seen by a BIG-IP (or a capture next to one). */
    public RateInput(String kind, long timeMs, String observer, String vip, String source, String errorClass,
            String scanner, String sni, String clientIp, String ja4, List<String> offeredVersions, String line,
            long fromMs, long count, String certificate, String offeredCiphers) {
        this(kind, timeMs, observer, vip, source, errorClass, scanner, sni, clientIp, ja4, offeredVersions, line,
                fromMs, count, certificate, offeredCiphers, false);
    }

    /** An input without certificate or cipher evidence. */
    public RateInput(String kind, long timeMs, String observer, String vip, String source, String errorClass,
            String scanner, String sni, String clientIp, String ja4, List<String> offeredVersions, String line,
            long fromMs, long count) {
        this(kind, timeMs, observer, vip, source, errorClass, scanner, sni, clientIp, ja4, offeredVersions, line,
                fromMs, count, null, null);
    }

    /** An input without cipher evidence. */
    public RateInput(String kind, long timeMs, String observer, String vip, String source, String errorClass,
            String scanner, String sni, String clientIp, String ja4, List<String> offeredVersions, String line,
            long fromMs, long count, String certificate) {
        this(kind, timeMs, observer, vip, source, errorClass, scanner, sni, clientIp, ja4, offeredVersions, line,
                fromMs, count, certificate, null);
    }

    public static final String FAILURE = "failure";
    public static final String ATTEMPT = "attempt";
    public static final String POLLER = "poller";
    public static final String PACKETS = "packets";
    public static final String EVENTS = "events";
    /**
     * Poller intervals the rates believe: a reading seconds after another (a second poller) says little about
     * the rate; one after a day's gap says nothing about now; a count beyond a billion per interval is no VIP's.
     */
    static final long MIN_POLL_INTERVAL_MS = 10_000;
    static final long MAX_POLL_INTERVAL_MS = 3_600_000;
    static final long MAX_POLL_COUNT = 1_000_000_000L;

    /**
     * The rate input of one joined outcome, or null when it counts for nothing: an {@code unknown} outcome (a
     * client that never spoke, a capture's edge) is neither an attempt nor a failure, and a success seen only in
     * logs without packets is an attempt from events.
     */
    public static RateInput of(HandshakeOutcome o, long recordTimeMs) {
        WireFacts w = o.wire();
        boolean packets = w != null && w.packets();
        String source = packets ? PACKETS : EVENTS;
        if ("success".equals(o.outcome())) {
            return new RateInput(ATTEMPT, recordTimeMs, o.observer(), o.vip(), source, null, null, null, null, null,
                    null, null, 0, 0, null, null, o.isNetskope());
        }
        if (!"failure".equals(o.outcome())) {
            return null;
        }
        List<String> lines = o.lines();
        String errorClass = o.errorClass() == null ? "unclassified" : o.errorClass();
        // the certificate is the evidence of cert_* classes only: other failures do not carry it across
        String certificate = errorClass.startsWith("cert_") && w != null && w.certificate() != null
                ? w.certificate().summary() : null;
        // likewise the clients' cipher suites, for no_shared_cipher only (the opt-in probe offers them to the VIP)
        String ciphers = "no_shared_cipher".equals(errorClass) && w != null ? cipherList(w.offeredCiphers()) : null;
        return new RateInput(FAILURE, recordTimeMs, o.observer(), o.vip(), packets ? PACKETS : null,
                errorClass, o.scanner(),
                w == null ? null : w.sni(), o.clientIp(), w == null ? null : w.ja4(),
                w == null ? null : w.offeredVersions(), lines == null || lines.isEmpty() ? null : lines.get(0),
                0, 0, certificate, ciphers, o.isNetskope());
    }

    /** The suites comma-separated, whole names only, within {@link Evidence#MAX_CIPHER_LIST_CHARS}; null for none. */
    static String cipherList(List<String> suites) {
        if (suites == null || suites.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String suite : suites) {
            if (suite == null || suite.isEmpty() || suite.indexOf(',') >= 0) {
                continue;
            }
            if (b.length() + 1 + suite.length() > Evidence.MAX_CIPHER_LIST_CHARS) {
                break;
            }
            b.append(b.length() > 0 ? "," : "").append(suite);
        }
        return b.length() == 0 ? null : b.toString();
    }

    /**
     * The poller's count for one VIP, or null when it makes no denominator: the poller gave no address to name the
     * VIP by, or the counter was reset in between (the count is then only a lower bound, and a ratio over it would
     * page for nothing; the previous reading's rate stands in until the next one).
     */
    public static RateInput of(VipAttempts a) {
        long interval = a.toMs() - a.fromMs();
        if (a.address() == null || a.port() == null || a.counterReset() || interval < MIN_POLL_INTERVAL_MS
                || interval > MAX_POLL_INTERVAL_MS || a.attempts() < 0 || a.attempts() > MAX_POLL_COUNT) {
            return null;
        }
        return new RateInput(POLLER, a.toMs(), a.observer(), HostPort.of(a.address(), a.routeDomain(), a.port()),
                null, null, null, null, null, null, null, null, a.fromMs(), a.attempts());
    }

    /**
     * This input at its record's time: a handshake counts when its lines entered Kafka (ADR 1), and so does the
     * poller's count, whose interval is moved to end there: the BIG-IP's own clock (a reading's
     * {@code systemTimestamp}) may be minutes off, and must not move a VIP's windows away from its failures.
     */
    public RateInput at(long recordTimeMs) {
        if (recordTimeMs == timeMs) {
            return this;
        }
        long from = POLLER.equals(kind) ? recordTimeMs - (timeMs - fromMs) : fromMs;
        return new RateInput(kind, recordTimeMs, observer, vip, source, errorClass, scanner, sni, clientIp, ja4,
                offeredVersions, line, from, count, certificate, offeredCiphers, proxy);
    }

    /** This input with the scanner verdict of an analysis' own, time-ordered tagging. */
    public RateInput withScanner(String why) {
        return new RateInput(kind, timeMs, observer, vip, source, errorClass, why, sni, clientIp, ja4, offeredVersions,
                line, fromMs, count, certificate, offeredCiphers, proxy);
    }

    /** {@code observer/vip}: the partitioning key of the rates stage. */
    public String key() {
        return observer + "/" + vip;
    }

    @JsonIgnore
    public boolean isFailure() {
        return FAILURE.equals(kind);
    }
}
