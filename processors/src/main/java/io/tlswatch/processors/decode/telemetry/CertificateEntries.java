package io.tlswatch.processors.decode.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.schemas.CertificateSample;
import io.tlswatch.schemas.Decimals;
import io.tlswatch.schemas.ObserverSignal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The certificates of one system-poller document: {@code sslCerts} (early TS releases: {@code tlsCerts}), a map
 * keyed by the certificate object's name whose entries TS copies from {@code /mgmt/tm/sys/file/ssl-cert}:
 *
 * <pre>
 * "default.crt": {
 *     "email": "root@localhost.localdomain",
 *     "expirationDate": 1859497229,                     // epoch SECONDS
 *     "expirationString": "Dec  3 23:00:29 2028 GMT",   // OpenSSL's ASN1_TIME_print: day space-padded
 *     "issuer": "emailAddress=root@localhost.localdomain,CN=localhost.localdomain,...",
 *     "subject": "emailAddress=root@localhost.localdomain,CN=localhost.localdomain,...",
 *     "name": "default.crt"
 * }
 * </pre>
 *
 * The example output shipped with TS 1.39 ({@code ../shared/data/f5/ts-system-poller-output.json}) has
 * {@code "expirationDate": 0} and an ISO-8601 {@code expirationString}: both forms are read. A positive,
 * plausible {@code expirationDate} wins (a number needs no parsing); else the string. A certificate with
 * neither usable is still listed, with no not-after: it exists, so it has not been removed.
 *
 * <p>Stateless; never throws; bounded by {@link #MAX_CERTIFICATES} and the text limits below.
 */
final class CertificateEntries {
    /** Entries examined per document. A BIG-IP holds hundreds (CA bundles, one per VIP and SNI name). */
    static final int MAX_CERTIFICATES = 50_000;
    /** Longest subject or issuer kept: RFC 5280's upper bounds add up to far less. Longer ones are dropped. */
    static final int MAX_DN_LENGTH = 4096;
    /** Longest {@code expirationString} parsed ({@code "Dec  3 23:00:29 2028 GMT"} is 24 characters). */
    static final int MAX_DATE_TEXT = 64;
    /** 9999-12-31T23:59:59Z: RFC 5280 §4.1.2.5's "no well-defined expiration date"; later is not a date. */
    static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /**
     * What one document says about certificates.
     *
     * @param end the end of a complete list ({@link ObserverSignal#certificatesPolled}), null when incomplete
     */
    record Listed(List<CertificateSample> certificates, ObserverSignal end) {
        static final Listed NONE = new Listed(List.of(), null);
    }

    private CertificateEntries() {}

    /**
     * @param root        the poller document
     * @param observer    its {@code system.hostname}
     * @param timestampMs the poll time; negative when unknown (then nothing: time left needs a "now")
     * @return the certificates, and the end-of-list signal when the list is complete (the document has a
     *         certificate map and every entry was examined): only a complete list may tell that a certificate
     *         was removed
     */
    static Listed read(JsonNode root, String observer, long timestampMs) {
        JsonNode certs = root.get("sslCerts");
        if (certs == null) {
            certs = root.get("tlsCerts");
        }
        // absent (TS told not to collect it) or not a map: nothing is known, nothing is removed
        if (certs == null || !certs.isObject() || timestampMs < 0) {
            return Listed.NONE;
        }
        List<CertificateSample> out = new ArrayList<>();
        int seen = 0;
        Iterator<Map.Entry<String, JsonNode>> it = certs.properties().iterator();
        while (it.hasNext()) {
            if (seen++ >= MAX_CERTIFICATES) {
                return new Listed(List.copyOf(out), null);
            }
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode cert = e.getValue();
            if (!cert.isObject()) {
                continue;
            }
            String name = TelemetryDecoder.name(e.getKey());
            if (name == null) {
                name = TelemetryDecoder.name(text(cert.get("name")));
            }
            if (name == null) {
                continue;
            }
            out.add(new CertificateSample(observer, name, distinguishedName(cert.get("subject")),
                    distinguishedName(cert.get("issuer")), notAfterMs(cert), timestampMs));
        }
        return new Listed(List.copyOf(out), ObserverSignal.certificatesPolled(observer, timestampMs, out.size()));
    }

    /** {@code expirationDate} when plausible, else {@code expirationString}; null when neither. */
    static Long notAfterMs(JsonNode cert) {
        long seconds = TelemetryDecoder.counter(cert.get("expirationDate"));
        // 0 is the example output's placeholder, not 1 January 1970
        if (seconds > 0 && seconds <= MAX_EPOCH_SECONDS) {
            return seconds * 1000;
        }
        long parsed = parseDate(text(cert.get("expirationString")));
        return parsed >= 0 ? parsed : null;
    }

    /** An OpenSSL date ({@code "Jan  2 03:04:05 2027 GMT"}) or ISO-8601 with offset, as epoch ms; -1 if neither. */
    static long parseDate(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_DATE_TEXT) {
            return -1;
        }
        String t = s.strip();
        if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
            return iso(t);
        }
        return openSsl(t);
    }

    private static long iso(String s) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return epochMs(t.getYear(), t);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /**
     * {@code MMM DD HH:MM:SS[.fff] YYYY GMT} as OpenSSL prints an ASN.1 time: English month, day padded with a
     * space (any run of spaces is accepted), UTC only — a time without {@code GMT} is local to a machine we
     * do not know.
     */
    private static long openSsl(String s) {
        String[] f = s.split(" +", 6);
        if (f.length != 5 || !(f[4].equals("GMT") || f[4].equals("UTC"))) {
            return -1;
        }
        int month = MONTHS.indexOf(f[0].toLowerCase(Locale.ROOT)) + 1;
        int day = digits(f[1], 1, 2);
        int year = digits(f[3], 4, 4);
        String[] hms = f[2].split(":", 4);
        if (month == 0 || day < 0 || year < 0 || hms.length != 3) {
            return -1;
        }
        int hour = digits(hms[0], 2, 2);
        int minute = digits(hms[1], 2, 2);
        String sec = hms[2];
        int dot = sec.indexOf('.');
        if (dot >= 0 && digits(sec.substring(dot + 1), 1, 9) < 0) {
            return -1;
        }
        int second = digits(dot >= 0 ? sec.substring(0, dot) : sec, 2, 2);
        if (hour < 0 || minute < 0 || second < 0) {
            return -1;
        }
        try {
            // the fraction is dropped: certificates are valid to the second
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second);
            return epochMs(year, t.atOffset(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return -1; // 31 February, 24:00:00, 23:59:60...
        }
    }

    private static long epochMs(int year, OffsetDateTime t) {
        if (year < 1970 || year > 9999) {
            return -1; // also keeps toEpochMilli() away from overflow
        }
        long ms = t.toInstant().toEpochMilli();
        return ms >= 0 ? ms : -1;
    }

    /** The value of {@code min..max} ASCII digits, else -1. */
    private static int digits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return -1;
        }
        return Decimals.parse(s, Integer.MAX_VALUE);
    }

    /** A DN as printed, without control characters (it reaches alert summaries), at most {@link #MAX_DN_LENGTH}. */
    private static String distinguishedName(JsonNode node) {
        String s = text(node);
        if (s == null || s.isBlank() || s.length() > MAX_DN_LENGTH) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return null;
            }
        }
        return s;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
