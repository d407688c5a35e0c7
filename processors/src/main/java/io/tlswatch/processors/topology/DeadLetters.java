package io.tlswatch.processors.topology;

import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the dead letter of a rejected raw input record (log line or packet summary). */
final class DeadLetters {
    private static final int PREVIEW_CHARS = 256;

    private DeadLetters() {}

    static DeadLetter of(Optional<RecordMetadata> meta, FixedKeyRecord<byte[], byte[]> record, RejectReason reason,
            String detail) {
        byte[] value = record.value();
        Base64.Encoder b64 = Base64.getEncoder();
        boolean truncated = value != null && value.length > DeadLetter.MAX_VALUE_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(value, DeadLetter.MAX_VALUE_BYTES) : value;
        return new DeadLetter(
                reason.code(),
                detail,
                meta.map(RecordMetadata::topic).orElse(null),
                meta.map(RecordMetadata::partition).orElse(null),
                meta.map(RecordMetadata::offset).orElse(null),
                record.timestamp(),
                record.key() == null ? null : b64.encodeToString(truncate(record.key())),
                kept == null ? null : b64.encodeToString(kept),
                value == null ? null : value.length,
                value == null ? null : truncated,
                value == null ? null : preview(value));
    }

    private static byte[] truncate(byte[] bytes) {
        return bytes.length > DeadLetter.MAX_VALUE_BYTES ? Arrays.copyOf(bytes, DeadLetter.MAX_VALUE_BYTES) : bytes;
    }

    /** A printable excerpt: control characters and undecodable bytes shown as U+FFFD, not passed on. */
    private static String preview(byte[] value) {
        String text = new String(value, 0, Math.min(value.length, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS));
        for (int i = 0; i < text.length() && out.length() < PREVIEW_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
        }
        return out.toString();
    }
}
