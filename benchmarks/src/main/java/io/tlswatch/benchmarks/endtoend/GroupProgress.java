package io.tlswatch.benchmarks.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of a consumer group over pre-produced input, measured from outside the application and the same
 * way for every application: the group's committed offsets on the input topics ({@code listConsumerGroupOffsets})
 * against their end offsets ({@code listOffsets}), read every {@link #POLL}.
 *
 * <p>The clock starts at the first read that shows any committed offset (the first commit, one commit interval
 * after consumption began) and stops at the first read where every input partition's committed offset has
 * reached its end offset. The records counted are those committed in between, so start-up and the first commit
 * interval count for nobody: {@code records / seconds} compares like with like.
 */
final class GroupProgress implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(100);

    /**
     * The measurement: records committed between the first commit and the end, and how long that took; {@code halfMs}
     * is when half of them were committed, -1 when not seen, and {@code recordsAfterHalf} what was committed after.
     */
    record Result(long records, long firstCommitMs, long doneMs, long launchedMs, long halfMs,
            long recordsAfterHalf) {

        double seconds() {
            return (doneMs - firstCommitMs) / 1000.0;
        }

        double recordsPerSecond() {
            return records / Math.max(0.001, seconds());
        }

        /**
         * From the first read showing half of the measured records committed to the end: the warmed-up rate, with
         * start-up, class loading and most of the JIT compiler's work behind (0 when not measured).
         */
        double secondHalfRecordsPerSecond() {
            return halfMs < 0 || doneMs <= halfMs ? 0 : recordsAfterHalf / ((doneMs - halfMs) / 1000.0);
        }

        /** From the child JVM's launch to the end: start-up, rebalance and the whole input. */
        double wallSeconds() {
            return (doneMs - launchedMs) / 1000.0;
        }
    }

    private static final long TIMEOUT_MS = 30_000;

    private final Admin admin;
    private final List<TopicPartition> inputs;

    GroupProgress(String bootstrapServers, List<String> inputTopics) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.inputs = partitions(inputTopics);
    }

    /** End offsets of the input topics, summed: the number of records the application has to consume. */
    long endTotal() {
        return ends().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until {@code groupId} has committed the end of every input partition.
     *
     * @param alive      false once the application died: the wait stops with an exception
     * @param launchedMs wall clock at which the application was started
     */
    Result await(String groupId, long launchedMs, Duration timeout, BooleanSupplier alive) throws InterruptedException {
        Map<TopicPartition, Long> ends = ends();
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long firstMs = -1;
        long committedAtFirst = 0;
        long halfMs = -1;
        long committedAtHalf = 0;
        while (true) {
            long now = System.currentTimeMillis();
            Map<TopicPartition, Long> committed = committed(groupId);
            long sum = committed.values().stream().mapToLong(Long::longValue).sum();
            if (firstMs < 0 && sum > 0) {
                firstMs = now;
                committedAtFirst = sum;
            }
            if (firstMs >= 0 && halfMs < 0 && sum - committedAtFirst >= (total - committedAtFirst) / 2) {
                halfMs = now;
                committedAtHalf = sum;
            }
            boolean done = ends.entrySet().stream()
                    .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (done && firstMs >= 0) {
                return new Result(total - committedAtFirst, firstMs, now, launchedMs, halfMs, total - committedAtHalf);
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(groupId + " stopped after committing " + sum + " of " + total);
            }
            if (now > deadline) {
                throw new IllegalStateException(groupId + " committed " + sum + " of " + total + " records in "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Input records {@code groupId} has not committed yet. */
    long lag(String groupId) {
        Map<TopicPartition, Long> committed = committed(groupId);
        return ends().entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
    }

    private Map<TopicPartition, Long> ends() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        inputs.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        get(admin.listOffsets(latest).all()).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, o) -> {
            if (o != null && inputs.contains(tp)) {
                out.put(tp, o.offset());
            }
        });
        return out;
    }

    private List<TopicPartition> partitions(List<String> topics) {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> out = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition()))));
        return List.copyOf(out);
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
