package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code state.format}: what the pipeline writes to its changelogs and repartition topics (Smile by default, JSON
 * for the first roll of an upgrade from a version that reads only JSON).
 */
class StateFormatTopologyTest {
    private static final String APP = "state-format-test";
    private static final Instant START = Instant.parse("2026-02-01T08:12:00Z");
    private static final String FAILURE = "Feb  1 08:12:00 bigip-01.example.net warning tmm1[4242]: 01260009:4: "
            + "198.51.100.7:50123 -> 10.10.1.10:443: Connection error: ssl_codec_rx:2314: alert(42) received alert";

    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** The first bytes of each value the pipeline wrote to the burst join's changelog and its input repartition. */
    private List<String> headsWritten(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("application.id", APP, "kafka.bootstrap.servers", "unused:9092"));
        settings.putAll(extra);
        TlswatchConfig config = TlswatchConfig.of(settings).validate();
        Properties props = StreamsSettings.from(config);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), START::toEpochMilli, "unknown");
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, new SimpleMeterRegistry()),
                props, START);
        TestInputTopic<byte[], byte[]> logs = driver.createInputTopic(TopicNames.defaults().logs(),
                new ByteArraySerializer(), new ByteArraySerializer());
        logs.pipeInput(new TestRecord<>(null, FAILURE.getBytes(StandardCharsets.UTF_8), START));
        List<String> heads = new java.util.ArrayList<>();
        for (String topic : List.of(APP + "-" + TlswatchTopology.PENDING_LINES_STORE + "-changelog",
                APP + "-events-by-tmm-repartition")) {
            TestOutputTopic<String, byte[]> out =
                    driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
            List<byte[]> values = out.readValuesToList();
            assertThat(values).as(topic).isNotEmpty();
            values.forEach(v -> heads.add(new String(v, 0, 2, StandardCharsets.ISO_8859_1)));
        }
        return heads;
    }

    @Test
    void stateAndRepartitionsAreSmileByDefault() {
        assertThat(headsWritten(Map.of())).isNotEmpty().allMatch(":)"::equals);
    }

    @Test
    void jsonOnRequestForARollingUpgrade() {
        assertThat(headsWritten(Map.of("state.format", "JSON"))).isNotEmpty().allMatch(h -> h.startsWith("{"));
    }

    @Test
    void anUnknownFormatIsRefusedWithTheChoices() {
        TlswatchConfig config = TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "unused:9092", "state.format", "avro"));

        assertThatThrownBy(config::validate)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state.format must be smile or json, got 'avro'");
    }
}
