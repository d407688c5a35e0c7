package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.kafka.AccountedProducer;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
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
public final class PacketSummaryProducer extends AccountedProducer<String> {


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
        super(producer, topic, "summaries");
    }

    /**
     * Sends one summary keyed by its connection id. Returns once the record is buffered; may block while the
     * buffer is full.
     */
    public void send(PacketSummary summary) {
        Objects.requireNonNull(summary, "summary");
        byte[] value = Json.write(summary).getBytes(StandardCharsets.UTF_8);
        send(summary.connectionId(), null, value);
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
        send(summary.connectionId(), timestampMs, value);
    }

    /**
     * Sends a summary as the JSON bytes a file holds ({@code tlswatch analyze --packets}), keyed by its connection id
     * (null when the bytes are not a summary: the pipeline dead-letters them), at {@code timestampMs} ({@code >= 0}).
     */
    public void sendRaw(String connectionId, byte[] json, long timestampMs) {
        Objects.requireNonNull(json, "json");
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must be >= 0: " + timestampMs);
        }
        send(connectionId, timestampMs, json);
    }
}
