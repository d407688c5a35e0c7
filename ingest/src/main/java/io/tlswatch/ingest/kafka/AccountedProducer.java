package io.tlswatch.ingest.kafka;

import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;

/**
 * What every ingest producer shares: one topic, a durable Kafka producer, and the {@link SendAccount} of what was
 * sent, acknowledged and lost. Sends are asynchronous; a failed send is counted and reported by the next
 * {@link #flush()} or {@link #close()}, which throw a {@link KafkaException} carrying the first error, so an
 * ingest never loses records silently. Safe for use by several threads, like the underlying producer.
 *
 * @param <K> the record key type
 */
public abstract class AccountedProducer<K> implements AutoCloseable {
    private final Producer<K, byte[]> producer;
    private final String topic;
    private final SendAccount account;

    /**
     * @param producer the producer to write with; this class closes it
     * @param unit     what the records are, plural, for messages ({@code records}, {@code summaries})
     */
    protected AccountedProducer(Producer<K, byte[]> producer, String topic, String unit) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        this.account = new SendAccount(topic, unit);
    }

    /** Hands one record to the producer; returns once it is buffered (may block while the buffer is full). */
    protected final void send(K key, Long timestampMs, byte[] value) {
        send(key, timestampMs, value, null);
    }

    /** Like {@link #send(Object, Long, byte[])}, with record headers (null for none). */
    protected final void send(K key, Long timestampMs, byte[] value, Iterable<Header> headers) {
        producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value, headers), account.sending());
    }

    /**
     * Like {@link #send(Object, Long, byte[], Iterable)}, for a caller that holds the record when Kafka cannot take
     * it now: returns false, counting nothing, when the producer refused it at once (no room in its buffer, or no
     * metadata, within {@code max.block.ms}); the caller may send it again.
     */
    protected final boolean trySend(K key, Long timestampMs, byte[] value, Iterable<Header> headers) {
        SendAccount.Attempt attempt = account.attempt();
        producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value, headers), attempt);
        return !attempt.refused();
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

    /**
     * Asks for the topic's partitions: waits (up to the producer's {@code max.block.ms}) until the topic exists, or
     * is auto-created by the broker.
     *
     * @return the number of partitions
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic did not appear in time
     */
    public int awaitTopic() {
        return producer.partitionsFor(topic).size();
    }

    /** Records handed to the producer. */
    public long sent() {
        return account.sent();
    }

    /** Records the broker has acknowledged. */
    public long acknowledged() {
        return account.acknowledged();
    }

    /** Records that could not be written. */
    public long failed() {
        return account.failed();
    }

    /** The topic this producer writes to. */
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

    /**
     * Like {@link #close()}, waiting at most {@code timeout} for what is buffered: records not sent by then fail
     * (counted in {@link #failed()}) and are reported.
     */
    public void close(java.time.Duration timeout) {
        producer.close(timeout);
        account.reportFailures();
    }
}
