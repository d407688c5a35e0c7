package io.tlswatch.ingest.simulator;

import io.tlswatch.ingest.simulator.wire.Der;
import io.tlswatch.ingest.simulator.wire.HandshakeScript.Chain;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate chains the simulated VIPs present, built once per VIP and state: valid (leaf and intermediate,
 * renewed every 90 days), expired (the leaf's {@code notAfter} is the incident's start), leaf only (the missing
 * intermediate). Deterministic: the bytes depend on the VIP and the dates only.
 */
final class VipCertificates {
    static final String ISSUER = "Example Issuing CA 2";
    static final String ROOT = "Example Root CA";
    private static final long DAY_MS = 86_400_000L;
    private static final long RENEWAL_MS = 90 * DAY_MS;

    private final Map<String, Chain> chains = new ConcurrentHashMap<>();

    /** What the VIP serves at {@code atMs}. */
    Chain valid(Vip vip, String sni, long atMs) {
        long issued = Math.floorDiv(atMs, RENEWAL_MS) * RENEWAL_MS - 10 * DAY_MS;
        return chain(vip, sni, issued, issued + RENEWAL_MS + 30 * DAY_MS, true);
    }

    /** A leaf that expired at {@code expiredAtMs}. */
    Chain expired(Vip vip, String sni, long expiredAtMs) {
        return chain(vip, sni, expiredAtMs - RENEWAL_MS, expiredAtMs, true);
    }

    /** A valid leaf without its intermediate. */
    Chain leafOnly(Vip vip, String sni, long atMs) {
        Chain full = valid(vip, sni, atMs);
        return new Chain(List.of(full.certificates().get(0)));
    }

    private Chain chain(Vip vip, String sni, long notBeforeMs, long notAfterMs, boolean withIntermediate) {
        String key = vip.hostPort() + "|" + notBeforeMs + "|" + notAfterMs;
        return chains.computeIfAbsent(key, k -> {
            long seed = k.hashCode();
            byte[] leaf = Der.certificate(sni, ISSUER, Instant.ofEpochMilli(notBeforeMs),
                    Instant.ofEpochMilli(notAfterMs), List.of(sni), seed);
            Instant caFrom = Instant.ofEpochMilli(notBeforeMs).minus(Duration.ofDays(400));
            byte[] intermediate = Der.certificate(ISSUER, ROOT, caFrom, caFrom.plus(Duration.ofDays(3650)), List.of(),
                    seed * 31 + 7);
            return new Chain(withIntermediate ? List.of(leaf, intermediate) : List.of(leaf));
        });
    }
}
