package io.tlswatch.processors.netskope;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.topology.StreamsSettings;
import io.tlswatch.processors.topology.TlswatchTopology;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.testing.NetskopeExport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Netskope WebTx export lines from {@code netskope.webtx} through the whole pipeline ({@link TlswatchTopology}): the
 * header kept per stream (record key), its change mid-stream, rows before any header (dead letters), rows without
 * TLS (counted, dropped), and the rows' sides as ECS records, rates and alerts with {@code observer.vendor = Netskope}.
 */
class NetskopeTopologyTest {
    private static final Instant START = Instant.parse("2026-02-06T20:35:30Z");
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String EXPORT = "webtx-2026-02-06.csv";
    private static final String ORIGIN = "198.51.100.20";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> webtx;
    private TestOutputTopic<String, EcsHandshake> handshakes;
    private TestOutputTopic<String, VipRate> rates;
    private TestOutputTopic<String, AlertEvent> alerts;
    private TestOutputTopic<String, DeadLetter> dlq;
    private Instant now = START;

    @BeforeEach
    void start() {
        start(START);
    }

    /** A driver whose wall clock starts at {@code wallClock}: a new instance, with empty stores. */
    private void start(Instant wallClock) {
        TlswatchConfig config = TlswatchConfig.of(Map.of("application.id", "netskope-test",
                "kafka.bootstrap.servers", "unused:9092", "netskope.observer", "acme.goskope.com"));
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props,
                new LogDecoder(ZoneOffset.UTC, START::toEpochMilli, "unknown"), registry), props, wallClock);
        webtx = driver.createInputTopic(TOPICS.netskope(), new StringSerializer(), new StringSerializer());
        handshakes = driver.createOutputTopic(TOPICS.handshakes(), new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer());
        rates = driver.createOutputTopic(TOPICS.rates(), new StringDeserializer(),
                JsonSerde.of(VipRate.class).deserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer());
        dlq = driver.createOutputTopic(TOPICS.dlq(), new StringDeserializer(),
                JsonSerde.of(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String key, String line) {
        now = now.plusMillis(100);
        webtx.pipeInput(new TestRecord<>(key, line, now));
    }

    private double count(String result) {
        return registry.counter("tlswatch_input_records_total", "result", result).count();
    }

    @Test
    void anExportBecomesEcsRecordsRatesAndAnAlertWithItsHeaderKeptPerStream() {
        List<String> real = NetskopeExport.realCsv();
        // a row before any header of its stream: a dead letter that says so
        send(EXPORT, real.get(1));
        send(EXPORT, real.get(0));
        send(EXPORT, real.get(1)); // the real row: both sides succeeded
        // another export, interleaved, with a W3C header of its own (space-separated, other columns)
        send("other.log", "#Version: 1.0");
        send("other.log", "#Fields: date time x-cs-src-ip x-cs-src-port x-cs-dst-ip x-cs-dst-port x-cs-sni "
                + "x-cs-ssl-version x-cs-ssl-handshake-error x-s-dp-name");
        send(EXPORT, NetskopeExport.plainHttpRow("2026-02-06", "20:35:31", "192.168.86.241"));
        for (int i = 0; i < 6; i++) {
            send(EXPORT, NetskopeExport.expiredOriginRow("2026-02-06", "20:35:3" + (2 + i), "192.168.86." + (10 + i),
                    50000 + i, ORIGIN, "expired.example.org", 40000 + i));
        }
        send("other.log", "2026-02-06 20:35:33 10.9.9.9 51000 203.0.113.30 443 legacy.example.com TLSv1 "
                + "\"no shared cipher\" DE-FRA1");
        // the header changes mid-stream: later rows are read against the new one
        send(EXPORT, "#Fields: date time x-cs-src-ip x-cs-src-port x-cs-dst-ip x-cs-dst-port x-cs-sni "
                + "x-cs-ssl-handshake-error");
        send(EXPORT, "2026-02-06 20:35:40 10.1.2.3 50999 203.0.113.10 443 app.example.com "
                + "\"tlsv1 alert unknown ca\"");

        // every input record accounted for: 3 headers and a directive, 9 rows with TLS, 1 without, 1 dead letter
        assertThat(count("header")).isEqualTo(4);
        assertThat(count("decoded")).isEqualTo(9);
        assertThat(count("dropped_not_tls")).isEqualTo(1);
        assertThat(registry.counter("tlswatch_input_records_total", "result", "dead_letter", "reason",
                "missing_header").count()).isEqualTo(1);

        List<DeadLetter> dead = dlq.readValuesToList();
        assertThat(dead).hasSize(1);
        assertValidRecord(dead.get(0));
        assertThat(dead.get(0).reason()).isEqualTo("missing_header");
        assertThat(dead.get(0).sourceTopic()).isEqualTo(TOPICS.netskope());
        assertThat(dead.get(0).keyBase64())
                .isEqualTo(Base64.getEncoder().encodeToString(EXPORT.getBytes(StandardCharsets.UTF_8)));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        docs.forEach(d -> assertValidRecord(d));
        // the real row's two sides, each expired row's two sides, the two W3C rows' client sides
        assertThat(docs).hasSize(2 + 12 + 2);
        assertThat(docs).allSatisfy(d -> {
            assertThat(d.observer().vendor()).isEqualTo("Netskope");
            assertThat(d.observer().product()).isEqualTo("Secure Web Gateway");
            assertThat(d.observer().type()).isEqualTo("proxy");
        });

        EcsHandshake realClient = docs.get(0);
        assertThat(realClient.observer().hostname()).isEqualTo("us-sfo1"); // x-s-dp-name US-SFO1
        assertThat(realClient.event().outcome()).isEqualTo("success");
        assertThat(realClient.tlswatch().side()).isEqualTo("client");
        assertThat(realClient.source().ip()).isEqualTo("192.168.86.241");
        assertThat(realClient.source().port()).isEqualTo(28790);
        assertThat(realClient.destination().domain()).isEqualTo("clients4.google.com");
        assertThat(realClient.tls().version()).isEqualTo("1.3");
        assertThat(realClient.tls().versionProtocol()).isEqualTo("tls");
        assertThat(realClient.tls().cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(realClient.tls().client().ja3()).isEqualTo("d23cb79443a0fb0ed0c3b8a4cc8bec41");
        assertThat(realClient.event().original()).isEqualTo(real.get(1));
        EcsHandshake realServer = docs.get(1);
        assertThat(realServer.tlswatch().side()).isEqualTo("server");
        assertThat(realServer.source().ip()).isEqualTo("163.116.140.40");
        assertThat(realServer.tls().server().ja3s()).isEqualTo("907bf3ecef1c987c889946b737b43de8");

        List<EcsHandshake> expired = docs.stream().filter(d -> "failure".equals(d.event().outcome())
                && "cert_expired".equals(d.tlswatch().errorClass())).toList();
        assertThat(expired).hasSize(6).allSatisfy(d -> {
            assertThat(d.tlswatch().side()).isEqualTo("server");
            assertThat(d.error().type()).isEqualTo("cert_expired");
            assertThat(d.destination().ip()).isEqualTo(ORIGIN);
            assertThat(d.destination().domain()).isEqualTo("expired.example.org");
            assertThat(d.observer().hostname()).isEqualTo("us-sfo1");
        });

        EcsHandshake cipher = docs.stream().filter(d -> "no_shared_cipher".equals(d.tlswatch().errorClass()))
                .findFirst().orElseThrow();
        assertThat(cipher.observer().hostname()).isEqualTo("de-fra1");
        assertThat(cipher.destination().domain()).isEqualTo("legacy.example.com");
        assertThat(cipher.tls().version()).isEqualTo("1.0");
        assertThat(cipher.error().message()).isEqualTo("no shared cipher");

        // read against the changed header: the class comes from the new column, the observer from the setting
        EcsHandshake untrusted = docs.get(docs.size() - 1);
        assertThat(untrusted.tlswatch().errorClass()).isEqualTo("cert_untrusted");
        assertThat(untrusted.tlswatch().side()).isEqualTo("client");
        assertThat(untrusted.tlswatch().hint()).contains("the proxy's re-signing CA").doesNotContain("client-ssl");
        assertThat(untrusted.observer().hostname()).isEqualTo("acme");
        assertThat(untrusted.destination().domain()).isEqualTo("app.example.com");
        assertThat(untrusted.source().ip()).isEqualTo("10.1.2.3");

        // rates per (observer, destination): the origin's six failures and its attempts; then the alert
        List<AlertEvent> fired = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            fired.addAll(alerts.readValuesToList());
        }
        List<VipRate> originRates = rates.readValuesToList().stream()
                .filter(r -> r.observer().equals("us-sfo1") && r.vip().equals(ORIGIN + ":443")).toList();
        assertThat(originRates).isNotEmpty();
        VipRate expiredRate = originRates.stream().filter(r -> r.errorClass().equals("cert_expired"))
                .reduce((a, b) -> b).orElseThrow();
        assertValidRecord(expiredRate);
        assertThat(expiredRate.shortWindow().failures()).isEqualTo(6);
        assertThat(fired).filteredOn(a -> a.status().equals("FIRING")).singleElement().satisfies(a -> {
            assertValidRecord(a);
            assertThat(a.dedupKey()).isEqualTo("tlswatch/us-sfo1/" + ORIGIN + ":443/cert_expired");
            // the origin is someone's server, not a BIG-IP virtual server: no profile to renew a certificate on
            assertThat(a.payload().customDetails().get("hint").toString())
                    .startsWith("the server's certificate expired")
                    .doesNotContain("client-ssl");
        });
    }

    @Test
    void theHeaderOfAStreamSilentForTheRetentionIsForgottenAndALiveOnesKept() {
        List<String> real = NetskopeExport.realCsv();
        send("ended.csv", real.get(0));
        send("live.csv", real.get(0));
        // the default retention (30 days) and an hour of wall clock; the live stream sends a row every day
        for (int day = 0; day < 30; day++) {
            driver.advanceWallClockTime(Duration.ofDays(1));
            send("live.csv", real.get(1));
        }
        driver.advanceWallClockTime(Duration.ofHours(1));
        send("live.csv", real.get(1));
        send("ended.csv", real.get(1));
        assertThat(count("decoded")).isEqualTo(31);
        assertThat(dlq.readValuesToList()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("missing_header"))
                .satisfies(d -> assertThat(d.keyBase64())
                        .isEqualTo(Base64.getEncoder().encodeToString("ended.csv".getBytes(StandardCharsets.UTF_8))));
        assertThat(registry.counter("tlswatch_netskope_headers_expired_total").count()).isEqualTo(1);
        KeyValueStore<String, String> headers = driver.getKeyValueStore(NetskopeTopology.HEADERS_STORE);
        assertThat(headers.get("key:live.csv")).isEqualTo(real.get(0));
        assertThat(headers.get("key:ended.csv")).isNull();
    }

    /** The retention is "silent for at least": a check that falls exactly on it forgets the header. */
    @Test
    void aStreamSilentForExactlyTheRetentionHasEnded() {
        List<String> real = NetskopeExport.realCsv();
        send("ended.csv", real.get(0));
        // one advance, one check, exactly the default 30 days after the header arrived (wall clock)
        driver.advanceWallClockTime(Duration.ofDays(30));
        send("ended.csv", real.get(1));
        assertThat(dlq.readValuesToList()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("missing_header"));
    }

    /**
     * A restart (or a rebalance) does not start a silent stream's clock again: when each stream last sent a record is
     * kept beside its header, so an instance restarted more often than the retention still forgets ended streams.
     */
    @Test
    void theRetentionClockSurvivesARestart() {
        List<String> real = NetskopeExport.realCsv();
        send("ended.csv", real.get(0));
        driver.advanceWallClockTime(Duration.ofDays(20));
        Map<String, Map<String, Object>> stored = new HashMap<>();
        for (String name : List.of(NetskopeTopology.HEADERS_STORE, NetskopeTopology.HEADER_SEEN_STORE)) {
            Map<String, Object> entries = new HashMap<>();
            try (var it = driver.<String, Object>getKeyValueStore(name).all()) {
                it.forEachRemaining(kv -> entries.put(kv.key, kv.value));
            }
            stored.put(name, entries);
        }
        assertThat(stored.get(NetskopeTopology.HEADER_SEEN_STORE)).containsOnlyKeys("key:ended.csv");
        driver.close();

        // the new instance, twenty days on, with the stores as the changelogs restore them
        start(START.plus(Duration.ofDays(20)));
        stored.forEach((name, entries) -> {
            var restored = driver.<String, Object>getKeyValueStore(name);
            entries.forEach(restored::put);
        });
        driver.advanceWallClockTime(Duration.ofDays(10).plusHours(1));
        send("ended.csv", real.get(1));

        assertThat(dlq.readValuesToList()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("missing_header"));
        assertThat(registry.counter("tlswatch_netskope_headers_expired_total").count()).isEqualTo(1);
        assertThat(driver.<String, Object>getKeyValueStore(NetskopeTopology.HEADER_SEEN_STORE).get("key:ended.csv"))
                .isNull();
    }

    @Test
    void unkeyedRecordsShareTheHeaderOfTheirPartition() {
        List<String> real = NetskopeExport.realCsv();
        send(null, real.get(0));
        send(null, real.get(1));
        assertThat(count("decoded")).isEqualTo(1);
        assertThat(handshakes.readValuesToList()).hasSize(2)
                .allSatisfy(d -> assertThat(d.observer().vendor()).isEqualTo("Netskope"));
        assertThat(dlq.isEmpty()).isTrue();
    }
}
