package io.tlswatch.processors.topology;

import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.DeadLetter;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the dead letter of a rejected raw input record (log line or packet summary). */
final class DeadLetters {
    private DeadLetters() {}

    static DeadLetter of(Optional<RecordMetadata> meta, FixedKeyRecord<byte[], byte[]> record, RejectReason reason,
            String detail) {
        return DeadLetter.of(reason.code(), detail, meta.map(RecordMetadata::topic).orElse(null),
                meta.map(RecordMetadata::partition).orElse(null), meta.map(RecordMetadata::offset).orElse(null),
                record.timestamp(), record.key(), record.value());
    }
}
