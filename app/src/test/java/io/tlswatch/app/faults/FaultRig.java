package io.tlswatch.app.faults;

import io.tlswatch.app.testing.PipelineSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault scenario's application: its id and topic names (unique, so scenarios can share a cluster), a
 * properties file per instance (each its own state directory), and the processes started, killed and stopped.
 * Files live under {@code target/faults-it/<scenario>/} and are kept for diagnosis.
 *
 * <p>{@code -Dtlswatch.faults.guarantee=at_least_once} runs every scenario without exactly-once: the checks
 * must then fail (duplicates after a kill), which shows they can.
 */
final class FaultRig implements AutoCloseable {
    static final int PARTITIONS = 3;
    /** The processing guarantee under test; only a check of the checks changes it. */
    static final String GUARANTEE = System.getProperty("tlswatch.faults.guarantee", "exactly_once_v2");
    /** How long an instance may take to report RUNNING on {@code /health}. */
    static final Duration START = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String applicationId;
    private final Path dir;
    private final Map<String, String> topics = new LinkedHashMap<>();
    private final List<AppProcess> started = new ArrayList<>();
    private final AtomicInteger starts = new AtomicInteger();
    private final long createdNanos = System.nanoTime();

    FaultRig(String scenario, String uniqueName, String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.applicationId = uniqueName;
        this.dir = Path.of("target", "faults-it", scenario + "-" + System.currentTimeMillis()).toAbsolutePath();
        for (String name : PipelineSettings.TOPICS) {
            topics.put(name, uniqueName + "." + name);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints one line of the scenario's timeline on standard error (the test report keeps it). */
    void note(String format, Object... args) {
        System.err.printf("faults %s +%.1fs: %s%n", dir.getFileName(), (System.nanoTime() - createdNanos) / 1e9,
                format.formatted(args));
    }

    /** Where the scenario keeps its files. */
    Path dir() {
        return dir;
    }

    String applicationId() {
        return applicationId;
    }

    String topic(String name) {
        return topics.get(name);
    }

    String[] topicNames() {
        return topics.values().toArray(String[]::new);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Starts instance {@code instance} (its state directory is kept across its restarts) and waits until it runs;
     * every start logs to a file of its own.
     */
    AppProcess start(String instance) {
        Path config = writeConfig(instance);
        String name = instance + "#" + starts.incrementAndGet();
        AppProcess app = AppProcess.start(name, config, dir.resolve(name.replace('#', '-') + ".log"));
        started.add(app);
        return app.awaitRunning(START);
    }

    Path stateDir(String instance) {
        return dir.resolve("state-" + instance);
    }

    OutputLedger ledger() {
        return new OutputLedger(bootstrapServers, topic("handshakes"), topic("alerts"), PARTITIONS);
    }

    /**
     * Waits for the complete output (keeping what was expected and what was read under the scenario directory,
     * pass or fail), then checks it: every outcome exactly once, every alert lifecycle whole.
     */
    void settleAndCheck(FleetTraffic traffic, OutputLedger ledger) {
        note("traffic sent: %d lines, %d outcomes expected (%d reused four-tuples folded)", traffic.lineCount(),
                traffic.expectedTotal(), traffic.reusedFourTuples());
        try {
            ledger.awaitSettled(traffic.expectedOutcomes(), Duration.ofSeconds(90));
            note("settled: %d outcomes read", ledger.outcomeCount());
        } catch (AssertionError e) {
            // rule out the reader: a consumer of its own, from the beginning, must miss the same outcomes
            try (OutputLedger fresh = ledger()) {
                fresh.awaitQuiet();
                note("a second reader misses %d of the expected outcomes", fresh.missing(traffic.expectedOutcomes()));
            }
            throw e;
        } finally {
            traffic.write(dir.resolve("expected.tsv"));
            ledger.write(dir.resolve("handshakes.tsv"));
            for (AppProcess app : started) {
                if (app.isAlive()) {
                    app.writeMetrics(dir.resolve(app.name().replace('#', '-') + ".metrics"));
                }
            }
        }
        ledger.assertExactlyOnce(traffic.expectedOutcomes());
        ledger.assertAlertLifecycles(Set.of(FleetTraffic.EXPIRED_ALERT, FleetTraffic.CIPHER_ALERT));
    }

    @Override
    public void close() {
        started.forEach(AppProcess::close);
    }

    private Path writeConfig(String instance) {
        Properties p = new Properties();
        p.setProperty("application.id", applicationId);
        p.setProperty("kafka.bootstrap.servers", bootstrapServers);
        p.setProperty("kafka.state.dir", stateDir(instance).toString());
        p.setProperty("kafka.processing.guarantee", GUARANTEE);
        // a killed member leaves the group after 6 s (the broker's minimum), not the default 45 s
        p.setProperty("kafka.session.timeout.ms", "6000");
        p.setProperty("kafka.heartbeat.interval.ms", "1500");
        p.setProperty("http.port", "0");
        topics.forEach((name, topic) -> p.setProperty("topics." + name, topic));
        p.setProperty("topics.partitions", Integer.toString(PARTITIONS));
        // short windows, so that alerts fire and resolve within a test
        p.setProperty("join.wait", "1s");
        p.setProperty("rates.bucket", "1s");
        p.setProperty("rates.every", "1s");
        p.setProperty("alerts.window", "5s");
        p.setProperty("alerts.window.long", "10s");
        p.setProperty("alerts.warmup", "0s");
        p.setProperty("alerts.resolve.hold", "1s");
        p.setProperty("alerts.check.every", "500ms");
        Path file = dir.resolve(instance + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "tlswatch fault scenario " + dir.getFileName() + ", instance " + instance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
