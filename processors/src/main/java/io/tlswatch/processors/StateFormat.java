package io.tlswatch.processors;

import io.tlswatch.schemas.CompactSerde;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;

/**
 * How the pipeline encodes what only it reads back: state stores, their changelogs, repartition topics (setting
 * {@code state.format}). Both read either form; JSON is for the first roll of a rolling upgrade from a version that
 * reads JSON only, so that its instances can still read what the new ones write (operations guide, "Upgrading").
 */
public enum StateFormat {
    SMILE,
    JSON;

    public static StateFormat parse(String value) {
        String v = value == null ? "smile" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "smile" -> SMILE;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("state.format must be smile or json, got '" + value + "'");
        };
    }

    public <T> Serde<T> serde(Class<T> type) {
        return this == SMILE ? CompactSerde.of(type) : CompactSerde.json(type);
    }
}
