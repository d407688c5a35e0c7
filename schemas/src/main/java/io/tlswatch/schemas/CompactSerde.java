package io.tlswatch.schemas;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for records only tlswatch reads back: repartition topics, state stores and their changelogs. It writes
 * Smile, the binary form of the records' JSON (10–55 % smaller for our stores, and cheaper to write and to
 * parse), and reads both Smile and JSON, so that stores and repartition topics written by an older tlswatch stay
 * readable after an upgrade.
 * {@link #json} writes JSON instead, for the first roll of a rolling upgrade from a version that reads JSON only
 * (setting {@code state.format}). Topics that people and other tools read keep {@link JsonSerde}.
 */
public final class CompactSerde<T> implements Serde<T> {
    /** Every Smile document starts with ":)\n"; no JSON document starts with ':'. */
    private static final byte SMILE_FIRST_BYTE = ':';

    private final Class<T> type;
    private final ObjectWriter writer;
    private final ObjectReader smileReader;
    private final ObjectReader jsonReader;

    private CompactSerde(Class<T> type, boolean writeSmile) {
        this.type = type;
        this.writer = (writeSmile ? Json.SMILE : Json.MAPPER).writerFor(type);
        this.smileReader = Json.SMILE.readerFor(type);
        this.jsonReader = Json.MAPPER.readerFor(type);
    }

    /** Writes Smile, reads Smile and JSON. */
    public static <T> CompactSerde<T> of(Class<T> type) {
        return new CompactSerde<>(type, true);
    }

    /** Writes JSON, reads Smile and JSON: what an older version can read back. */
    public static <T> CompactSerde<T> json(Class<T> type) {
        return new CompactSerde<>(type, false);
    }

    @Override
    public Serializer<T> serializer() {
        return JacksonSerdes.serializer(type, writer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return JacksonSerdes.deserializer(type,
                bytes -> bytes.length > 0 && bytes[0] == SMILE_FIRST_BYTE ? smileReader : jsonReader);
    }
}
