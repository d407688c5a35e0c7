package io.tlswatch.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each simulated BIG-IP polls and what its counters say. Each BIG-IP polls every interval, the fleet's polls
 * spread over it (host {@code i} at seconds where {@code (second + 7i) mod interval = 0}). Counters are cumulative
 * and follow the configured rates: every healthy handshake (exact, {@code floor(rate × second)}) plus the expected
 * failures of the incidents so far (the mean of their Poisson draws), from a start value per VIP as a BIG-IP's
 * counters never start at zero. So consecutive polls give the deltas the pipeline turns into attempts.
 */
final class PollerSchedule {
    private final SimulatorSettings settings;

    PollerSchedule(SimulatorSettings settings) {
        this.settings = settings;
    }

    /** The documents of the second {@code second} (epoch seconds). */
    List<TimedLine> documents(long second, List<HostProfile> hosts) {
        int every = settings.pollerIntervalSeconds();
        if (every == 0) {
            return List.of();
        }
        List<TimedLine> out = new ArrayList<>();
        for (HostProfile host : hosts) {
            if (Math.floorMod(second + 7L * host.index(), every) != 0) {
                continue;
            }
            long atMs = second * 1_000;
            List<PollerDocument.VirtualServer> servers = new ArrayList<>();
            for (Vip vip : host.vips()) {
                long start = 1_000_000 + Math.floorMod(vip.hostPort().hashCode(), 50_000_000);
                long failed = incidentFailures(vip, atMs);
                long total = start + (long) Math.floor(settings.connectionsPerVipPerSecond() * second) + failed;
                long current = (long) Math.ceil(settings.connectionsPerVipPerSecond() * 2);
                servers.add(new PollerDocument.VirtualServer(name(vip), vip.hostPort(), total, current,
                        Math.max(current, 400), start / 500 + failed));
            }
            Instant at = Instant.ofEpochMilli(atMs);
            List<PollerDocument.Certificate> certs = List.of(new PollerDocument.Certificate("default.crt",
                    "CN=" + host.name(), "CN=" + VipCertificates.ISSUER, at.plus(Duration.ofDays(400))));
            out.add(new TimedLine(atMs, PollerDocument.json(host.name(), at, every, servers, certs)));
        }
        return out;
    }

    /** {@code vs_10_10_1_10_443}: the virtual server's name on its BIG-IP. */
    static String name(Vip vip) {
        return "vs_" + vip.address().replace('.', '_').replace(':', '_') + "_" + vip.port();
    }

    private long incidentFailures(Vip vip, long atMs) {
        double sum = 0;
        for (Incident i : settings.incidents()) {
            if (i.observer().equals(vip.observer()) && i.vipAddress().equals(vip.address()) && i.vipPort() == vip.port()
                    && i.kind().namesConnection() && atMs > i.startMs()) {
                sum += i.failuresPerSecond() * (Math.min(atMs, i.endMs()) - i.startMs()) / 1_000.0;
            }
        }
        return (long) sum;
    }
}
