package io.tlswatch.app.probe;

import io.tlswatch.processors.TlswatchConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code probe.*} settings of {@code tlswatch run}, checked before anything connects: every problem is an
 * {@link IllegalArgumentException} whose message starts with the key at fault.
 *
 * @param enabled      {@code probe.enabled}: off by default, probing production is a policy decision
 * @param maxPerMinute {@code probe.max.per.minute} (6): probes this instance starts per minute, for all VIPs
 * @param timeout      {@code probe.timeout} (5s): each connect, read and handshake of a probe
 * @param maxSnis      {@code probe.max.snis} (3): SNIs of the failures tried per alert, most frequent first
 * @param groupId      {@code probe.group.id} ({@code tlswatch-probe}): consumer group reading {@code tlswatch.alerts}
 * @param caFile       {@code probe.ca.file}: PEM or DER certificates trusted beside the JDK's (your internal CAs);
 *                     null for none
 */
public record ProbeSettings(boolean enabled, int maxPerMinute, Duration timeout, int maxSnis, String groupId,
        Path caFile) {

    /** Settings without a CA file of their own. */
    public ProbeSettings(boolean enabled, int maxPerMinute, Duration timeout, int maxSnis, String groupId) {
        this(enabled, maxPerMinute, timeout, maxSnis, groupId, null);
    }

    /** More than one a second is not a probe any more but load on the VIPs. */
    static final int MAX_PER_MINUTE = 60;
    /** A probe is a handful of connections: a minute each is already generous. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    public static ProbeSettings from(TlswatchConfig config) {
        boolean enabled = bool(config, "probe.enabled");
        int perMinute = integer(config, "probe.max.per.minute", 6, 1, MAX_PER_MINUTE);
        Duration timeout = config.duration("probe.timeout", Duration.ofSeconds(5));
        if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("probe.timeout: within 1ms..1m, got '" + config.get("probe.timeout") + "'");
        }
        int snis = integer(config, "probe.max.snis", 3, 1, TlsProbe.MAX_SNIS);
        String group = config.get("probe.group.id", "tlswatch-probe").strip();
        String ca = config.get("probe.ca.file");
        Path caFile = null;
        if (ca != null && !ca.isBlank()) {
            caFile = Path.of(ca.strip());
            try {
                TrustAnchors.read(caFile);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("probe.ca.file: " + e.getMessage().replaceFirst("^--ca-file ", ""), e);
            }
        }
        return new ProbeSettings(enabled, perMinute, timeout, snis, group, caFile);
    }

    private static boolean bool(TlswatchConfig config, String key) {
        String v = config.get(key, "false").strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": true or false, got '" + config.get(key) + "'");
        };
    }

    private static int integer(TlswatchConfig config, String key, int fallback, int min, int max) {
        String v = config.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not an integer: '" + v + "'", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": within " + min + ".." + max + ", got " + n);
        }
        return n;
    }
}
