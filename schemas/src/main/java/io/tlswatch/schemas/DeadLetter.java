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
    /** Characters of the printable excerpt. */
    static final int PREVIEW_CHARS = 256;

    /**
     * The dead letter of one rejected record: its key and the first {@link #MAX_VALUE_BYTES} of its value in
     * base64, the value's size, and a printable excerpt.
     */
    public static DeadLetter of(String reason, String detail, String topic, Integer partition, Long offset,
            long timestampMs, byte[] key, byte[] value) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        boolean truncated = value != null && value.length > MAX_VALUE_BYTES;
        return new DeadLetter(reason, detail, topic, partition, offset, timestampMs,
                key == null ? null : b64.encodeToString(bounded(key)),
                value == null ? null : b64.encodeToString(bounded(value)),
                value == null ? null : value.length,
                value == null ? null : truncated,
                value == null ? null : preview(value));
    }

    private static byte[] bounded(byte[] bytes) {
        return bytes.length > MAX_VALUE_BYTES ? java.util.Arrays.copyOf(bytes, MAX_VALUE_BYTES) : bytes;
    }

    /** A printable excerpt: control characters and undecodable bytes shown as U+FFFD, not passed on. */
    static String preview(byte[] value) {
        String text = new String(value, 0, Math.min(value.length, PREVIEW_CHARS * 4),
                java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS));
        for (int i = 0; i < text.length() && out.length() < PREVIEW_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
        }
        return out.toString();
    }
}
