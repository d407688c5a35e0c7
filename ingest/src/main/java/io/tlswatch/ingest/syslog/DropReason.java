package io.tlswatch.ingest.syslog;

/**
 * Why the receiver dropped a syslog message or part of one: the {@code reason} of
 * {@code tlswatch_syslog_dropped_total}. A small fixed set, never a raw message.
 */
public enum DropReason {
    /** A UDP datagram arrived while the hand-over queue was full (Kafka slower than the senders). */
    UDP_QUEUE_FULL("udp_queue_full"),
    /** The bytes of a message past the size limit; the message's head was written. */
    OVERSIZED_CUT("oversized_cut"),
    /** An RFC 6587 octet count that cannot be right (over the count limit): the frame, up to the next newline. */
    FRAMING_ERROR("framing_error"),
    /** A frame the sender left unfinished (disconnected, or the receiver stopped, mid-frame). */
    INCOMPLETE_FRAME("incomplete_frame"),
    /** A frame that took longer than the frame timeout to arrive: its connection was closed (slowloris). */
    FRAME_TIMEOUT("frame_timeout"),
    /**
     * Kafka did not take a message: refused it (not retriable), lost it after the producer's own retries, or did
     * not take it before the stop's deadline.
     */
    KAFKA_ERROR("kafka_error");

    private final String code;

    DropReason(String code) {
        this.code = code;
    }

    /** The metric label value. */
    public String code() {
        return code;
    }
}
