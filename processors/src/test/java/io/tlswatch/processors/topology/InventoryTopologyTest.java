package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.ingest.inventory.VipCsv;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.inventory.InventoryKeys;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VirtualServer;
import io.tlswatch.schemas.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inventory global table: VIP name and side on the outcomes, CSV rows over learned ones, per-VIP alerts. */
class InventoryTopologyTest {
    private static final Instant START = Instant.parse("2026-02-01T08:12:14Z");
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String POLLED = "telemetry.bigip.com";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> logs;
    private TestInputTopic<String, VirtualServer> inventory;
    private TestOutputTopic<String, EcsHandshake> handshakes;
    private TestOutputTopic<String, AlertEvent> alerts;

    @BeforeEach
    void start() {
        TlswatchConfig config = TlswatchConfig.of(Map.of(
                "application.id", "inventory-topology-test",
                "kafka.bootstrap.servers", "unused:9092",
                "join.wait", "2s",
                "alerts.window", "60s",
                "alerts.server.min.failures", "3",
                "alerts.warmup", "0s",
                "alerts.check.every", "5s"));
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> START.toEpochMilli() + 60_000, "unknown");
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, registry), props, START);
        logs = driver.createInputTopic(TOPICS.logs(), new ByteArraySerializer(), new ByteArraySerializer());
        inventory = driver.createInputTopic(TOPICS.inventory(), new StringSerializer(),
                JsonSerde.of(VirtualServer.class).serializer());
        handshakes = driver.createOutputTopic(TOPICS.handshakes(), new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aVipLearnedFromThePollerSampleNamesTheFailuresOnIt() throws Exception {
        byte[] poller = Files.readAllBytes(SharedData.f5("ts-system-poller-output.json"));
        logs.pipeInput(new TestRecord<>(null, poller, START));
        assertThat(driver.getKeyValueStore(TlswatchTopology.INVENTORY_STORE).get("telemetry/192.168.2.11:443"))
                .as("the poller's VIP reached the global table").isNotNull();

        burst(POLLED, "192.168.2.11:443", 40001, START);
        EcsHandshake doc = handshakes.readValue();
        assertValidRecord(Schema.HANDSHAKE_ECS, doc);
        assertThat(doc.tlswatch().vip().name()).isEqualTo("/Example_Tenant/A1/serviceMain");
        assertThat(doc.tlswatch().vip().address()).isEqualTo("192.168.2.11");
        assertThat(doc.tlswatch().vip().port()).isEqualTo(443);
        assertThat(doc.tlswatch().side()).isEqualTo("client");
    }

    @Test
    void aCsvRowWinsOverTheLearnedOneAndBringsItsOwnerAndThresholdToTheAlert() {
        VirtualServer learned = new VirtualServer("bigip-01", "/Common/shop_vs_learned", "10.10.1.10", 443, "Common",
                null, null, null, List.of("/Common/clientssl"), "ts_system_poller");
        VirtualServer csv = new VirtualServer("bigip-01", "/Common/shop_vs", "10.10.1.10", 443, null, "shop",
                "web team", "pagerduty:web", null, "csv", 2, 1, "2m");
        // the poller writes after the CSV load: it must not erase the owner
        inventory.pipeInput(InventoryKeys.of(csv), csv, START);
        inventory.pipeInput(InventoryKeys.of(learned), learned, START);
        assertThat(InventoryKeys.of(csv)).isEqualTo("bigip-01/10.10.1.10:443#csv");
        assertThat(InventoryKeys.of(learned)).isEqualTo("bigip-01/10.10.1.10:443");

        burst("bigip-01", "10.10.1.10:443", 40001, START);
        burst("bigip-01", "10.10.1.10:443", 40002, START.plusSeconds(1));
        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(2);
        EcsHandshake.Vip vip = docs.get(0).tlswatch().vip();
        assertThat(vip.name()).isEqualTo("/Common/shop_vs");
        assertThat(vip.partition()).as("from the learned row").isEqualTo("Common");
        assertThat(vip.application()).isEqualTo("shop");
        docs.forEach(d -> assertValidRecord(Schema.HANDSHAKE_ECS, d));

        // two failures fire: the VIP's own threshold (2), not the configured 3
        List<AlertEvent> fired = alerts.readValuesToList();
        assertThat(fired).extracting(AlertEvent::status).containsExactly("FIRING");
        AlertEvent alert = fired.get(0);
        assertValidRecord(Schema.ALERT_EVENT, alert);
        assertThat(alert.payload().summary()).contains("/Common/shop_vs (10.10.1.10:443)");
        assertThat(alert.payload().customDetails())
                .containsEntry("owner", "web team")
                .containsEntry("paging_route", "pagerduty:web")
                .containsEntry("vip_name", "/Common/shop_vs")
                .containsEntry("rule", "fire at >= 2 failures, >= 3.0x the learned level and a count that level gives by chance"
                        + " at most once in 1,000,000 windows");
        assertThat(alert.labels()).doesNotContainKey("vip_name"); // labels must not change while it fires
    }

    @Test
    void anUnknownDestinationOnAnObserverWithKnownVipsIsThePoolMemberSide() {
        VirtualServer csv = new VirtualServer("bigip-01", "/Common/shop_vs", "10.10.1.10", 443, "Common", "shop",
                "web team", null, null, "csv");
        inventory.pipeInput(InventoryKeys.of(csv), csv, START);

        burst("bigip-01", "10.20.0.31:8443", 40001, START); // BIG-IP -> pool member
        burst("bigip-02", "10.20.0.31:8443", 40002, START); // nothing known of bigip-02
        Map<String, EcsHandshake> docs = handshakes.readKeyValuesToMap();
        EcsHandshake pool = docs.values().stream().filter(d -> d.observer().hostname().equals("bigip-01"))
                .findFirst().orElseThrow();
        assertThat(pool.tlswatch().side()).isEqualTo("server");
        assertThat(pool.tlswatch().vip()).as("a pool member is not a VIP").isNull();
        EcsHandshake unknown = docs.values().stream().filter(d -> d.observer().hostname().equals("bigip-02"))
                .findFirst().orElseThrow();
        assertThat(unknown.tlswatch().side()).isEqualTo("client");
        assertThat(unknown.tlswatch().vip().name()).isNull();
        assertThat(unknown.tlswatch().vip().address()).isEqualTo("10.20.0.31");
        docs.values().forEach(d -> assertValidRecord(Schema.HANDSHAKE_ECS, d));
    }

    @Test
    void aRouteDomainVipIsFoundByItsRouteDomain() {
        VirtualServer csv = new VirtualServer("bigip-01", "/Tenant_A/api_vs", "10.20.0.5%2", 443, "Tenant_A", "api",
                "api-team", null, null, "csv");
        inventory.pipeInput(InventoryKeys.of(csv), csv, START);
        burst("bigip-01", "10.20.0.5%2:443", 40001, START);
        EcsHandshake doc = handshakes.readValue();
        assertThat(doc.tlswatch().vip().name()).isEqualTo("/Tenant_A/api_vs");
        assertThat(doc.tlswatch().vip().address()).isEqualTo("10.20.0.5%2");
        assertValidRecord(Schema.HANDSHAKE_ECS, doc);
    }

    /**
     * One VIP, one key: a CSV row spelling its IPv6 address one way, log lines another (and route domain 0, the
     * default, written out): the lines still find the row.
     */
    @Test
    void anIpv6VipIsFoundWhateverTheSpellingAndRouteDomainZeroIsTheDefault() {
        VipCsv.Result csv = VipCsv.parse("observer,name,address\n"
                + "bigip-01,/Common/v6_vs,[2001:0DB8::0010]:443\n"
                + "bigip-01,/Common/v4_vs,10.30.0.5%0:443\n");
        assertThat(csv.problems()).isEmpty();
        csv.rows().forEach(r -> inventory.pipeInput(InventoryKeys.of(r.virtualServer()), r.virtualServer(), START));

        burst("bigip-01", "2001:db8:0:0::10:443", 40001, START);
        EcsHandshake v6 = handshakes.readValue();
        assertThat(v6.tlswatch().vip().name()).isEqualTo("/Common/v6_vs");
        assertThat(v6.tlswatch().vip().address()).isEqualTo("2001:db8::10");
        assertThat(v6.destination().ip()).isEqualTo("2001:db8::10");
        assertValidRecord(Schema.HANDSHAKE_ECS, v6);

        burst("bigip-01", "10.30.0.5%0:443", 40002, START.plusSeconds(1));
        assertThat(handshakes.readValue().tlswatch().vip().name()).isEqualTo("/Common/v4_vs");
    }

    /** One failed handshake (the newer 01260009 with addresses, alert 45 received), then the join's wait. */
    private void burst(String host, String vip, int clientPort, Instant at) {
        String stamp = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneId.of("UTC")).format(at);
        String line = stamp + " " + host + " warning tmm2[4242]: 01260009:4: 198.51.100.7:" + clientPort + " -> " + vip
                + ": Connection error: ssl_codec_rx:2314: alert(45) received alert";
        logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), at));
        driver.advanceWallClockTime(Duration.ofSeconds(3));
    }
}
