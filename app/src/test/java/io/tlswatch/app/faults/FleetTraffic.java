package io.tlswatch.app.faults;

import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.Incident;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.ObserverName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live fleet traffic with its ground truth: {@link FleetSimulator} lines (healthy noise, sporadic failures, two
 * incidents that must page and resolve) produced to {@code f5.logs} second by second, for as long as the scenario
 * needs ({@link #stopAfter}), so that faults always land mid-run however slow the machine is. Stamps start
 * {@link #LEAD} in the past and run twice as fast as the clock until they catch up with it, never ahead.
 *
 * <p>The expected outcomes come from the lines sent: each failed handshake ends its burst with one
 * {@code 01260013} line naming the connection, which must become exactly one record on
 * {@code tlswatch.handshakes}.
 */
final class FleetTraffic {
    /** Clients refuse the certificate of this VIP during the first incident. */
    static final String EXPIRED_ALERT = "tlswatch/bigip-01/10.10.1.10:443/cert_expired";
    /** No cipher in common on this VIP during the second incident. */
    static final String CIPHER_ALERT = "tlswatch/bigip-02/10.10.2.11:443/no_shared_cipher";
    /** Simulated seconds always sent: both incidents, start to end. */
    static final int MIN_SECONDS = 45;

    private static final int MAX_SECONDS = 600;
    private static final long LEAD_MS = 30_000;
    private static final double SPEED = 2.0;
    /** {@code connections.max.skew}: the same four-tuple logged again within it is the same attempt. */
    private static final long MAX_SKEW_MS = 120_000;

    // Mmm dd HH:MM:SS host severity process[pid]: 01260013:level: SSL Handshake failed for TCP c:cp -> v:vp
    private static final Pattern HANDSHAKE_FAILED = Pattern.compile(
            "^.{15} (\\S+) \\S+ \\S+: 01260013:\\d: SSL Handshake failed for TCP (\\S+):(\\d+) -> (\\S+):(\\d+)$");

    /** 2026-01-01T00:00:00Z, where the simulation runs before its stamps are moved to the present. */
    private static final long SIMULATED_DAY = 1_767_225_600_000L;
    // the simulator's RFC 3164 stamp: English month, space-padded day, UTC; always 15 characters
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    private final FleetSimulator simulator;
    private final Map<String, Integer> expected = new ConcurrentHashMap<>();
    /** When each connection id was last counted: F5 lines cannot tell two attempts on one four-tuple apart. */
    private final Map<String, Long> countedAt = new ConcurrentHashMap<>();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger secondsSent = new AtomicInteger();
    private final AtomicInteger lines = new AtomicInteger();
    private volatile int stopAt = MAX_SECONDS;

    /**
     * @param seed              simulator seed: same seed, same lines second by second
     * @param failuresPerSecond sporadic failed handshakes per second over the fleet, besides the incidents
     */
    FleetTraffic(long seed, double failuresPerSecond) {
        // simulated on a fixed day and moved to now: one seed gives the same lines whenever the test runs
        this.simulator = new FleetSimulator(SimulatorSettings.defaults(seed)
                .withNoiseLinesPerSecond(150)
                .withBackgroundSslFailuresPerSecond(failuresPerSecond)
                .withIncident(new Incident("bigip-01.example.net", "10.10.1.10", 443, IncidentKind.CERT_EXPIRED,
                        SIMULATED_DAY + 2_000, SIMULATED_DAY + 20_000, 6))
                .withIncident(new Incident("bigip-02.example.net", "10.10.2.11", 443,
                        IncidentKind.NO_SHARED_CIPHER, SIMULATED_DAY + 20_000, SIMULATED_DAY + 40_000, 6)));
    }

    /**
     * Produces on a thread of its own until {@link #stopAfter}; the future fails if any line was not acknowledged
     * (the producer retries through a broker restart).
     */
    CompletableFuture<Void> produce(String bootstrapServers, String topic) {
        return CompletableFuture.runAsync(() -> {
            long wallStart = System.currentTimeMillis();
            long firstMs = wallStart / 1000 * 1000 - LEAD_MS;
            // no request may give up while the broker is away for a few seconds
            Map<String, Object> settings = Map.of("bootstrap.servers", bootstrapServers,
                    "delivery.timeout.ms", 120_000, "client.id", "faults-traffic");
            try (LogLineProducer producer = new LogLineProducer(settings, topic)) {
                for (int second = 0; second < stopAt; second++) {
                    long stampMs = firstMs + second * 1000L;
                    // faster than the clock while behind it, never stamped ahead of it
                    pauseUntil(Math.max(wallStart + (long) (second * 1000 / SPEED), stampMs + 1000));
                    for (TimedLine line : simulator.timedLinesForSecond(SIMULATED_DAY + second * 1000L)) {
                        long shifted = line.timestampMs() - SIMULATED_DAY + firstMs;
                        String text = STAMP.format(Instant.ofEpochMilli(shifted)) + line.line().substring(15);
                        producer.send(text, shifted);
                        lines.incrementAndGet();
                        expect(text, shifted);
                    }
                    producer.flush();
                    secondsSent.incrementAndGet();
                }
            }
        }, task -> {
            Thread thread = new Thread(task, "faults-traffic");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Ends the traffic {@code seconds} simulated seconds from now, and not before {@link #MIN_SECONDS}. */
    void stopAfter(int seconds) {
        stopAt = Math.max(MIN_SECONDS, secondsSent.get() + seconds);
    }

    /** Connection id → how many failed handshakes the lines sent hold for it (almost always 1). */
    Map<String, Integer> expectedOutcomes() {
        return Map.copyOf(expected);
    }

    int expectedTotal() {
        return expected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Failed handshakes that reused a four-tuple within the skew: one outcome with the earlier one. */
    int reusedFourTuples() {
        return reused.get();
    }

    int lineCount() {
        return lines.get();
    }

    /** Simulated seconds written so far. */
    int secondsSent() {
        return secondsSent.get();
    }

    /** Writes the expected connection ids, one a line, for diagnosis. */
    void write(Path file) {
        try {
            Files.write(file, new TreeMap<>(expected).entrySet().stream()
                    .map(e -> e.getValue() + "\t" + Instant.ofEpochMilli(countedAt.get(e.getKey())) + "\t" + e.getKey())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expect(String line, long stampMs) {
        Matcher m = HANDSHAKE_FAILED.matcher(line);
        if (m.matches()) {
            String id = HostPort.connectionId(ObserverName.of(m.group(1)), m.group(2), Integer.valueOf(m.group(3)), m.group(4),
                    Integer.valueOf(m.group(5)), null);
            // the simulator draws client ports at random, so a four-tuple now and then comes back: within the
            // join's skew the pipeline takes it for the same attempt (ConnectionJoinProcessor), and so do we
            Long before = countedAt.get(id);
            if (before != null && stampMs - before <= MAX_SKEW_MS) {
                reused.incrementAndGet();
                return;
            }
            countedAt.put(id, stampMs);
            expected.merge(id, 1, Integer::sum);
        }
    }

    private static void pauseUntil(long wallMs) {
        // pacing a producer is the scenario itself, not a wait for a condition
        long left = wallMs - System.currentTimeMillis();
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("traffic interrupted", e);
            }
        }
    }
}
