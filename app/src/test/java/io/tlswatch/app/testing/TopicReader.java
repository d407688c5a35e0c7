package io.tlswatch.app.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one topic from its start (committed records only) and keeps what it read, so that a test waits on a
 * condition over everything seen so far rather than for a number of seconds:
 *
 * <pre>{@code
 * try (TopicReader<String, Doc> docs = new TopicReader<>(kafka, topic, strings, docSerde)) {
 *     docs.awaitValues(got -> got.size() >= 3, Duration.ofSeconds(60));
 * }
 * }</pre>
 * To show that something does not appear, wait for a later marker record instead of waiting a while.
 */
public final class TopicReader<K, V> implements AutoCloseable {
    private final KafkaConsumer<K, V> consumer;
    private final String topic;
    private final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    private BooleanSupplier failFast = () -> false;
    private String failFastReason = "";

    public TopicReader(KafkaCluster kafka, String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueName("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(props, keys, values);
        consumer.subscribe(List.of(topic));
    }

    /**
     * Stops every wait at once, with {@code reason}, when {@code condition} holds (e.g. the application under
     * test stopped): a wait that can no longer succeed should not use up its time.
     */
    public TopicReader<K, V> failFast(String reason, BooleanSupplier condition) {
        this.failFastReason = reason;
        this.failFast = condition;
        return this;
    }

    /** Reads what is available now (one short poll) and returns everything read so far. */
    public List<ConsumerRecord<K, V>> poll() {
        for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(100))) {
            records.add(r);
        }
        return List.copyOf(records);
    }

    /** Everything read so far, without reading. */
    public List<ConsumerRecord<K, V>> records() {
        return List.copyOf(records);
    }

    public List<V> values() {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** Reads until the records read so far satisfy {@code done}; fails after {@code atMost}. */
    public List<ConsumerRecord<K, V>> await(Predicate<List<ConsumerRecord<K, V>>> done, Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).pollInSameThread().pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                .failFast(failFastReason, failFast::getAsBoolean)
                .until(() -> done.test(poll()));
        return records();
    }

    /**
     * Reads up to the end every partition has now (for read_committed, the last committed record): once records
     * were written and acknowledged, what they are, and that nothing else is there, without waiting a while.
     */
    public List<ConsumerRecord<K, V>> awaitEnd(Duration atMost) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return await(got -> consumer.assignment().containsAll(partitions)
                && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp)), atMost);
    }

    /** Like {@link #await}, over the values. */
    public List<V> awaitValues(Predicate<List<V>> done, Duration atMost) {
        await(got -> done.test(got.stream().map(ConsumerRecord::value).toList()), atMost);
        return values();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
