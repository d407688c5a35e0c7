package io.tlswatch.ingest.kafka;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account of one ingest producer: records handed to it, acknowledged by the broker, failed. Sends are
 * asynchronous, so a failure is kept and reported by the next {@link #reportFailures()} (the producer's flush or
 * close), which throws a {@link KafkaException} carrying the first error: an ingest never loses records
 * silently. Thread-safe.
 */
public final class SendAccount {
    private static final Logger LOG = LoggerFactory.getLogger(SendAccount.class);

    private final String topic;
    private final String unit;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> unreported = new AtomicReference<>();
    private final Callback callback = (metadata, error) -> {
        if (error == null) {
            acknowledged.incrementAndGet();
            return;
        }
        if (failed.incrementAndGet() == 1) {
            LOG.warn("Writing to {} failed; later failures are counted only", this.topic(), error);
        }
        unreported.compareAndSet(null, error);
    };

    /** @param unit what the records are, plural, for messages ({@code records}, {@code summaries}) */
    public SendAccount(String topic, String unit) {
        this.topic = topic;
        this.unit = unit;
    }

    /** Counts one record handed to the producer; pass the returned callback with it. */
    public Callback sending() {
        sent.incrementAndGet();
        return callback;
    }

    /**
     * Like {@link #sending()}, for a caller that holds a record the producer refuses at once and sends it again:
     * a {@link TimeoutException} reported on the calling thread before {@code send} returns (no room in the buffer,
     * or no metadata, within {@code max.block.ms}; kafka-clients reports it to the callback, it does not throw) is
     * not counted as a failure, and {@link Attempt#refused()} says so. Every later outcome is counted as usual.
     */
    public Attempt attempt() {
        sent.incrementAndGet();
        return new Attempt(Thread.currentThread());
    }

    /** One send that may be refused at once; see {@link #attempt()}. Pass it as the send's callback. */
    public final class Attempt implements Callback {
        private final Thread sender;
        private volatile boolean returned;
        private volatile boolean refused;

        private Attempt(Thread sender) {
            this.sender = sender;
        }

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
            // the producer's own thread reports real outcomes; only send() itself runs on the sender's thread
            if (!returned && error instanceof TimeoutException && Thread.currentThread() == sender) {
                refused = true;
                sent.decrementAndGet();
                return;
            }
            callback.onCompletion(metadata, error);
        }

        /** Call once {@code send} has returned: whether the producer refused the record (not counted, not sent). */
        public boolean refused() {
            returned = true;
            return refused;
        }
    }

    /** @throws KafkaException if a send failed since the last report, with the first such error as its cause */
    public void reportFailures() {
        Exception error = unreported.getAndSet(null);
        if (error != null) {
            throw new KafkaException("Could not write to " + topic + ": " + failed.get() + " of " + sent.get()
                    + " " + unit + " failed so far", error);
        }
    }

    public String topic() {
        return topic;
    }

    public long sent() {
        return sent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long failed() {
        return failed.get();
    }
}
