package io.tlswatch.ingest.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A deterministic simulator of a fleet of BIG-IP systems (DESIGN §4, §5): their syslog lines (healthy noise,
 * ordinary sporadic SSL failures, the steady failures of VIPs with their own {@link VipTraffic}, {@link ScannerSweep
 * scanners}, the scripted {@link Incident incidents} of its {@link SimulatorSettings}), their
 * Telemetry Streaming poller documents, and the packet summaries a capture in front of them writes for every
 * connection — healthy handshakes of the client population and every failed one — so that logs and packets of a
 * connection join as they do for a real BIG-IP.
 *
 * <p>Each second is generated on its own from {@code (seed, second)} (a scanner's sweep is drawn once, from the
 * seed), so any second can be asked for in any order and always gives the same records. Noise, background failures, healthy handshakes, each incident and the
 * packets of each draw from separate random streams: adding an incident adds its records and changes nothing
 * else, and turning packets on leaves the lines as they were. {@link java.util.Random} is used because its
 * algorithm is fixed by its specification, so the records are the same on every JDK.
 *
 * <p>A failed handshake writes a burst of lines from one TMM thread ({@code tmm}, {@code tmm1}...; all threads
 * of a host share one pid), in one second, in F5's order, with no other line in between. Instances are
 * immutable and thread-safe.
 */
public final class FleetSimulator {

    private static final long SECOND_MS = 1_000;

    // random streams, one per source of lines, so that one source never shifts another
    private static final long NOISE_STREAM = 1;
    private static final long BACKGROUND_STREAM = 2;
    private static final long HOST_STREAM = 3;
    private static final long HEALTHY_STREAM = 4;
    private static final long BACKGROUND_PACKETS_STREAM = 5;
    private static final long FIRST_INCIDENT_STREAM = 100;
    /** Packets of incident {@code i} draw from {@code FIRST_INCIDENT_PACKETS_STREAM + i}: logs stay as they were. */
    private static final long FIRST_INCIDENT_PACKETS_STREAM = 1_000_000;
    private static final long FIRST_STEADY_STREAM = 2_000_000;
    private static final long FIRST_STEADY_PACKETS_STREAM = 3_000_000;
    private static final long FIRST_SCANNER_STREAM = 4_000_000;
    private static final long SCANNER_PACKETS_STREAM = 5_000_000;
    /** What a scanner sends: junk, SSLv2 hellos (refused as an unsupported version), malformed hellos. */
    private static final List<Burst> PROBES = List.of(Burst.NOT_SSL, Burst.UNSUPPORTED_VERSION, Burst.MALFORMED_HELLO);
    private static final int SCANNER_FIRST_PORT = 33_000;

    // clients come from a few /24s: documentation ranges stand in for the internet, RFC 1918 for the inside
    private static final List<String> INTERNET_CLIENT_NETS = List.of("198.51.100", "203.0.113", "192.0.2");
    private static final List<String> INTERNAL_CLIENT_NETS = List.of("10.60.12", "172.16.40");
    /** External health checkers that speak plain TCP/HTTP to TLS ports: the usual source of "not SSL". */
    private static final String PROBE_NET = "10.20.30";
    private static final int LDAPS_PORT = 636;
    private static final int EPHEMERAL_MIN = 1_024;
    private static final int EPHEMERAL_SPAN = 65_536 - EPHEMERAL_MIN;
    /** Percent of refused NO_SHARED_CIPHER handshakes that the client retries at once from the next port. */
    private static final int RETRY_PERCENT = 40;

    private static final Comparator<Pending> CHRONOLOGICAL =
            Comparator.comparingInt(Pending::offsetMs).thenComparingInt(Pending::seq);

    private final SimulatorSettings settings;
    private final List<HostProfile> hosts;
    private final Map<String, HostProfile> hostsByName;
    private final List<Vip> vips;
    private final WirePackets wire;
    private final PollerSchedule poller;
    /** Healthy handshakes per second of each VIP of {@link #vips}, and when it goes silent (Long.MAX_VALUE: never). */
    private final double[] rates;
    private final long[] silentFrom;
    /** The steady failures of {@link SimulatorSettings#vipTraffic()}: incidents that last while the VIP has traffic. */
    private final List<Incident> steady;
    /** Every scanner probe, by epoch second. */
    private final NavigableMap<Long, List<Probe>> probes;

    /** A simulator of the fleet {@code settings} describes. */
    public FleetSimulator(SimulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        List<HostProfile> profiles = new ArrayList<>();
        Map<String, HostProfile> byName = new HashMap<>();
        List<Vip> all = new ArrayList<>();
        for (int i = 0; i < settings.observers().size(); i++) {
            HostProfile host = profile(i, settings.observers().get(i));
            profiles.add(host);
            byName.put(host.name(), host);
            all.addAll(host.vips());
        }
        this.hosts = List.copyOf(profiles);
        this.hostsByName = Map.copyOf(byName);
        this.vips = List.copyOf(all);
        this.wire = new WirePackets(settings.clients());
        this.rates = new double[vips.size()];
        this.silentFrom = new long[vips.size()];
        for (int i = 0; i < vips.size(); i++) {
            Vip vip = vips.get(i);
            VipTraffic t = settings.trafficOf(vip.observer(), vip.hostPort());
            rates[i] = settings.connectionsPerSecond(vip.observer(), vip.hostPort());
            silentFrom[i] = t == null || t.silentFromMs() == null ? Long.MAX_VALUE : t.silentFromMs();
        }
        this.steady = steadyIncidents(settings);
        this.probes = probes();
        this.poller = new PollerSchedule(settings, probeTimes(probes));
    }

    /** The settings this simulator was built with. */
    public SimulatorSettings settings() {
        return settings;
    }

    /** Every VIP of the fleet, host by host, as background failures and noise use them. */
    public List<Vip> vips() {
        return vips;
    }

    /**
     * All lines stamped in the second that contains {@code secondStartMs}, in the order they are written.
     * The same settings and second always give the same lines.
     */
    public List<String> linesForSecond(long secondStartMs) {
        return timedLinesForSecond(secondStartMs).stream().map(TimedLine::line).toList();
    }

    /** Like {@link #linesForSecond(long)}, with the millisecond at which each line was written. */
    public List<TimedLine> timedLinesForSecond(long secondStartMs) {
        return second(secondStartMs).lines();
    }

    /**
     * Everything the fleet writes in the second that contains {@code secondStartMs}: log lines (with the poller's
     * documents when {@link SimulatorSettings#pollerIntervalSeconds()} is set) and, when
     * {@link SimulatorSettings#packets()}, the packet summaries of every connection. The same settings and second
     * always give the same records.
     */
    public SimulatedSecond second(long secondStartMs) {
        long second = Math.floorDiv(secondStartMs, SECOND_MS);
        long base = second * SECOND_MS;
        String stamp = SyslogEnvelope.stamp(base);
        List<Pending> out = new ArrayList<>();
        List<TimedPacket> packets = settings.packets() ? new ArrayList<>() : null;
        List<FailedHandshake> failures = new ArrayList<>();

        Random noise = random(NOISE_STREAM, second);
        for (int n = poisson(noise, settings.noiseLinesPerSecond()); n > 0; n--) {
            HostProfile host = any(noise, hosts);
            out.add(new Pending(noise.nextInt(1_000), out.size(), HealthyNoise.line(host, noise, stamp, base)));
        }

        Random background = random(BACKGROUND_STREAM, second);
        Random backgroundWire = random(BACKGROUND_PACKETS_STREAM, second);
        for (int n = poisson(background, settings.backgroundSslFailuresPerSecond()); n > 0; n--) {
            backgroundFailure(background, out, stamp, base, packets, backgroundWire, failures);
        }

        List<Incident> incidents = settings.incidents();
        for (int i = 0; i < incidents.size(); i++) {
            incidentFailures(incidents.get(i), random(FIRST_INCIDENT_STREAM + i, second), base, out, stamp, packets,
                    random(FIRST_INCIDENT_PACKETS_STREAM + i, second), failures, "incident");
        }
        for (int i = 0; i < steady.size(); i++) {
            incidentFailures(steady.get(i), random(FIRST_STEADY_STREAM + i, second), base, out, stamp, packets,
                    random(FIRST_STEADY_PACKETS_STREAM + i, second), failures, "steady");
        }
        scannerProbes(second, base, out, stamp, packets, failures);
        for (Incident incident : incidents) {
            changeBefore(incident, base, out, stamp);
        }
        if (packets != null) {
            healthy(second, base, packets);
        }

        out.sort(CHRONOLOGICAL);
        List<TimedLine> lines = new ArrayList<>(out.size() + hosts.size());
        lines.addAll(poller.documents(second, hosts));
        for (Pending p : out) {
            lines.add(new TimedLine(base + p.offsetMs(), p.line()));
        }
        if (packets == null) {
            return new SimulatedSecond(lines, List.of(), failures);
        }
        packets.sort(Comparator.comparingLong(TimedPacket::timestampMs));
        return new SimulatedSecond(lines, packets, failures);
    }

    /**
     * Healthy handshakes: {@code floor(rate × (s+1)) - floor(rate × s)} per VIP at its own rate, so every second's
     * count is exact; none once the VIP is silent.
     */
    private void healthy(long second, long base, List<TimedPacket> packets) {
        Random r = null;
        for (int i = 0; i < vips.size(); i++) {
            Vip vip = vips.get(i);
            int count = (int) (Math.floor(rates[i] * (second + 1)) - Math.floor(rates[i] * second));
            if (count <= 0 || base >= silentFrom[i]) {
                continue;
            }
            r = r != null ? r : random(HEALTHY_STREAM, second);
            for (int n = 0; n < count; n++) {
                Connection c = new Connection(client(r, vip.port()), ephemeralPort(r), vip.address(), vip.port());
                packets.addAll(wire.success(vip.observer(), vip, c, base + r.nextInt(1_000), r));
            }
        }
    }

    /**
     * The lines of every whole second that overlaps {@code [fromMs, toMs)}, second by second, generated
     * lazily. Empty when {@code toMs <= fromMs}.
     */
    public Stream<TimedLine> stream(long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return Stream.empty();
        }
        long first = Math.floorDiv(fromMs, SECOND_MS);
        long last = Math.floorDiv(toMs - 1, SECOND_MS);
        return LongStream.rangeClosed(first, last)
                .mapToObj(second -> timedLinesForSecond(second * SECOND_MS))
                .flatMap(List::stream);
    }

    private void backgroundFailure(Random r, List<Pending> out, String stamp, long base, List<TimedPacket> packets,
            Random wireRandom, List<FailedHandshake> failures) {
        HostProfile host = any(r, hosts);
        Vip vip = any(r, host.vips());
        int roll = r.nextInt(100);
        // mostly probes speaking plain text to a TLS port, some clients too old for the profile, a few refusals
        Burst burst = roll < 60 ? Burst.NOT_SSL : roll < 90 ? Burst.UNSUPPORTED_VERSION : Burst.CERT_UNKNOWN;
        String client = burst == Burst.NOT_SSL ? PROBE_NET + "." + (2 + r.nextInt(12)) : client(r, vip.port());
        Connection c = new Connection(client, ephemeralPort(r), vip.address(), vip.port());
        int offset = r.nextInt(1_000);
        emit(out, offset, host, any(r, HostProfile.TMM_THREADS), burst, c, stamp);
        failures.add(new FailedHandshake(base + offset, host.name(), vip.hostPort(), burst.linesClass(), "background"));
        if (packets != null) {
            packets.addAll(wire.background(burst, vip, c, base + offset, wireRandom));
        }
    }

    private void incidentFailures(Incident incident, Random r, long base, List<Pending> out, String stamp,
            List<TimedPacket> packets, Random wireRandom, List<FailedHandshake> failures, String source) {
        // only the part of this second inside [startMs, endMs), so partial seconds get a partial rate
        long from = Math.max(base, incident.startMs());
        long to = Math.min(base + SECOND_MS, incident.endMs());
        if (from >= to) {
            return;
        }
        int span = (int) (to - from);
        HostProfile host = hostsByName.get(incident.observer());
        Burst burst = incident.kind().burst();
        Connection previous = null;
        int previousOffset = 0;
        String previousThread = null;
        for (int n = poisson(r, incident.failuresPerSecond() * span / SECOND_MS); n > 0; n--) {
            Connection c;
            int offset;
            String thread;
            if (burst == Burst.NO_SHARED_CIPHER && previous != null && previous.clientPort() < 65_535
                    && r.nextInt(100) < RETRY_PERCENT) {
                // the retry lands on another TMM thread in the same moment, as in the sample of DESIGN §4
                c = previous.retry();
                offset = previousOffset;
                thread = otherThread(r, previousThread);
            } else {
                c = new Connection(client(r, incident.vipPort()), ephemeralPort(r), incident.vipAddress(),
                        incident.vipPort());
                offset = (int) (from - base) + r.nextInt(span);
                thread = any(r, HostProfile.TMM_THREADS);
            }
            emit(out, offset, host, thread, burst, c, stamp);
            failures.add(new FailedHandshake(base + offset, host.name(), incident.kind().namesConnection()
                    ? incident.vip() : "unknown", burst.linesClass(), source));
            if (packets != null) {
                Vip vip = new Vip(incident.observer(), incident.vipAddress(), incident.vipPort());
                packets.addAll(wire.incident(incident, vip, c, base + offset, wireRandom));
            }
            previous = c;
            previousOffset = offset;
            previousThread = thread;
        }
    }

    /** The probes of every scanner stamped in this second. */
    private void scannerProbes(long second, long base, List<Pending> out, String stamp, List<TimedPacket> packets,
            List<FailedHandshake> failures) {
        List<Probe> now = probes.get(second);
        if (now == null) {
            return;
        }
        Random wireRandom = packets != null ? random(SCANNER_PACKETS_STREAM, second) : null;
        for (Probe p : now) {
            HostProfile host = hostsByName.get(p.vip().observer());
            Connection c = new Connection(p.client(), p.clientPort(), p.vip().address(), p.vip().port());
            int offset = (int) (p.atMs() - base);
            emit(out, offset, host, p.thread(), p.burst(), c, stamp);
            failures.add(new FailedHandshake(p.atMs(), host.name(), p.vip().hostPort(), p.burst().linesClass(),
                    "scanner"));
            if (packets != null) {
                packets.addAll(wire.scanner(p.vip(), c, p.atMs(), wireRandom));
            }
        }
    }

    /**
     * Every probe of every scanner, made once: a sweep visits the BIG-IP's VIPs in a random order, each in its own
     * equal slice of the sweep, with 1 to {@code maxPerVip} probes at random instants of the slice; a VIP already
     * silent gets none.
     */
    private NavigableMap<Long, List<Probe>> probes() {
        NavigableMap<Long, List<Probe>> bySecond = new TreeMap<>();
        List<ScannerSweep> sweeps = settings.scanners();
        for (int k = 0; k < sweeps.size(); k++) {
            ScannerSweep sweep = sweeps.get(k);
            Random r = random(FIRST_SCANNER_STREAM + k, 0);
            List<Vip> order = new ArrayList<>(hostsByName.get(sweep.observer()).vips());
            Collections.shuffle(order, r);
            long slice = Math.max(1, (sweep.endMs() - sweep.startMs()) / order.size());
            int port = SCANNER_FIRST_PORT + r.nextInt(20_000); // a scanner counts its source ports up
            for (int n = 0; n < order.size(); n++) {
                Vip vip = order.get(n);
                for (int count = 1 + r.nextInt(sweep.maxPerVip()); count > 0; count--) {
                    long at = Math.min(sweep.endMs() - 1, sweep.startMs() + n * slice + r.nextLong(slice));
                    Burst burst = any(r, PROBES);
                    String thread = any(r, HostProfile.TMM_THREADS);
                    if (at >= silentFrom[vips.indexOf(vip)]) {
                        continue;
                    }
                    bySecond.computeIfAbsent(Math.floorDiv(at, SECOND_MS), s -> new ArrayList<>())
                            .add(new Probe(at, vip, burst, sweep.client(), port, thread));
                    port = port == 65_535 ? EPHEMERAL_MIN : port + 1;
                }
            }
        }
        bySecond.values().forEach(list -> list.sort(Comparator.comparingLong(Probe::atMs)));
        return bySecond;
    }

    /** The probe instants per VIP ({@code observer address:port}), sorted: the poller counts them as connections. */
    private static Map<String, long[]> probeTimes(NavigableMap<Long, List<Probe>> probes) {
        Map<String, List<Long>> times = new HashMap<>();
        probes.values().forEach(list -> list.forEach(p -> times.computeIfAbsent(p.vip().observer() + " "
                + p.vip().hostPort(), v -> new ArrayList<>()).add(p.atMs())));
        Map<String, long[]> out = new HashMap<>();
        times.forEach((vip, list) -> out.put(vip, list.stream().mapToLong(Long::longValue).sorted().toArray()));
        return out;
    }

    /** Each VIP's steady failures as incidents from the epoch until the VIP goes silent (kinds in their order). */
    private static List<Incident> steadyIncidents(SimulatorSettings settings) {
        List<Incident> out = new ArrayList<>();
        for (VipTraffic t : settings.vipTraffic()) {
            long end = t.silentFromMs() == null ? Long.MAX_VALUE : t.silentFromMs();
            for (Map.Entry<IncidentKind, Double> e : t.steadyFailures().entrySet()) {
                if (end > 0 && e.getValue() > 0) {
                    out.add(new Incident(t.observer(), t.vipAddress(), t.vipPort(), e.getKey(), 0, end, e.getValue(),
                            "steady", null));
                }
            }
        }
        return List.copyOf(out);
    }

    private static void emit(List<Pending> out, int offsetMs, HostProfile host, String thread, Burst burst,
                             Connection c, String stamp) {
        // one offset and consecutive sequence numbers: the burst stays together and in order after sorting
        for (Burst.Message m : burst.messages(c, host.selectSuiteLine())) {
            out.add(new Pending(offsetMs, out.size(),
                    SyslogEnvelope.line(stamp, host.name(), thread, host.tmmPid(), m.msgid(), m.level(), m.text())));
        }
    }

    private HostProfile profile(int index, String name) {
        Random r = random(HOST_STREAM, index);
        // disjoint pid ranges per daemon, so that two daemons of one host never share a pid
        int journalPid = 500 + r.nextInt(300);
        int mcpdPid = 4_000 + r.nextInt(4_000);
        int apmdPid = 8_000 + r.nextInt(8_000);
        int tmmPid = 16_000 + r.nextInt(16_000);
        List<Integer> httpdPids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            httpdPids.add(32_000 + 2_000 * i + r.nextInt(2_000));
        }
        List<Vip> hostVips = new ArrayList<>();
        int count = settings.vipsPerObserver();
        for (int m = 0; m < count; m++) {
            boolean ldaps = count >= 2 && m == count - 1;
            hostVips.add(new Vip(name, "10.10." + (index + 1) + "." + (10 + m), ldaps ? LDAPS_PORT : 443));
        }
        // the line number in ssl_select_suite changes between BIG-IP builds; a mixed fleet shows both
        int selectSuiteLine = index % 2 == 0 ? 8181 : 9301;
        return new HostProfile(name, index, tmmPid, mcpdPid, apmdPid, journalPid, List.copyOf(httpdPids),
                selectSuiteLine, List.copyOf(hostVips));
    }

    private static String client(Random r, int vipPort) {
        // directory clients are inside; web clients mostly outside
        List<String> nets = vipPort == LDAPS_PORT || r.nextInt(5) == 0 ? INTERNAL_CLIENT_NETS : INTERNET_CLIENT_NETS;
        return any(r, nets) + "." + (2 + r.nextInt(253));
    }

    private static int ephemeralPort(Random r) {
        return EPHEMERAL_MIN + r.nextInt(EPHEMERAL_SPAN);
    }

    private static String otherThread(Random r, String thread) {
        List<String> threads = HostProfile.TMM_THREADS;
        int shift = 1 + r.nextInt(threads.size() - 1);
        return threads.get((threads.indexOf(thread) + shift) % threads.size());
    }

    private Random random(long stream, long second) {
        return new Random(mix(mix(mix(settings.seed()) ^ (stream * 0x9E3779B97F4A7C15L)) ^ second));
    }

    /** SplitMix64's finalizer: nearby inputs (seconds, stream numbers) give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A Poisson draw: Knuth's product method for small means, a rounded normal for large ones. */
    static int poisson(Random r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            int k = 0;
            for (double p = r.nextDouble(); p > limit; p *= r.nextDouble()) {
                k++;
            }
            return k;
        }
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }

    private static <T> T any(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /**
     * The configuration change behind a cipher-string incident, {@link #CHANGE_LEAD_MS} before it starts: the tmsh
     * audit line ({@code 01420002}, layout of the public samples) of an admin restricting the VIP's client-ssl
     * profile to an ECDSA suite its RSA certificate cannot serve. tlswatch names it as the alert's likely cause.
     */
    private void changeBefore(Incident incident, long base, List<Pending> out, String stamp) {
        long at = incident.startMs() - CHANGE_LEAD_MS;
        if (incident.kind() != IncidentKind.NO_SHARED_CIPHER || at < base || at >= base + SECOND_MS) {
            return;
        }
        HostProfile host = hostsByName.get(incident.observer());
        String profile = "clientssl_" + PollerSchedule.name(new Vip(incident.observer(), incident.vipAddress(),
                incident.vipPort()));
        out.add(new Pending((int) (at - base), out.size(), HealthyNoise.tmshAudit(stamp, host.name(),
                TMSH_FIRST_PID + host.index(), "admin", "/Common",
                "modify ltm profile client-ssl " + profile + " ciphers ECDHE-ECDSA-AES256-GCM-SHA384")));
    }

    /** How long before a cipher-string incident starts its configuration change is logged. */
    static final long CHANGE_LEAD_MS = 5_000;
    private static final int TMSH_FIRST_PID = 21_500;

    /** A line waiting to be ordered: by millisecond, then by the order it was made in. */
    private record Pending(int offsetMs, int seq, String line) {}

    /** One connection of a scanner. */
    private record Probe(long atMs, Vip vip, Burst burst, String client, int clientPort, String thread) {}
}
