package io.tlswatch.ingest.kafka;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.KafkaException;
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
