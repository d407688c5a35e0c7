package io.tlswatch.benchmarks.endtoend;

import io.tlswatch.ingest.simulator.PollerDocument;
import io.tlswatch.ingest.simulator.Vip;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The benchmark's Telemetry Streaming system-poller readings: every VIP accepts a steady
 * {@link #CONNECTIONS_PER_VIP_PER_SECOND}, half a percent of them fail, two certificates far from expiry. The
 * document itself is the simulator's ({@link PollerDocument}, the one builder of poller documents).
 */
final class PollerDocs {
    /** TS's default polling interval. */
    static final int INTERVAL_S = 60;
    /** Connections per second each VIP accepts, failed or not: the attempts the poller counts. */
    static final int CONNECTIONS_PER_VIP_PER_SECOND = 40;
    private static final long CURRENT_CONNECTIONS = 25;
    private static final long MAX_CONNECTIONS = 400;

    private PollerDocs() {}

    /** The poll of {@code hostname} (whose VIPs are {@code vips}) at {@code atMs}. */
    static byte[] document(String hostname, List<Vip> vips, long atMs) {
        Instant at = Instant.ofEpochMilli(atMs);
        // cumulative counters that grow with time, so consecutive polls give steady deltas
        long totConns = atMs / 1_000 * CONNECTIONS_PER_VIP_PER_SECOND;
        List<PollerDocument.VirtualServer> servers = vips.stream()
                .map(vip -> new PollerDocument.VirtualServer("vs_" + vip.address().replace('.', '_') + "_" + vip.port(),
                        vip.hostPort(), totConns, CURRENT_CONNECTIONS, MAX_CONNECTIONS, totConns / 200))
                .toList();
        String issuer = "CN=Example Issuing CA,O=Example";
        List<PollerDocument.Certificate> certificates = List.of(
                new PollerDocument.Certificate("default.crt", "CN=" + hostname, issuer, at.plus(Duration.ofDays(400))),
                new PollerDocument.Certificate("www.example.net.crt", "CN=www.example.net", issuer,
                        at.plus(Duration.ofDays(200))));
        return PollerDocument.json(hostname, at, INTERVAL_S, servers, certificates).getBytes(StandardCharsets.UTF_8);
    }
}
