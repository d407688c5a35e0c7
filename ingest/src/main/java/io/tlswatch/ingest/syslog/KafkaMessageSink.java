package io.tlswatch.ingest.syslog;

import io.tlswatch.ingest.replay.LogLineProducer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each message as one record through a {@link LogLineProducer} (no key, record time = receive time), the
 * sender in header {@value #SENDER_HEADER} ({@code ip:port}) and the transport in {@value #TRANSPORT_HEADER}.
 * Each send blocks while the producer's buffer is full, so the receiver's queue fills and TCP reading pauses.
 * KNOWN GAP: when the buffer stays full or the topic's metadata does not come within {@code max.block.ms},
 * kafka-clients 4.x reports the {@code TimeoutException} to the send's callback instead of throwing it, so the
 * retry below does not run: the message is counted as failed ({@code kafka_error}) and lost. Holding it needs the
 * send's future checked here (and the producer's failure account corrected for a retried message).
 */
public final class KafkaMessageSink implements MessageSink {
    /** The record header holding the sender's {@code ip:port}. */
    public static final String SENDER_HEADER = "tlswatch.sender";
    /** The record header holding {@code udp}, {@code tcp} or {@code tls}. */
    public static final String TRANSPORT_HEADER = "tlswatch.transport";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageSink.class);
    private static final long WARN_EVERY_MS = 60_000;

    private final LogLineProducer producer;
    private final AtomicLong refused = new AtomicLong();
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
                producer.sendBytes(m.bytes(), m.receivedMs(), headers);
                return;
            } catch (TimeoutException e) {
                // buffer full or no metadata within max.block.ms: Kafka is slow or away; keep the message
                long now = System.currentTimeMillis();
                if (now - lastWarning >= WARN_EVERY_MS) {
                    lastWarning = now;
                    LOG.warn("Kafka does not take messages for {} ({}); holding them, TCP reading paused, "
                            + "UDP datagrams dropped while the queue is full", producer.topic(), e.getMessage());
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("gave up waiting for Kafka");
                }
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
    public long failed() {
        return producer.failed() + refused.get();
    }
}
