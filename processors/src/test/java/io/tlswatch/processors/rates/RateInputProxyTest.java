package io.tlswatch.processors.rates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.CompactSerde;
import io.tlswatch.schemas.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The proxy flag on the busiest repartition topic: written only when true, read back as false when absent. */
class RateInputProxyTest {
    private static RateInput failure(boolean proxy) {
        return new RateInput(RateInput.FAILURE, 1, "o", "10.0.0.1:443", null, "cert_expired", null, null, null, null,
                null, null, 0, 0, null, null, proxy);
    }

    @Test
    void falseIsLeftOutAndTrueRoundTrips() {
        assertThat(Json.write(failure(false))).doesNotContain("proxy");
        CompactSerde<RateInput> serde = CompactSerde.of(RateInput.class);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", failure(true))).proxy())
                .isTrue();
        assertThat(failure(true).at(5).proxy()).as("a copy keeps it").isTrue();
        assertThat(failure(true).withScanner("sweep").proxy()).isTrue();
    }

    @Test
    void aRecordWrittenBeforeTheFlagReadsAsNotProxy() {
        byte[] old = "{\"kind\":\"failure\",\"time_ms\":1,\"observer\":\"o\",\"vip\":\"10.0.0.1:443\",\"error_class\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(CompactSerde.of(RateInput.class).deserializer().deserialize("t", old).proxy()).isFalse();
        VipState state = CompactSerde.of(VipState.class).deserializer()
                .deserialize("t", "{\"observer\":\"o\",\"vip\":\"v\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(state.proxy).isFalse();
    }
}
