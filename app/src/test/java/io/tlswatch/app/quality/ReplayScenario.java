package io.tlswatch.app.quality;

import io.tlswatch.ingest.simulator.PollerDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded replay of one BIG-IP for {@code tlswatch analyze}: the same plan and seed give byte-identical files.
 *
 * <ul>
 *   <li>{@value #LTM}: {@code /var/log/ltm} as the BIG-IP writes it (RFC 3164 stamps without year, UTC: analyze
 *       with {@code --year} and {@code --timezone UTC}, see {@link #analyzeArguments}). Only failed handshakes
 *       log (a {@link FailureKind} burst each, one distinct client address:port per failure), among ordinary
 *       non-TLS chatter ({@link ChatterLines}).</li>
 *   <li>{@value #POLLER}: a Telemetry Streaming system-poller document every 60 s (the simulator's {@link PollerDocument}), one
 *       per line, each VIP with its {@code destination} and a cumulative {@code clientside.totConns} that counts
 *       every connection, failed or not. Analyze stamps each document with its {@code system.systemTimestamp}
 *       and merges both files into one timeline (oldest record first), so a document lands at its own time.</li>
 *   <li>{@value GroundTruth#FILE}: the incidents and the VIP rates ({@link GroundTruth}).</li>
 * </ul>
 *
 * Connections arrive one per slot of {@code 60 s / rate}, at a random instant within the slot: every minute has
 * exactly the VIP's rate, with realistic jitter. Each connection fails with the probability of its VIP's mix at
 * that minute ({@link ScenarioPlan.Vip#mixAt}).
 */
final class ReplayScenario {
    static final String LTM = "ltm";
    static final String POLLER = "ts-system-poller.jsonl";
    /** TS's polling interval of the replay. */
    static final int POLLER_INTERVAL_S = 60;
    private static final List<String> TMMS = List.of("tmm", "tmm1", "tmm2", "tmm3");
    private static final DateTimeFormatter SYSLOG_STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long MINUTE_MS = 60_000;

    /** One failed handshake of the replay. */
    record Failure(long timeMs, ScenarioPlan.Vip vip, FailureKind kind, String client, String tmm, boolean scanner) {}

    /**
     * A generated replay, in memory.
     *
     * @param connections connections per VIP (plan order) and minute
     */
    record Generated(ScenarioPlan plan, List<String> ltm, List<String> poller, List<Failure> failures,
                     long[][] connections, GroundTruth truth) {

        /** Writes the three files into {@code dir} (created if missing); returns the paths. */
        Written writeTo(Path dir) throws IOException {
            Files.createDirectories(dir);
            Path ltmFile = write(dir.resolve(LTM), ltm);
            Path pollerFile = write(dir.resolve(POLLER), poller);
            truth.write(dir);
            return new Written(ltmFile, pollerFile, dir.resolve(GroundTruth.FILE), this);
        }

        private static Path write(Path file, List<String> lines) throws IOException {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            return Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The files of a replay on disk. */
    record Written(Path ltm, Path poller, Path groundTruth, Generated generated) {

        /** {@code analyze --year ... --timezone UTC --logs ltm poller --out out} */
        List<String> analyzeArguments(Path out) {
            return List.of("analyze", "--year", Integer.toString(generated.plan().start().atZone(ZoneOffset.UTC).getYear()),
                    "--timezone", "UTC", "--logs", ltm.toString(), poller.toString(), "--out", out.toString());
        }
    }

    /** A line of the ltm file waiting for its place in time; {@code seq} keeps generation order among equals. */
    private record Timed(long timeMs, long seq, List<String> lines) {}

    private final ScenarioPlan plan;
    private final SplittableRandom rnd;
    private final Set<Long> usedClients = new HashSet<>();
    private final List<Timed> ltm = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final long[][] connections;
    private final long[][] failed;
    private final long startMs;

    private ReplayScenario(ScenarioPlan plan) {
        this.plan = plan;
        this.rnd = new SplittableRandom(plan.seed());
        this.connections = new long[plan.vips().size()][plan.minutes()];
        this.failed = new long[plan.vips().size()][plan.minutes()];
        this.startMs = plan.start().toEpochMilli();
    }

    static Generated generate(ScenarioPlan plan) {
        return new ReplayScenario(plan).run();
    }

    private Generated run() {
        for (int i = 0; i < plan.vips().size(); i++) {
            traffic(i);
        }
        sweep();
        for (int m = 0; m < plan.minutes(); m++) {
            for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                long t = startMs + m * MINUTE_MS + rnd.nextLong(MINUTE_MS);
                add(t, List.of(ChatterLines.line(head(t), rnd)));
            }
        }
        ltm.sort(Comparator.comparingLong(Timed::timeMs).thenComparingLong(Timed::seq));
        List<String> lines = new ArrayList<>();
        ltm.forEach(t -> lines.addAll(t.lines()));
        failures.sort(Comparator.comparingLong(Failure::timeMs));
        return new Generated(plan, List.copyOf(lines), poller(), List.copyOf(failures), connections, plan.groundTruth());
    }

    /** Every connection of one VIP; the failed ones log. */
    private void traffic(int index) {
        ScenarioPlan.Vip vip = plan.vips().get(index);
        long slot = MINUTE_MS / vip.connsPerMinute();
        for (int m = 0; m < plan.minutes(); m++) {
            if (vip.silentAt(m)) {
                continue;
            }
            Map<FailureKind, Double> mix = vip.mixAt(m);
            for (int k = 0; k < vip.connsPerMinute(); k++) {
                long t = startMs + m * MINUTE_MS + k * slot + rnd.nextLong(slot);
                connections[index][m]++;
                FailureKind kind = pick(mix, rnd.nextDouble());
                if (kind != null) {
                    fail(index, t, kind, client(vip.clients()), false);
                }
            }
        }
    }

    /** The kind whose share of {@code [0, 1)} holds {@code u}, in enum order; null: the handshake succeeds. */
    private static FailureKind pick(Map<FailureKind, Double> mix, double u) {
        double upTo = 0;
        for (FailureKind kind : FailureKind.values()) {
            upTo += mix.getOrDefault(kind, 0.0);
            if (u < upTo) {
                return kind;
            }
        }
        return null;
    }

    /** The scanner: every VIP in a random order, a few junk connections each, from one address. */
    private void sweep() {
        ScenarioPlan.Sweep sweep = plan.sweep();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < plan.vips().size(); i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) { // Fisher-Yates with our own random
            int j = rnd.nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        long from = startMs + sweep.from() * MINUTE_MS;
        long per = (sweep.to() - sweep.from()) * MINUTE_MS / order.size();
        int port = 33_000 + rnd.nextInt(20_000); // a scanner counts its source ports up
        for (int n = 0; n < order.size(); n++) {
            int index = order.get(n);
            for (int count = 1 + rnd.nextInt(sweep.maxPerVip()); count > 0; count--) {
                long t = from + n * per + rnd.nextLong(per);
                FailureKind kind = sweep.kinds().get(rnd.nextInt(sweep.kinds().size()));
                connections[index][minuteOf(t)]++;
                fail(index, t, kind, sweep.client() + ":" + port++, true);
            }
        }
    }

    private void fail(int index, long t, FailureKind kind, String client, boolean scanner) {
        ScenarioPlan.Vip vip = plan.vips().get(index);
        String tmm = TMMS.get(rnd.nextInt(TMMS.size()));
        failed[index][minuteOf(t)]++;
        failures.add(new Failure(t, vip, kind, client, tmm, scanner));
        add(t, kind.lines(head(t), tmm, client, vip.endpoint()));
    }

    private void add(long t, List<String> lines) {
        ltm.add(new Timed(t, ltm.size(), lines));
    }

    private int minuteOf(long t) {
        return (int) ((t - startMs) / MINUTE_MS);
    }

    private String head(long t) {
        return SYSLOG_STAMP.format(Instant.ofEpochMilli(t)) + " " + plan.observer();
    }

    /** A client address:port never used before in this replay, from one of {@code networks}. */
    private String client(List<String> networks) {
        String cidr = networks.get(rnd.nextInt(networks.size()));
        int slash = cidr.indexOf('/');
        long base = ipv4(cidr.substring(0, slash));
        long hosts = 1L << (32 - Integer.parseInt(cidr.substring(slash + 1)));
        while (true) {
            long ip = base + 1 + rnd.nextLong(hosts - 2); // neither the network nor the broadcast address
            int port = 1024 + rnd.nextInt(65_536 - 1024);
            if (usedClients.add(ip << 16 | port)) {
                return ipv4(ip) + ":" + port;
            }
        }
    }

    static long ipv4(String dotted) {
        long v = 0;
        for (String octet : dotted.split("\\.", -1)) {
            v = v << 8 | Integer.parseInt(octet);
        }
        return v;
    }

    static String ipv4(long v) {
        return (v >>> 24 & 0xff) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
    }

    /**
     * A poller document at every minute boundary, start and end included: cumulative counters from a random
     * starting value (a BIG-IP's counters were not reset for the replay), growing by each minute's connections.
     */
    private List<String> poller() {
        int n = plan.vips().size();
        long[] totConns = new long[n];
        long[] hsFailures = new long[n];
        for (int i = 0; i < n; i++) {
            totConns[i] = 1_000_000 + rnd.nextLong(90_000_000);
            hsFailures[i] = totConns[i] / (200 + rnd.nextInt(800));
        }
        List<String> docs = new ArrayList<>();
        for (int m = 0; m <= plan.minutes(); m++) {
            List<PollerDocument.VirtualServer> readings = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ScenarioPlan.Vip vip = plan.vips().get(i);
                if (m > 0) {
                    totConns[i] += connections[i][m - 1];
                    hsFailures[i] += failed[i][m - 1];
                }
                long current = vip.silentAt(m) ? 0 : rnd.nextInt(1 + vip.connsPerMinute() / 20);
                readings.add(new PollerDocument.VirtualServer(vip.name(), vip.endpoint(), totConns[i], current,
                        Math.max(current, vip.connsPerMinute() / 4), hsFailures[i]));
            }
            docs.add(PollerDocument.json(plan.observer(), plan.at(m), POLLER_INTERVAL_S, readings, List.of()));
        }
        return docs;
    }
}
