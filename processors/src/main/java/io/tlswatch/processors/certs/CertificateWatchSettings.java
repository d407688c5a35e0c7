package io.tlswatch.processors.certs;

import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the certificate expiry and client-ssl profile watch (README "Certificate expiry").
 *
 * @param horizons       {@code alerts.cert.horizons}: time left at which a certificate is warned about, farthest
 *                       first, distinct and positive (default {@code 30d,7d,1d})
 * @param minFailures    {@code alerts.profile.min.failures}: handshake failures of one profile in one poll
 *                       interval before it may page (default 20)
 * @param ratio          {@code alerts.profile.ratio}: failures / connections at which it pages when the poller
 *                       gives the connections (default 0.2); it resolves below half of it
 * @param counters       {@code alerts.profile.counters}: whether the profile counters page (default {@code auto})
 * @param logsMemory     {@code alerts.profile.logs.memory}: how long a BIG-IP that logged a per-connection TLS
 *                       failure counts as one that sends such logs, in {@code auto} mode (default 1h)
 */
public record CertificateWatchSettings(
        List<Duration> horizons, int minFailures, double ratio, ProfileCounters counters, Duration logsMemory) {

    public static final String HORIZONS = "alerts.cert.horizons";
    public static final String MIN_FAILURES = "alerts.profile.min.failures";
    public static final String RATIO = "alerts.profile.ratio";
    public static final String COUNTERS = "alerts.profile.counters";
    public static final String LOGS_MEMORY = "alerts.profile.logs.memory";
    /** More horizons than this is a typo, not a policy (each one is a page). */
    public static final int MAX_HORIZONS = 8;

    /** When the client-ssl profile counters page. */
    public enum ProfileCounters {
        /** Always. */
        ON,
        /** Never (readings are still kept, so switching on later has a baseline). */
        OFF,
        /** Only for BIG-IPs that sent no per-connection TLS failure log within {@code logsMemory}. */
        AUTO
    }

    public CertificateWatchSettings {
        horizons = List.copyOf(horizons);
        if (horizons.isEmpty() || horizons.size() > MAX_HORIZONS) {
            throw new IllegalArgumentException(HORIZONS + ": 1 to " + MAX_HORIZONS + " horizons, got " + horizons.size());
        }
        for (int i = 0; i < horizons.size(); i++) {
            Duration h = horizons.get(i);
            if (h.isNegative() || h.isZero()) {
                throw new IllegalArgumentException(HORIZONS + ": a horizon must be positive, got " + h);
            }
            if (i > 0 && h.compareTo(horizons.get(i - 1)) >= 0) {
                throw new IllegalArgumentException(HORIZONS + ": horizons must be distinct, farthest first, got "
                        + horizons);
            }
        }
        if (minFailures < 1) {
            throw new IllegalArgumentException(MIN_FAILURES + " must be at least 1, got " + minFailures);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException(RATIO + " must be in (0, 1], got " + ratio);
        }
        if (counters == null) {
            throw new IllegalArgumentException(COUNTERS + " must be on, off or auto");
        }
        if (logsMemory.isNegative() || logsMemory.isZero()) {
            throw new IllegalArgumentException(LOGS_MEMORY + " must be positive, got " + logsMemory);
        }
    }

    public static CertificateWatchSettings defaults() {
        return new CertificateWatchSettings(List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1)), 20,
                0.2, ProfileCounters.AUTO, Duration.ofHours(1));
    }

    /** From configuration; a bad value is an error naming its key. */
    public static CertificateWatchSettings from(TlswatchConfig config) {
        CertificateWatchSettings d = defaults();
        String horizons = config.get(HORIZONS);
        String min = config.get(MIN_FAILURES);
        String ratio = config.get(RATIO);
        String counters = config.get(COUNTERS, "auto").strip().toUpperCase(Locale.ROOT);
        ProfileCounters mode;
        try {
            mode = ProfileCounters.valueOf(counters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COUNTERS + " must be on, off or auto, got '" + config.get(COUNTERS) + "'", e);
        }
        return new CertificateWatchSettings(
                horizons == null || horizons.isBlank() ? d.horizons() : parseHorizons(horizons),
                min == null || min.isBlank() ? d.minFailures() : parseInt(MIN_FAILURES, min),
                ratio == null || ratio.isBlank() ? d.ratio() : parseDouble(RATIO, ratio),
                mode,
                config.duration(LOGS_MEMORY, d.logsMemory()));
    }

    /** {@code 30d,7d,1d}: durations in {@link Durations}' grammar, sorted farthest first. */
    static List<Duration> parseHorizons(String text) {
        List<Duration> out = new ArrayList<>();
        for (String item : text.split(",", MAX_HORIZONS + 2)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException(HORIZONS + ": empty horizon in '" + text + "'");
            }
            try {
                out.add(Durations.parse(item));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(HORIZONS + ": " + e.getMessage(), e);
            }
        }
        // order is not the user's job; duplicates are still refused by the constructor
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    private static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not an integer: '" + v + "'", e);
        }
    }

    private static double parseDouble(String key, String v) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + v + "'", e);
        }
    }

    /**
     * The warning level of a certificate with {@code leftMs} of validity: -1 beyond the farthest horizon, the
     * index of the nearest horizon it is within, or {@code horizons().size()} once expired.
     */
    public int level(long leftMs) {
        if (leftMs <= 0) {
            return horizons.size();
        }
        int level = -1;
        for (int i = 0; i < horizons.size(); i++) {
            if (leftMs <= horizons.get(i).toMillis()) {
                level = i;
            }
        }
        return level;
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, or ISO-8601 for anything else; {@code expired} past the last. */
    public String horizonLabel(int level) {
        if (level >= horizons.size()) {
            return "expired";
        }
        Duration h = horizons.get(level);
        if (h.toMillis() % 86_400_000 == 0) {
            return h.toDays() + "d";
        }
        if (h.toMillis() % 3_600_000 == 0) {
            return h.toHours() + "h";
        }
        if (h.toMillis() % 60_000 == 0) {
            return h.toMinutes() + "m";
        }
        return h.toString();
    }

    /**
     * PagerDuty severity rises with the level: the farthest horizon warns, the nearest of three or more is
     * critical, those between are errors, and an expired certificate is critical whatever the horizons.
     */
    public String severity(int level) {
        int n = horizons.size();
        if (level >= n || (n >= 3 && level == n - 1)) {
            return "critical";
        }
        return level == 0 ? "warning" : "error";
    }
}
