package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packet path of {@link TlswatchTopology}: summaries of real captures (read by the real capture reader) on
 * {@code f5.packets}, joined per connection, judged, and out as ECS records on {@code tlswatch.handshakes} —
 * when the connection completes, or after {@code packets.wait} of wall-clock quiet; bad records to the DLQ.
 */
class PacketJoinTopologyTest {
    private static final Instant START = Instant.parse("2026-02-01T08:12:14Z");
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Set<String> CLOSING = Set.of("fin", "rst", "end_of_capture", "idle_timeout", "evicted");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> packets;
    private TestOutputTopic<String, EcsHandshake> handshakes;
    private TestOutputTopic<String, VipRate> rates;
    private TestOutputTopic<byte[], DeadLetter> dlq;

    private void start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", "packet-topology-test",
                "kafka.bootstrap.servers", "unused:9092",
                "packets.wait", WAIT.toSeconds() + "s",
                "alerts.window", "60s"));
        settings.putAll(extra);
        TlswatchConfig config = TlswatchConfig.of(settings);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), START::toEpochMilli, "unknown");
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, registry), props, START);
        packets = driver.createInputTopic(TOPICS.packets(), new StringSerializer(), new ByteArraySerializer());
        handshakes = driver.createOutputTopic(TOPICS.handshakes(), new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer());
        rates = driver.createOutputTopic(TOPICS.rates(), new StringDeserializer(),
                JsonSerde.of(VipRate.class).deserializer());
        dlq = driver.createOutputTopic(TOPICS.dlq(), Serdes.ByteArray().deserializer(),
                JsonSerde.of(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    static List<PacketSummary> summaries(String pcap) throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.root().resolve("tls/pcap").resolve(pcap))) {
            CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), out::add);
        }
        assertThat(out).as("summaries of %s", pcap).isNotEmpty();
        return out;
    }

    private void send(List<PacketSummary> summaries) {
        for (PacketSummary s : summaries) {
            packets.pipeInput(new TestRecord<>(s.connectionId(), Json.write(s).getBytes(StandardCharsets.UTF_8), START));
        }
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anExpiredCertificateOnTheWireBecomesOneCertExpiredRecord() throws IOException {
        start(Map.of());
        List<PacketSummary> summaries = summaries("g08-tls12-alert45-cert-expired.pcap");
        send(summaries);
        driver.advanceWallClockTime(WAIT.plusSeconds(1));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        EcsHandshake d = docs.get(0);
        assertValidRecord(Schema.HANDSHAKE_ECS, d);
        assertThat(d.event().outcome()).isEqualTo("failure");
        assertThat(d.tlswatch().errorClass()).isEqualTo("cert_expired");
        assertThat(d.error().code()).isEqualTo("45");
        assertThat(d.tlswatch().alert().code()).isEqualTo(45);
        assertThat(d.tlswatch().alert().name()).isEqualTo("certificate_expired");
        assertThat(d.tlswatch().alert().sender()).isEqualTo("client");
        assertThat(d.tlswatch().evidence().packets()).isTrue();
        assertThat(d.observer().hostname()).isEqualTo("bigip-01");
        assertThat(d.destination().port()).isEqualTo(443);
        assertThat(d.tls().client().serverName()).isNotBlank();
        assertThat(d.tls().client().ja3()).matches("[0-9a-f]{32}");
        assertThat(d.network().communityId()).startsWith("1:");
        // a packet failure counts in the rates like a logged one
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        assertThat(rates.readValuesToList()).anySatisfy(r -> {
            assertThat(r.errorClass()).isEqualTo("cert_expired");
            assertThat(r.shortWindow().failures()).isEqualTo(1);
            // the connection seen in packets is its own attempt: a denominator from the wire
            assertThat(r.attemptsSource()).isEqualTo("packets");
            assertThat(r.shortWindow().attempts()).isEqualTo(1L);
        });
        assertThat(counter("tlswatch_input_records_total", "result", "decoded_packet_summary"))
                .isEqualTo(summaries.size());
        assertThat(pendingInStore()).isZero();
    }

    @Test
    void aCompleteConnectionIsJudgedWithoutWaiting() throws IOException {
        start(Map.of());
        List<PacketSummary> summaries = summaries("g08-tls12-alert45-cert-expired.pcap");
        boolean closes = summaries.stream().anyMatch(s -> s.rstSeen() || "rst".equals(s.emitReason()))
                || (summaries.stream().anyMatch(s -> closing(s) && s.direction().equals("client_to_server"))
                        && summaries.stream().anyMatch(s -> closing(s) && s.direction().equals("server_to_client")));
        assertThat(closes).as("g08 ends with a RST or both FINs").isTrue();
        send(summaries);
        assertThat(handshakes.readValuesToList()).hasSize(1);
        assertThat(counter("tlswatch_packet_connections_total", "result", "complete")).isEqualTo(1);
    }

    @Test
    void aTls12SuccessCarriesTheSelectedApplicationProtocol() throws IOException {
        start(Map.of());
        send(summaries("g03-tls12-success-alpn.pcap"));
        driver.advanceWallClockTime(WAIT.plusSeconds(1));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        EcsHandshake d = docs.get(0);
        assertValidRecord(Schema.HANDSHAKE_ECS, d);
        assertThat(d.event().outcome()).isEqualTo("success");
        assertThat(d.tls().established()).isTrue();
        assertThat(d.tls().version()).isEqualTo("1.2");
        assertThat(d.tls().nextProtocol()).isEqualTo("h2");
        assertThat(d.tlswatch().errorClass()).isNull();
        // a success is an attempt and no failure: no class has a rate, the VIP's total shows the attempt
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        assertThat(rates.readValuesToList()).allSatisfy(r -> assertThat(r.shortWindow().failures()).isZero());
    }

    @Test
    void anUnfinishedConnectionIsJudgedAfterTheWaitOnWallClockTime() throws IOException {
        start(Map.of());
        List<PacketSummary> open = summaries("g08-tls12-alert45-cert-expired.pcap").stream()
                .filter(s -> !closing(s) && !s.rstSeen())
                .toList();
        assertThat(open).as("flights before the close").isNotEmpty();
        send(open);
        assertThat(handshakes.isEmpty()).as("nothing while the connection may go on").isTrue();
        assertThat(pendingInStore()).isEqualTo(1);

        driver.advanceWallClockTime(WAIT.minusSeconds(1));
        assertThat(handshakes.isEmpty()).as("not before the wait").isTrue();
        assertThat(registry.find("tlswatch_pending_connections").gauge().value()).isEqualTo(1.0);

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        assertValidRecord(Schema.HANDSHAKE_ECS, docs.get(0));
        // the client's alert 45 was in its flights: the verdict does not need the close
        assertThat(docs.get(0).tlswatch().errorClass()).isEqualTo("cert_expired");
        assertThat(counter("tlswatch_packet_connections_total", "result", "after_wait")).isEqualTo(1);
        assertThat(registry.find("tlswatch_pending_connections").gauge().value()).isZero();
        assertThat(pendingInStore()).isZero();
    }

    @Test
    void summariesPastTheLimitAreCountedAndDropped() throws IOException {
        start(Map.of("packets.max.summaries", "1"));
        List<PacketSummary> summaries = summaries("g03-tls12-success-alpn.pcap");
        assertThat(summaries.size()).isGreaterThan(1);
        send(summaries);
        driver.advanceWallClockTime(WAIT.plusSeconds(1));
        assertThat(handshakes.readValuesToList()).hasSize(1);
        assertThat(counter("tlswatch_packet_summaries_dropped_total", "reason", "max_summaries"))
                .isEqualTo(summaries.size() - 1);
    }

    @Test
    void badPacketRecordsBecomeDeadLetters() throws IOException {
        start(Map.of());
        packets.pipeInput(new TestRecord<>("k1", "{not json".getBytes(StandardCharsets.UTF_8), START));
        ObjectNode sideways = Json.MAPPER.valueToTree(summaries("g03-tls12-success-alpn.pcap").get(0));
        sideways.put("direction", "sideways");
        packets.pipeInput(new TestRecord<>("k2", Json.MAPPER.writeValueAsBytes(sideways), START));
        packets.pipeInput(new TestRecord<>("k3", new byte[0], START));
        driver.advanceWallClockTime(WAIT.plusSeconds(1));

        List<DeadLetter> dead = dlq.readValuesToList();
        assertThat(dead).extracting(DeadLetter::reason)
                .containsExactly("invalid_json", "invalid_packet_summary", "empty");
        dead.forEach(d -> {
            assertValidRecord(Schema.DEAD_LETTER, d);
            assertThat(d.sourceTopic()).isEqualTo(TOPICS.packets());
        });
        assertThat(dead.get(1).detail()).contains("direction");
        assertThat(handshakes.isEmpty()).isTrue();
        assertThat(counter("tlswatch_input_records_total", "result", "dead_letter", "reason", "invalid_json"))
                .isEqualTo(1);
    }

    private static boolean closing(PacketSummary s) {
        return s.emitReason() != null && CLOSING.contains(s.emitReason());
    }

    /** Entries in the store (RocksDB's approximate count is not exact). */
    private long pendingInStore() {
        KeyValueStore<String, Object> store = driver.getKeyValueStore(TlswatchTopology.PENDING_CONNECTIONS_STORE);
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
