package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.schemas.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The internal encoding: Smile written, Smile and JSON read, so that either version reads the other's state. */
class CompactSerdeTest {
    private static final String TOPIC = "tlswatch-outcomes-by-connection-repartition";

    static Stream<Object> records() {
        return JsonSerdeTest.records();
    }

    @SuppressWarnings("unchecked")
    private static <T> CompactSerde<T> compact(T record) {
        return CompactSerde.of((Class<T>) record.getClass());
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonSerde<T> json(T record) {
        return JsonSerde.of((Class<T>) record.getClass());
    }

    @ParameterizedTest
    @MethodSource("records")
    void writesSmileThatReadsBackEqualAndSmallerThanJson(Object record) {
        byte[] smile = compact(record).serializer().serialize(TOPIC, record);
        byte[] json = json(record).serializer().serialize(TOPIC, record);

        assertThat(new String(smile, 0, 3, StandardCharsets.ISO_8859_1)).as("Smile's header").isEqualTo(":)\n");
        assertThat(compact(record).deserializer().deserialize(TOPIC, smile)).isEqualTo(record);
        assertThat(smile.length).isLessThan(json.length);
    }

    @ParameterizedTest
    @MethodSource("records")
    void readsTheJsonAnOlderVersionWrote(Object record) {
        byte[] json = json(record).serializer().serialize(TOPIC, record);

        assertThat(compact(record).deserializer().deserialize(TOPIC, json)).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("records")
    void theJsonFormIsWhatAnOlderVersionReads(Object record) {
        @SuppressWarnings("unchecked")
        CompactSerde<Object> jsonForm = CompactSerde.json((Class<Object>) record.getClass());
        byte[] written = jsonForm.serializer().serialize(TOPIC, record);

        assertThat(json(record).deserializer().deserialize(TOPIC, written)).isEqualTo(record);
        assertThat(jsonForm.deserializer().deserialize(TOPIC, written)).isEqualTo(record);
    }

    @Test
    void nullsStayNull() {
        CompactSerde<AlertEvent> serde = CompactSerde.of(AlertEvent.class);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void garbageIsASerializationExceptionInEitherForm() {
        CompactSerde<DeadLetter> serde = CompactSerde.of(DeadLetter.class);
        byte[] truncatedSmile = serde.serializer().serialize(TOPIC, SampleRecords.deadLetter());
        byte[] cut = java.util.Arrays.copyOf(truncatedSmile, truncatedSmile.length / 2);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("DeadLetter");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {':', ')', '\n', 0x7f}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, "{\"reason\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class);
    }
}
