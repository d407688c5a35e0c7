package io.tlswatch.ingest.syslog;

import io.tlswatch.ingest.replay.LogLineProducer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each message as one record through a {@link LogLineProducer} (no key, record time = receive time), the
 * sender in header {@value #SENDER_HEADER} ({@code ip:port}) and the transport in {@value #TRANSPORT_HEADER}.
 * While Kafka is slow or away a message is held, not lost: a send that finds no room in the producer's buffer, or
 * no metadata, within {@code max.block.ms} is tried again, so the receiver's queue fills, TCP reading pauses and
 * UDP datagrams are dropped and counted. Records already buffered are retried by the producer itself for as long
 * as {@link #PRODUCER_SETTINGS} allows (without limit). Only a stop gives up on them, and counts them.
 */
public final class KafkaMessageSink implements MessageSink {
    /** The record header holding the sender's {@code ip:port}. */
    public static final String SENDER_HEADER = "tlswatch.sender";
    /** The record header holding {@code udp}, {@code tcp} or {@code tls}. */
    public static final String TRANSPORT_HEADER = "tlswatch.transport";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageSink.class);
    private static final long WARN_EVERY_MS = 60_000;
    private static final long RETRY_PAUSE_MS = 50;

    /**
     * The producer settings the sink needs on top of the user's: buffered records are retried until Kafka is back
     * ({@code delivery.timeout.ms} without limit; idempotence keeps the retries from duplicating).
     */
    public static final Map<String, Object> PRODUCER_SETTINGS =
            Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);

    private final LogLineProducer producer;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private long lastWarning = Long.MIN_VALUE / 2;

    /** @param producer the producer to write with; the caller flushes and closes it */
    public KafkaMessageSink(LogLineProducer producer) {
        this.producer = producer;
    }

    @Override
    public void write(SyslogMessage m) throws InterruptedException {
        List<Header> headers = List.of(
                new RecordHeader(SENDER_HEADER, m.sender().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(TRANSPORT_HEADER, m.transport().code().getBytes(StandardCharsets.UTF_8)));
        while (true) {
            try {
                if (producer.trySendBytes(m.bytes(), m.receivedMs(), headers)) {
                    return;
                }
                // no room or no metadata within max.block.ms: Kafka is slow or away; keep the message
                waits.incrementAndGet();
                long now = System.currentTimeMillis();
                if (now - lastWarning >= WARN_EVERY_MS) {
                    lastWarning = now;
                    LOG.warn("Kafka does not take messages for {}; holding them, TCP reading paused, "
                            + "UDP datagrams dropped while the queue is full", producer.topic());
                }
                // the refusal took max.block.ms; this pause only guards against a producer that refuses at once
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptException e) {
                throw new InterruptedException("interrupted while handing a message to Kafka");
            } catch (KafkaException e) {
                if (refused.incrementAndGet() == 1) {
                    LOG.warn("Kafka refused a message for {}; later refusals are counted only", producer.topic(), e);
                }
                return;
            }
        }
    }

    @Override
    public long written() {
        return producer.acknowledged();
    }

    @Override
    public long waits() {
        return waits.get();
    }

    @Override
    public long failed() {
        return producer.failed() + refused.get();
    }
}
