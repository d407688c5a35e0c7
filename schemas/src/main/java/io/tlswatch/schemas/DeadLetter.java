package io.tlswatch.schemas;

/**
 * A rejected input record on {@code tlswatch.dlq}: the original bytes (base64), a reason code from a small
 * fixed set, a human-readable detail and where the record came from.
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
        String valuePreview) {}
