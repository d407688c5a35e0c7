package io.tlswatch.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON mapper for every topic: snake_case names (ECS and PagerDuty use them), nulls left out,
 * unknown fields tolerated so that newer producers do not break older readers.
 */
public final class Json {
    /** Input documents (Telemetry Streaming JSON) are attacker-reachable: keep parsing bounded. */
    public static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1 << 20)
            .maxNumberLength(100)
            .maxDocumentLength(16L << 20)
            .build();

    public static final ObjectMapper MAPPER = configure(JsonMapper.builder(
            JsonFactory.builder().streamReadConstraints(READ_LIMITS).build())).build();

    /**
     * The same records in Smile, Jackson's binary form of JSON (same names, same rules), for what only tlswatch reads
     * back: {@link CompactSerde}.
     */
    static final ObjectMapper SMILE = configure(SmileMapper.builder(
            SmileFactory.builder().streamReadConstraints(READ_LIMITS).build())).build();

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new BlackbirdModule());
    }

    private Json() {}

    /** Serialises a value that is known to be serialisable (our own records). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
