package io.tlswatch.benchmarks.endtoend;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends {@link InputFeed} records with the durable settings of the ingest tools ({@code acks=all}, idempotent),
 * counts what it sent, and fails on the first send error instead of losing records quietly.
 */
final class FeedProducer implements AutoCloseable {
    /** What was sent, by kind. */
    static final class Composition {
        private final Map<InputFeed.Kind, Long> byKind = new EnumMap<>(InputFeed.Kind.class);
        private long ssl;
        private long incident;
        private long bytes;

        synchronized void add(InputFeed.Out o) {
            byKind.merge(o.kind(), 1L, Long::sum);
            ssl += o.ssl() ? 1 : 0;
            incident += o.incident() ? 1 : 0;
            bytes += o.value().length + (o.key() == null ? 0 : o.key().length);
        }

        synchronized long total() {
            return byKind.values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized long of(InputFeed.Kind kind) {
            return byKind.getOrDefault(kind, 0L);
        }

        synchronized long bytes() {
            return bytes;
        }

        @Override
        public synchronized String toString() {
            long total = Math.max(1, total());
            long logs = of(InputFeed.Kind.SYSLOG) + of(InputFeed.Kind.TS_SYSLOG);
            return String.format(Locale.ROOT,
                    "%d records, %.0f MB: syslog lines %d (TLS failure lines %.1f %% of them, %d TS-wrapped), "
                            + "TS poller documents %d, packet summaries %d (%.1f %%)",
                    total(), bytes / 1e6, logs, 100.0 * ssl / Math.max(1, logs), of(InputFeed.Kind.TS_SYSLOG),
                    of(InputFeed.Kind.POLLER), of(InputFeed.Kind.PACKET), 100.0 * of(InputFeed.Kind.PACKET) / total);
        }
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final Composition sent = new Composition();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    FeedProducer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record; {@code acked} (may be null) gets the wall clock (ms) of the broker's acknowledgement. */
    void send(InputFeed.Out o, LongConsumer acked) {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("producing the input failed: " + earlier, earlier);
        }
        producer.send(new ProducerRecord<>(o.topic(), null, o.timestampMs(), o.key(), o.value()), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else if (acked != null) {
                acked.accept(System.currentTimeMillis());
            }
        });
        sent.add(o);
    }

    /** Waits until every record sent is acknowledged; throws if any failed. */
    void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("producing the input failed: " + e, e);
        }
    }

    Composition sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
