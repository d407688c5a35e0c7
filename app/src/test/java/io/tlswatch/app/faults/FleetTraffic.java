package io.tlswatch.app.faults;

import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.Incident;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.schemas.HostPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated fleet traffic with its ground truth: {@code seconds} seconds of {@link FleetSimulator} lines
 * (healthy noise, sporadic failures, two incidents that must page and resolve), produced to {@code f5.logs}
 * {@code speed} times faster than they were stamped. The stamps start in the past so that none is ever ahead of
 * the wall clock. The expected outcomes come from the lines themselves: each failed handshake ends its burst
 * with one {@code 01260013} line naming the connection, which becomes exactly one record on
 * {@code tlswatch.handshakes}.
 */
final class FleetTraffic {
    /** Clients refuse the certificate of this VIP during the first incident. */
    static final String EXPIRED_ALERT = "tlswatch/bigip-01.example.net/10.10.1.10:443/cert_expired";
    /** No cipher in common on this VIP during the second incident. */
    static final String CIPHER_ALERT = "tlswatch/bigip-02.example.net/10.10.2.11:443/no_shared_cipher";

    // Mmm dd HH:MM:SS host severity process[pid]: 01260013:level: SSL Handshake failed for TCP c:cp -> v:vp
    private static final Pattern HANDSHAKE_FAILED = Pattern.compile(
            "^.{15} (\\S+) \\S+ \\S+: 01260013:\\d: SSL Handshake failed for TCP (\\S+):(\\d+) -> (\\S+):(\\d+)$");

    /** 2026-01-01T00:00:00Z, where the simulation runs before its stamps are moved to the present. */
    private static final long SIMULATED_DAY = 1_767_225_600_000L;
    // the simulator's RFC 3164 stamp: English month, space-padded day, UTC; always 15 characters
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    private final List<TimedLine> lines;
    private final Map<String, Integer> expected = new HashMap<>();
    private final double speed;
    private final long firstMs;
    private final AtomicInteger secondsSent = new AtomicInteger();
    private final int seconds;

    /**
     * @param seed    simulator seed: same seed, same lines
     * @param seconds simulated seconds; incidents fill the first and the second third
     * @param speed   simulated seconds per wall-clock second
     */
    FleetTraffic(long seed, int seconds, double speed, double failuresPerSecond) {
        this.speed = speed;
        this.seconds = seconds;
        long now = System.currentTimeMillis() / 1000 * 1000;
        // the last stamp is reached when the wall clock gets there, never before
        this.firstMs = now - (long) (seconds * 1000 * (speed - 1) / speed);
        // simulated on a fixed day and moved to now: one seed gives the same lines whenever the test runs
        long third = seconds * 1000L / 3;
        SimulatorSettings settings = SimulatorSettings.defaults(seed)
                .withNoiseLinesPerSecond(150)
                .withBackgroundSslFailuresPerSecond(failuresPerSecond)
                .withIncident(new Incident("bigip-01.example.net", "10.10.1.10", 443, IncidentKind.CERT_EXPIRED,
                        SIMULATED_DAY + 2_000, SIMULATED_DAY + third, 6))
                .withIncident(new Incident("bigip-02.example.net", "10.10.2.11", 443,
                        IncidentKind.NO_SHARED_CIPHER, SIMULATED_DAY + third, SIMULATED_DAY + 2 * third, 6));
        long shift = firstMs - SIMULATED_DAY;
        this.lines = new FleetSimulator(settings).stream(SIMULATED_DAY, SIMULATED_DAY + seconds * 1000L)
                .map(line -> new TimedLine(line.timestampMs() + shift,
                        STAMP.format(Instant.ofEpochMilli(line.timestampMs() + shift)) + line.line().substring(15)))
                .toList();
        for (TimedLine line : lines) {
            Matcher m = HANDSHAKE_FAILED.matcher(line.line());
            if (m.matches()) {
                String id = HostPort.connectionId(m.group(1), m.group(2), Integer.valueOf(m.group(3)), m.group(4),
                        Integer.valueOf(m.group(5)), null);
                expected.merge(id, 1, Integer::sum);
            }
        }
    }

    /** Connection id → how many failed handshakes the input holds for it (almost always 1). */
    Map<String, Integer> expectedOutcomes() {
        return Map.copyOf(expected);
    }

    int expectedTotal() {
        return expected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Writes the expected connection ids, one a line, for diagnosis. */
    void write(Path file) {
        try {
            Files.write(file, new TreeMap<>(expected).entrySet().stream().map(e -> e.getValue() + "\t" + e.getKey())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int lineCount() {
        return lines.size();
    }

    /** Simulated seconds written so far. */
    int secondsSent() {
        return secondsSent.get();
    }

    int seconds() {
        return seconds;
    }

    /**
     * Produces the lines on a thread of its own, one simulated second at a time, paced by the wall clock. The
     * future fails if any line was not acknowledged (the producer retries through a broker restart).
     */
    CompletableFuture<Void> produce(String bootstrapServers, String topic) {
        return CompletableFuture.runAsync(() -> {
            long wallStart = System.currentTimeMillis();
            // no request may give up while the broker is away for a few seconds
            Map<String, Object> settings = Map.of("bootstrap.servers", bootstrapServers, "delivery.timeout.ms", 120_000,
                    "client.id", "faults-traffic");
            try (LogLineProducer producer = new LogLineProducer(settings, topic)) {
                int i = 0;
                for (int second = 0; second < seconds; second++) {
                    long due = wallStart + (long) (second * 1000 / speed);
                    pauseUntil(due);
                    long end = firstMs + (second + 1) * 1000L;
                    for (; i < lines.size() && lines.get(i).timestampMs() < end; i++) {
                        producer.send(lines.get(i).line(), lines.get(i).timestampMs());
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
