package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.kafka.SendAccount;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@link PacketSummary} records to one topic (default {@code f5.packets}) as JSON, keyed by connection
 * id, so that every summary of a connection lands on one partition and meets its siblings in the Streams join
 * (DESIGN §3, §5). Same durable settings as {@link LogLineProducer} ({@code acks=all}, idempotent,
 * {@code linger.ms=5}); the record timestamp is the producer's clock, the time the summary entered Kafka.
 *
 * <p>Sends are asynchronous. A failed send is counted and reported by the next {@link #flush()} or
 * {@link #close()}, which throw a {@link KafkaException} carrying the first error. Safe for use by several
 * threads, like the underlying producer.
 */
public final class PacketSummaryProducer implements AutoCloseable {


    private final Producer<String, byte[]> producer;
    private final String topic;
    private final SendAccount account;

    /**
     * A producer for {@code topic} built from {@code clientSettings} (Kafka producer settings; must contain
     * {@code bootstrap.servers}). Serializers, {@code acks} and idempotence are set here, overriding any given.
     */
    public PacketSummaryProducer(Map<String, Object> clientSettings, String topic) {
        this(new KafkaProducer<>(LogLineProducer.producerConfig(clientSettings), new StringSerializer(),
                new ByteArraySerializer()), topic);
    }

    /** Wraps an existing producer, e.g. a {@code MockProducer} in tests; this class closes it. */
    PacketSummaryProducer(Producer<String, byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        this.account = new SendAccount(topic, "summaries");
    }

    /**
     * Sends one summary keyed by its connection id. Returns once the record is buffered; may block while the
     * buffer is full.
     */
    public void send(PacketSummary summary) {
        Objects.requireNonNull(summary, "summary");
        byte[] value = Json.write(summary).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, summary.connectionId(), value), account.sending());
    }

    /**
     * Sends one summary keyed by its connection id with the given record timestamp (epoch ms, {@code >= 0}):
     * replays of old captures ({@code tlswatch analyze}) stamp each summary with its packets' own time, so that
     * windows follow the capture's timeline.
     */
    public void send(PacketSummary summary, long timestampMs) {
        Objects.requireNonNull(summary, "summary");
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must be >= 0: " + timestampMs);
        }
        byte[] value = Json.write(summary).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, null, timestampMs, summary.connectionId(), value), account.sending());
    }

    /**
     * Blocks until every record sent so far is acknowledged or has failed.
     *
     * @throws KafkaException if a send failed since the last report, with the first such error as its cause
     */
    public void flush() {
        producer.flush();
        account.reportFailures();
    }

    /** Summaries handed to the producer. */
    public long sent() {
        return account.sent();
    }

    /** Summaries the broker has acknowledged. */
    public long acknowledged() {
        return account.acknowledged();
    }

    /** Summaries that could not be written. */
    public long failed() {
        return account.failed();
    }

    public String topic() {
        return topic;
    }

    /**
     * Sends what is buffered, closes the producer, then reports failures like {@link #flush()}.
     *
     * @throws KafkaException if a send failed and was not reported yet
     */
    @Override
    public void close() {
        producer.close();
        account.reportFailures();
    }
}
