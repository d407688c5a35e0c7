package io.tlswatch.app.notify;

import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes an alert record that cannot be delivered to {@code tlswatch.dlq}, in the pipeline's {@link DeadLetter}
 * shape (original key and value in base64, source coordinates, reason code, detail), and waits for the broker's
 * acknowledgement before the notifier commits past it. In {@code --dry-run} it prints instead.
 */
final class DeadLetterWriter implements AutoCloseable {
    /** Reason: the value is not an alert event (not JSON, wrong shape, missing fields). */
    static final String INVALID_ALERT = "invalid_alert";
    /** Reason: a target refused the alert for good (HTTP 4xx other than 408/429). */
    static final String DELIVERY_REJECTED = "delivery_rejected";
    private static final long ACK_TIMEOUT_MS = 120_000;

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final PrintWriter dryRun;

    private DeadLetterWriter(String topic, KafkaProducer<byte[], byte[]> producer, PrintWriter dryRun) {
        this.topic = topic;
        this.producer = producer;
        this.dryRun = dryRun;
    }

    static DeadLetterWriter toKafka(Map<String, Object> client, String topic) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, client.getOrDefault("client.id", "tlswatch-notify") + "-dlq");
        props.keySet().removeIf(k -> k.startsWith("group.") || k.startsWith("isolation.") || k.startsWith("auto."));
        return new DeadLetterWriter(topic,
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()), null);
    }

    static DeadLetterWriter printing(String topic, PrintWriter out) {
        return new DeadLetterWriter(topic, null, out);
    }

    /** Writes the dead letter of {@code record} and waits until the broker has it. */
    void write(ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
        DeadLetter letter = of(record, reason, detail);
        if (dryRun != null) {
            dryRun.println("dlq " + topic + " " + Json.write(letter));
            dryRun.flush();
            return;
        }
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), Json.write(letter).getBytes(StandardCharsets.UTF_8)))
                    .get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write a dead letter to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter to " + topic, e);
        }
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
        return DeadLetter.of(reason, detail, record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value());
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
