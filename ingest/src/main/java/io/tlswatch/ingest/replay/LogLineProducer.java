package io.tlswatch.ingest.replay;

import io.tlswatch.ingest.kafka.AccountedProducer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes raw log lines to one topic (default {@code f5.logs}) the way Telemetry Streaming does: UTF-8 bytes,
 * no key (or one key per export stream, {@link #send(String, String, long)}), with the given record timestamp. Durable settings are enforced ({@code acks=all},
 * {@code enable.idempotence=true}); {@code linger.ms} defaults to 5.
 *
 * <p>Sends are asynchronous. A failed send is counted and reported by the next {@link #flush()} or
 * {@link #close()}, which throw a {@link KafkaException} carrying the first error, so that a replay never
 * loses lines silently. Safe for use by several threads, like the underlying producer.
 */
public final class LogLineProducer extends AccountedProducer<byte[]> {

    private static final int DEFAULT_LINGER_MS = 5;

    /**
     * A producer for {@code topic} built from {@code clientSettings} (Kafka producer settings; must contain
     * {@code bootstrap.servers}). Serializers, {@code acks} and idempotence are set here, overriding any given.
     */
    public LogLineProducer(Map<String, Object> clientSettings, String topic) {
        this(new KafkaProducer<>(producerConfig(clientSettings), new ByteArraySerializer(), new ByteArraySerializer()),
                topic);
    }

    /** Wraps an existing producer, e.g. a {@code MockProducer} in tests; this class closes it. */
    LogLineProducer(Producer<byte[], byte[]> producer, String topic) {
        super(producer, topic, "records");
    }

    /**
     * The effective producer configuration for {@code clientSettings}: durable ({@code acks=all}, idempotent),
     * {@code linger.ms} 5 unless given. Shared by every tlswatch ingest producer.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> clientSettings) {
        Map<String, Object> config = new HashMap<>(clientSettings);
        Object bootstrap = config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + " is required");
        }
        // the pipeline accounts for every input line: no loss on leader change, no duplicates on retry
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tlswatch-ingest");
        // the serializers are passed as instances
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return config;
    }

    /**
     * Sends {@code line} as UTF-8 with no key and record timestamp {@code timestampMs} (epoch ms, {@code >= 0}).
     * Returns once the record is buffered; may block while the buffer is full.
     */
    public void send(String line, long timestampMs) {
        Objects.requireNonNull(line, "line");
        sendBytes(line.getBytes(StandardCharsets.UTF_8), timestampMs);
    }

    /**
     * Sends {@code line} as UTF-8 with record key {@code key} (UTF-8; null for none): the lines of one export
     * stream (a Netskope WebTx file: header, then rows) share a key, so they share a partition and keep their order.
     */
    public void send(String key, String line, long timestampMs) {
        Objects.requireNonNull(line, "line");
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must be >= 0: " + timestampMs);
        }
        send(key == null ? null : key.getBytes(StandardCharsets.UTF_8), timestampMs,
                line.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Writes raw bytes as one record (no key): replays of captured records, or deliberately bad input. */
    public void sendBytes(byte[] value, long timestampMs) {
        sendBytes(value, timestampMs, null);
    }

    /** Writes raw bytes as one record (no key) with record headers (null for none): the syslog receiver's sender. */
    public void sendBytes(byte[] value, long timestampMs, Iterable<Header> headers) {
        Objects.requireNonNull(value, "value");
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must be >= 0: " + timestampMs);
        }
        send(null, timestampMs, value, headers);
    }

    /**
     * Like {@link #sendBytes(byte[], long, Iterable)}, but false (nothing counted) when Kafka cannot take the record
     * now (no room in the buffer, or no metadata, within {@code max.block.ms}): the caller holds it and tries again.
     */
    public boolean trySendBytes(byte[] value, long timestampMs, Iterable<Header> headers) {
        Objects.requireNonNull(value, "value");
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must be >= 0: " + timestampMs);
        }
        return trySend(null, timestampMs, value, headers);
    }
}
