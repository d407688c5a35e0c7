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

/** serialize → deserialize gives back an equal record, for every record type. */
class JsonSerdeTest {

    static Stream<Object> records() {
        return Stream.of(
                SampleRecords.handshakeEvent(),
                SampleRecords.connectionErrorEvent(),
                SampleRecords.handshakeOutcome(),
                SampleRecords.packetOutcome(),
                SampleRecords.ecsHandshake(),
                SampleRecords.packetSummary(),
                SampleRecords.virtualServer(),
                SampleRecords.vipRate(),
                SampleRecords.alertFiring(),
                SampleRecords.alertResolved(),
                SampleRecords.deadLetter());
    }

    @ParameterizedTest
    @MethodSource("records")
    void roundTrips(Object record) {
        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Test
    void nullsStayNull() {
        JsonSerde<AlertEvent> serde = JsonSerde.of(AlertEvent.class);

        assertThat(serde.serializer().serialize(Topics.ALERTS, null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.ALERTS, null)).isNull();
    }

    @Test
    void unknownFieldsAreTolerated() {
        byte[] newer = "{\"reason\":\"empty\",\"timestamp_ms\":5,\"added_later\":true}".getBytes(StandardCharsets.UTF_8);

        DeadLetter read = JsonSerde.of(DeadLetter.class).deserializer().deserialize(Topics.DLQ, newer);

        assertThat(read.reason()).isEqualTo("empty");
        assertThat(read.timestampMs()).isEqualTo(5);
    }

    @Test
    void garbageIsASerializationException() {
        byte[] garbage = "{\"reason\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonSerde.of(DeadLetter.class).deserializer().deserialize(Topics.DLQ, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("DeadLetter");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T record) {
        JsonSerde<T> serde = JsonSerde.of((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("topic", record);
        return serde.deserializer().deserialize("topic", bytes);
    }
}
