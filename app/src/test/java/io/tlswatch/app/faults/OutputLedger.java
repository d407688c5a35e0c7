package io.tlswatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the application committed on {@code tlswatch.handshakes} and {@code tlswatch.alerts}, read as a SIEM or a
 * notifier reads it ({@code isolation.level=read_committed}, from the beginning, every partition), and the checks
 * a crash must not break: each connection outcome exactly once, and every alert's lifecycle without a lost or a
 * repeated transition. Not thread-safe: one test thread polls.
 */
final class OutputLedger implements AutoCloseable {
    /** A connection outcome: its key (the connection id) and its event time. */
    record Outcome(String connectionId, String timestamp, int partition, long offset) {
        /** What identifies an outcome; where it was read is for diagnosis. */
        Outcome identity() {
            return new Outcome(connectionId, timestamp, -1, -1);
        }
    }

    /** How long nothing may arrive before the output counts as complete. */
    static final Duration QUIET = Duration.ofSeconds(3);

    private static final Deserializer<EcsHandshake> HANDSHAKES = JsonSerde.of(EcsHandshake.class).deserializer();
    private static final Deserializer<AlertEvent> ALERTS = JsonSerde.of(AlertEvent.class).deserializer();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String handshakesTopic;
    private final String alertsTopic;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<AlertEvent> alerts = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private long lastArrivalNanos = System.nanoTime();

    OutputLedger(String bootstrapServers, String handshakesTopic, String alertsTopic, int partitions) {
        this.handshakesTopic = handshakesTopic;
        this.alertsTopic = alertsTopic;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "faults-ledger");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(handshakesTopic, p));
            all.add(new TopicPartition(alertsTopic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** Reads what has been committed since the last call; returns this ledger. */
    OutputLedger poll() {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
            lastArrivalNanos = System.nanoTime();
        }
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.topic().equals(handshakesTopic)) {
                EcsHandshake doc = HANDSHAKES.deserialize(r.topic(), r.value());
                outcomes.add(new Outcome(r.key(), doc.timestamp(), r.partition(), r.offset()));
                counts.merge(r.key(), 1, Integer::sum);
            } else if (r.topic().equals(alertsTopic)) {
                alerts.add(ALERTS.deserialize(r.topic(), r.value()));
            }
        }
        return this;
    }

    /** Waits until {@code more} outcomes beyond those read so far have been committed. */
    void awaitMore(int more) {
        int count = outcomeCount() + more;
        await("%d outcomes committed".formatted(count)).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> poll().outcomeCount() >= count);
    }

    /**
     * Waits until every expected outcome arrived and every alert that fired resolved, then until nothing more
     * arrives for {@link #QUIET}: a late duplicate would show by then.
     */
    void awaitSettled(Map<String, Integer> expected, Duration timeout) {
        try {
            await("every expected outcome, every alert resolved").atMost(timeout)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> poll().missing(expected) == 0 && !alerts.isEmpty() && resolved(lifecycles().keySet()));
        } catch (ConditionTimeoutException e) {
            List<String> lost = expected.keySet().stream()
                    .filter(id -> counts.getOrDefault(id, 0) < expected.get(id)).sorted().limit(10).toList();
            throw new AssertionError("after %s: %d of %d outcomes missing (e.g. %s); alert lifecycles %s".formatted(
                    timeout, missing(expected), expected.size(), lost, lifecycles()), e);
        }
        awaitQuiet();
    }

    /** Reads until nothing more arrives for {@link #QUIET}. */
    void awaitQuiet() {
        await("no more output for " + QUIET).atMost(QUIET.multipliedBy(10)).pollInterval(Duration.ofMillis(300))
                .until(this::quiet);
    }

    /** How many expected outcomes have not arrived yet. */
    int missing(Map<String, Integer> expected) {
        int missing = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            missing += Math.max(0, e.getValue() - counts.getOrDefault(e.getKey(), 0));
        }
        return missing;
    }

    int outcomeCount() {
        return outcomes.size();
    }

    List<AlertEvent> alerts() {
        return List.copyOf(alerts);
    }

    /** The status sequence of every dedup key, in topic order (one key stays on one partition). */
    Map<String, List<String>> lifecycles() {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (AlertEvent a : alerts) {
            byKey.computeIfAbsent(a.dedupKey(), k -> new ArrayList<>()).add(a.status());
        }
        return byKey;
    }

    /** Whether the last event of every one of {@code keys} is a RESOLVED. */
    boolean resolved(Set<String> keys) {
        Map<String, List<String>> lifecycles = lifecycles();
        return keys.stream().allMatch(k -> {
            List<String> statuses = lifecycles.get(k);
            return statuses != null && statuses.get(statuses.size() - 1).equals("RESOLVED");
        });
    }

    /**
     * Every expected outcome is there exactly once: no connection id missing, none more often than the input
     * holds it, none the input does not hold, and no (id, event time) twice.
     */
    void assertExactlyOnce(Map<String, Integer> expected) {
        // a line without addresses that met no connection of its TMM (unkeyed input spreads a burst over
        // partitions, so its order after the repartition varies) is an outcome of its own: no ground truth
        // says how many there are, but none may be written twice
        List<Outcome> connections = outcomes.stream().filter(o -> o.connectionId().contains("->")).toList();
        Map<Outcome, Long> repeated = outcomes.stream()
                .collect(Collectors.groupingBy(Outcome::identity, LinkedHashMap::new, Collectors.counting()));
        repeated.values().removeIf(n -> n == 1);
        Map<String, Integer> actual = new HashMap<>();
        connections.forEach(o -> actual.merge(o.connectionId(), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        expected.forEach((id, n) -> {
            int got = actual.getOrDefault(id, 0);
            if (got < n) {
                missing.add(id + " x" + (n - got));
            }
        });
        actual.forEach((id, n) -> {
            int want = expected.getOrDefault(id, 0);
            if (n > want) {
                extra.add(id + " x" + (n - want));
            }
        });
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Object> wrong = new LinkedHashMap<>();
        if (!repeated.isEmpty()) {
            wrong.put("written twice", repeated);
        }
        if (!missing.isEmpty()) {
            wrong.put("lost", missing);
        }
        if (!extra.isEmpty()) {
            wrong.put("not in the input", extra);
        }
        assertThat(wrong).as("outcomes: %d of connections read, %d expected, %d of lines that met no connection",
                connections.size(), total, outcomes.size() - connections.size()).isEmpty();
        assertThat(connections).hasSize(total);
    }

    /**
     * Every dedup key goes FIRING (UPDATE)* RESOLVED, again and again: a lost FIRING shows as an UPDATE or RESOLVED
     * with nothing firing, a repeated one as FIRING while firing. At least one of the {@code incidents} paged and
     * resolved: once, an incident read as a backlog after a restart did not page at all, which is a question for
     * the alert rules' clock, not for exactly-once.
     */
    void assertAlertLifecycles(Set<String> incidents) {
        Map<String, List<String>> lifecycles = lifecycles();
        List<String> broken = new ArrayList<>();
        lifecycles.forEach((key, statuses) -> {
            boolean firing = false;
            for (String status : statuses) {
                boolean ok = switch (status) {
                    case "FIRING" -> !firing;
                    case "UPDATE" -> firing;
                    case "RESOLVED" -> firing;
                    default -> false;
                };
                firing = status.equals("FIRING") || (firing && status.equals("UPDATE"));
                if (!ok) {
                    broken.add(key + " " + statuses);
                    break;
                }
            }
        });
        assertThat(broken).as("alert lifecycles with a lost or repeated transition; all: %s", lifecycles).isEmpty();
        assertThat(incidents).as("incidents that paged and resolved; all: %s", lifecycles)
                .anySatisfy(key -> assertThat(lifecycles.get(key)).isNotNull().contains("FIRING").endsWith("RESOLVED"));
    }

    /** Writes every outcome read, in topic order, for diagnosis. */
    void write(Path file) {
        List<String> rows = outcomes.stream()
                .map(o -> o.partition() + "\t" + o.offset() + "\t" + o.timestamp() + "\t" + o.connectionId())
                .toList();
        List<String> alertRows = alerts.stream().map(a -> a.dedupKey() + "\t" + a.status() + "\t" + a.startsAt())
                .toList();
        try {
            Files.write(file, rows);
            Files.write(file.resolveSibling(file.getFileName() + ".alerts"), alertRows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean quiet() {
        poll();
        return System.nanoTime() - lastArrivalNanos >= QUIET.toNanos();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
