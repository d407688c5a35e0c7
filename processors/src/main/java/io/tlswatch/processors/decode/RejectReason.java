package io.tlswatch.processors.decode;

import java.util.Locale;

/** Why an input record became a dead letter: a small fixed set, safe as a metric label. */
public enum RejectReason {
    /** no bytes at all */
    EMPTY,
    /**
     * larger than a bound: the record ({@link LogDecoder#MAX_RECORD_BYTES}, a packet summary's), a TLS syslog line
     * ({@link LogDecoder#MAX_LINE_BYTES}), a poller document's list of virtual servers
     */
    OVERSIZED,
    /** bytes that are not UTF-8 text */
    NOT_UTF8,
    /** UTF-8 text holding control characters (NUL, escape...): binary data, not a log line */
    CONTROL_CHARACTERS,
    /** starts like Telemetry-Streaming JSON but does not parse, or breaks a parsing limit */
    INVALID_JSON,
    /** an SSL (0126xxxx) message whose text does not follow its documented layout */
    MALFORMED_SSL_MESSAGE,
    /** a packet summary ({@code f5.packets}) that parses as JSON but breaks its schema */
    INVALID_PACKET_SUMMARY,
    /**
     * a Netskope WebTx row with no header before it in its stream (record key, or partition for unkeyed records):
     * the export was cut, or written without a key so that its header went to another partition
     */
    MISSING_HEADER,
    /** an unexpected failure while processing; the record is kept rather than lost */
    PROCESSING_ERROR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
