package io.tlswatch.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * When each simulated BIG-IP polls and what its counters say. Each BIG-IP polls every interval, the fleet's polls
 * spread over it (host {@code i} at seconds where {@code (second + 7i) mod interval = 0}). Counters are cumulative
 * and follow the configured rates: every healthy handshake at the VIP's rate (exact, {@code floor(rate × second)}),
 * plus the expected failures of its incidents and steady failures so far (the mean of their Poisson draws), plus
 * every scanner probe, from a start value per VIP as a BIG-IP's counters never start at zero. So consecutive polls
 * give the deltas the pipeline turns into attempts. A silent VIP's counters stop and it has no current connection.
 */
final class PollerSchedule {
    private final SimulatorSettings settings;
    /** Scanner probe instants per {@code observer address:port}, sorted. */
    private final Map<String, long[]> probeTimes;

    PollerSchedule(SimulatorSettings settings, Map<String, long[]> probeTimes) {
        this.settings = settings;
        this.probeTimes = probeTimes;
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
                VipTraffic traffic = settings.trafficOf(vip.observer(), vip.hostPort());
                long until = traffic == null || traffic.activeAt(atMs) ? atMs : traffic.silentFromMs();
                double rate = settings.connectionsPerSecond(vip.observer(), vip.hostPort());
                long failed = incidentFailures(vip, atMs) + steadyFailures(traffic, until) + probes(vip, until);
                long total = start + (long) Math.floor(rate * Math.floorDiv(until, 1_000)) + failed;
                long current = traffic != null && !traffic.activeAt(atMs) ? 0 : (long) Math.ceil(rate * 2);
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

    /** The mean count of steady failures from the epoch (where they start) to {@code untilMs}. */
    private static long steadyFailures(VipTraffic traffic, long untilMs) {
        if (traffic == null) {
            return 0;
        }
        double perSecond = traffic.steadyFailures().values().stream().mapToDouble(Double::doubleValue).sum();
        return (long) (perSecond * Math.max(0, untilMs) / 1_000.0);
    }

    /** Scanner probes of {@code vip} before {@code untilMs}. */
    private long probes(Vip vip, long untilMs) {
        long[] times = probeTimes.get(vip.observer() + " " + vip.hostPort());
        if (times == null) {
            return 0;
        }
        int i = Arrays.binarySearch(times, untilMs);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && times[i - 1] == untilMs) {
            i--;
        }
        return i;
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
