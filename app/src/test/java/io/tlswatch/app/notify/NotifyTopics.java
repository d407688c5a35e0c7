package io.tlswatch.app.notify;

import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The alerts and dead-letter topics of one {@link NotifyIT} test, a producer for alerts and the group's offsets. */
final class NotifyTopics implements AutoCloseable {
    static final int PARTITIONS = 3;

    private final KafkaCluster kafka;
    private final String alerts;
    private final String dlq;
    private final String group;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    NotifyTopics(KafkaCluster kafka, String prefix) {
        this.kafka = kafka;
        this.alerts = prefix + ".alerts";
        this.dlq = prefix + ".dlq";
        this.group = prefix + "-notify";
        kafka.createTopics(PARTITIONS, alerts);
        kafka.createTopics(1, dlq);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    String alerts() {
        return alerts;
    }

    String dlq() {
        return dlq;
    }

    String group() {
        return group;
    }

    /** Writes an alert keyed by its dedup key, as the pipeline does, and waits for the broker. */
    void send(AlertEvent event) {
        sendRaw(event.dedupKey(), JsonSerde.of(AlertEvent.class).serializer().serialize(alerts, event));
    }

    void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(alerts, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + alerts, e);
        }
    }

    /** The group's committed offsets on the alerts topic (empty when it never committed). */
    Map<TopicPartition, Long> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> c =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return c.entrySet().stream().filter(e -> e.getValue() != null && e.getKey().topic().equals(alerts))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records of the alerts topic the group has not committed past. */
    long uncommitted() {
        Set<TopicPartition> parts = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(alerts, p))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> committed = committed();
        try (KafkaConsumer<String, String> c = reader()) {
            return c.endOffsets(parts).entrySet().stream()
                    .mapToLong(e -> e.getValue() - committed.getOrDefault(e.getKey(), 0L)).sum();
        }
    }

    /** Reads the dead-letter topic until {@code count} letters arrived. */
    List<DeadLetter> deadLetters(int count, Duration timeout) {
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = reader()) {
            c.assign(List.of(new TopicPartition(dlq, 0)));
            c.seekToBeginning(c.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        out.add(Json.MAPPER.readValue(r.value().getBytes(StandardCharsets.UTF_8), DeadLetter.class));
                    } catch (java.io.IOException e) {
                        throw new AssertionError("dead letter is not JSON: " + r.value(), e);
                    }
                }
            }
        }
        if (out.size() < count) {
            throw new AssertionError("expected " + count + " dead letters within " + timeout + ", got " + out);
        }
        return out;
    }

    private KafkaConsumer<String, String> reader() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer());
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
