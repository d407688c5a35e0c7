package io.tlswatch.schemas;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** The Kafka serializer and deserializer around a Jackson writer and reader, shared by our two serdes. */
final class JacksonSerdes {
    private JacksonSerdes() {}

    static <T> Serializer<T> serializer(Class<T> type, ObjectWriter writer) {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " for " + topic, e);
            }
        };
    }

    /** @param readerFor the reader for these bytes (a serde that reads two forms picks by the first byte) */
    static <T> Deserializer<T> deserializer(Class<T> type, Function<byte[], ObjectReader> readerFor) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return readerFor.apply(bytes).readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
            }
        };
    }
}
