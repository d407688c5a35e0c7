package io.tlswatch.app.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads partitions from their beginning up to (not including) given offsets with a consumer of its own: no
 * group, no commits. The notifier rebuilds from it what it already delivered.
 */
final class HistoryReplay {
    private static final Duration POLL = Duration.ofMillis(200);

    private HistoryReplay() {}

    /**
     * Hands every record below {@code upTo} of each partition to {@code each}, in offset order per partition.
     *
     * @throws IllegalStateException when the history cannot be read within {@code timeout}
     */
    static long replay(Map<String, Object> client, Map<TopicPartition, Long> upTo,
            Consumer<ConsumerRecord<byte[], byte[]>> each, Duration timeout) {
        Map<TopicPartition, Long> wanted = new HashMap<>(upTo);
        wanted.values().removeIf(offset -> offset == null || offset <= 0);
        if (wanted.isEmpty()) {
            return 0;
        }
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer(client)) {
            c.assign(wanted.keySet());
            c.seekToBeginning(wanted.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!wanted.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the history of " + wanted.keySet() + " within "
                            + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    Long end = wanted.get(new TopicPartition(r.topic(), r.partition()));
                    if (end != null && r.offset() < end) {
                        each.accept(r);
                        records++;
                    }
                }
                wanted.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                c.pause(c.assignment().stream().filter(p -> !wanted.containsKey(p)).toList());
            }
        }
        return records;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> client) {
        Map<String, Object> props = new HashMap<>(client);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove("group.instance.id");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, client.getOrDefault("client.id", "tlswatch-notify") + "-replay");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
