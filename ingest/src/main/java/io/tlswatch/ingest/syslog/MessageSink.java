package io.tlswatch.ingest.syslog;

/** Where received messages go (Kafka: {@link KafkaMessageSink}); written by one thread at a time. */
public interface MessageSink {
    /**
     * Hands one message over. May block while the destination is slow: the receiver then stops reading TCP and
     * drops (and counts) UDP datagrams.
     *
     * @throws InterruptedException when the receiver gives up waiting (a hard stop)
     */
    void write(SyslogMessage message) throws InterruptedException;

    /** Messages the destination has confirmed. */
    long written();

    /** Messages the destination refused or lost. */
    long failed();

    /** Times a message had to wait because the destination could not take it (Kafka slow or away); 0 if never. */
    default long waits() {
        return 0;
    }
}
