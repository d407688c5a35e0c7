package io.tlswatch.schemas;

/**
 * A rejected input record on {@code tlswatch.dlq}: the original bytes (base64, at most
 * {@link #MAX_VALUE_BYTES} of them, so that a huge bad record cannot make a dead letter the broker refuses),
 * a reason code from a small fixed set, a human-readable detail and where the record came from.
 */
public record DeadLetter(
        String reason,
        String detail,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        long timestampMs,
        String keyBase64,
        String valueBase64,
        Integer valueSize,
        Boolean valueTruncated,
        String valuePreview) {

    /** Original bytes kept per dead letter; the source coordinates find the rest. */
    public static final int MAX_VALUE_BYTES = 16 * 1024;
}
