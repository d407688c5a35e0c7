package io.tlswatch.app.inventory;

import io.tlswatch.processors.inventory.InventoryKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Where an inventory command writes: the topic and the Kafka client settings ({@link io.tlswatch.app.KafkaTargetOptions}). */
record InventoryTarget(String topic, Map<String, Object> client) {
    private static final int ADMIN_TIMEOUT_MS = 30_000;

    /** Whether the topic exists; asked before writing where a broker's auto-creation would make a plain topic. */
    boolean topicExists() throws InterruptedException {
        try (Admin admin = Admin.create(client)) {
            return admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + client.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + client.get("bootstrap.servers")
                    + " within " + ADMIN_TIMEOUT_MS / 1000 + " s", e);
        }
    }

    /**
     * The keys of the CSV rows the topic holds now ({@code ...#csv} whose last record is not a tombstone): the
     * topic read from its beginning to the end it had when asked, without a consumer group.
     *
     * @throws IllegalStateException when the end is not reached within the admin timeout
     */
    Set<String> loadedCsvKeys() {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Set<String> live = new TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ADMIN_TIMEOUT_MS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMillis(ADMIN_TIMEOUT_MS)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofMillis(ADMIN_TIMEOUT_MS));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within "
                            + ADMIN_TIMEOUT_MS / 1000 + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().endsWith(InventoryKeys.CSV_SUFFIX)) {
                        continue;
                    }
                    if (r.value() == null) {
                        live.remove(r.key());
                    } else {
                        live.add(r.key());
                    }
                }
            }
        }
        return live;
    }
}
