package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.VirtualServer;
import io.tlswatch.schemas.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlswatchTopologyTest {
    private static final Instant START = Instant.parse("2026-02-01T08:12:14Z");
    private static final TopicNames TOPICS = TopicNames.defaults();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> logs;
    private TestOutputTopic<String, EcsHandshake> handshakes;
    private TestOutputTopic<String, VipRate> rates;
    private TestOutputTopic<String, AlertEvent> alerts;
    private TestOutputTopic<byte[], DeadLetter> dlq;

    @BeforeEach
    void start() {
        TlswatchConfig config = TlswatchConfig.of(Map.of(
                "application.id", "topology-test",
                "kafka.bootstrap.servers", "unused:9092",
                "join.wait", "2s",
                "alerts.window", "60s",
                "alerts.server.min.failures", "3",
                "alerts.warmup", "0s",
                "alerts.check.every", "5s"));
        // the decoder's clock is the test's: the real lines are from 1 February
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> START.toEpochMilli() + 60_000, "unknown");
        // the settings production runs with, explicit-naming enforcement included
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, registry), props, START);
        logs = driver.createInputTopic(TOPICS.logs(), new ByteArraySerializer(), new ByteArraySerializer());
        handshakes = driver.createOutputTopic(TOPICS.handshakes(), new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer());
        rates = driver.createOutputTopic(TOPICS.rates(), new StringDeserializer(), JsonSerde.of(VipRate.class).deserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), JsonSerde.of(AlertEvent.class).deserializer());
        dlq = driver.createOutputTopic(TOPICS.dlq(), Serdes.ByteArray().deserializer(), JsonSerde.of(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String line, Instant at) {
        logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), at));
    }

    @Test
    void theTwoTmmLdapsBurstGivesTwoNoSharedCipherOutcomes() {
        // the real six-line burst from pua-bigip: tmm and tmm1 each log 01260009 -> 01260026 -> 01260013
        for (String tmm : List.of("tmm", "tmm1")) {
            String port = tmm.equals("tmm") ? "32962" : "32963";
            send("Feb  1 08:12:14 pua-bigip warning " + tmm + "[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)", START);
            send("Feb  1 08:12:14 pua-bigip warning " + tmm + "[9244]: 01260026:4: No shared ciphers between SSL peers 192.168.99.86." + port + ":192.168.20.230.636.", START);
            send("Feb  1 08:12:14 pua-bigip warning " + tmm + "[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:" + port + " -> 192.168.20.230:636", START);
        }
        assertThat(handshakes.isEmpty()).as("nothing before the join wait").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(2);
        assertThat(docs).extracting(d -> d.source().port()).containsExactlyInAnyOrder(32962, 32963);
        for (EcsHandshake d : docs) {
            assertValidRecord(Schema.HANDSHAKE_ECS, d);
            assertThat(d.tlswatch().errorClass()).isEqualTo("no_shared_cipher");
            assertThat(d.destination().ip()).isEqualTo("192.168.20.230");
            assertThat(d.destination().port()).isEqualTo(636);
            assertThat(d.event().outcome()).isEqualTo("failure");
            assertThat(d.error().code()).isEqualTo("40");
            assertThat(d.error().message()).isEqualTo("no shared ciphers");
            assertThat(d.tlswatch().alert().name()).isEqualTo("handshake_failure");
            assertThat(d.tlswatch().alert().sender()).isEqualTo("bigip");
            assertThat(d.tlswatch().evidence().msgids()).containsExactly("01260009", "01260026", "01260013");
            assertThat(d.observer().hostname()).isEqualTo("pua-bigip");
            assertThat(d.timestamp()).isEqualTo("2026-02-01T08:12:14Z");
        }
        // two failures of one class on one VIP in one window: counted, below the fire threshold of 3
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<VipRate> counts = rates.readValuesToList().stream()
                .filter(r -> r.errorClass().equals("no_shared_cipher")).toList();
        assertThat(counts).isNotEmpty();
        assertThat(counts.get(counts.size() - 1).shortWindow().failures()).isEqualTo(2);
        assertThat(counts.get(0).vip()).isEqualTo("192.168.20.230:636");
        assertThat(counts.get(0).mode()).as("logs only: no attempts").isEqualTo("baseline");
        assertThat(alerts.isEmpty()).isTrue();
    }

    /** The three lines of one burst in each of their six orders: always one outcome with all three. */
    @ParameterizedTest(name = "order {0}")
    @ValueSource(strings = {"012", "021", "102", "120", "201", "210"})
    void theThreeLineBurstJoinsIntoOneOutcomeInEveryOrder(String order) {
        List<String> burst = List.of(
                "Feb  1 08:12:14 b warning tmm[1]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)",
                "Feb  1 08:12:14 b warning tmm[1]: 01260026:4: No shared ciphers between SSL peers 10.0.0.1.1000:10.9.9.9.443.",
                "Feb  1 08:12:14 b warning tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:1000 -> 10.9.9.9:443");
        for (char c : order.toCharArray()) {
            send(burst.get(c - '0'), START);
        }
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        EcsHandshake d = docs.get(0);
        assertValidRecord(Schema.HANDSHAKE_ECS, d);
        assertThat(d.tlswatch().errorClass()).isEqualTo("no_shared_cipher");
        assertThat(d.error().code()).isEqualTo("40");
        assertThat(d.source().port()).isEqualTo(1000);
        assertThat(d.destination().ip()).isEqualTo("10.9.9.9");
        assertThat(d.tlswatch().evidence().msgids()).containsExactlyInAnyOrder("01260009", "01260026", "01260013");
    }

    /**
     * Lines pending when a task moves (a restart, a rebalance) wait in the store, one entry per line: the instance
     * that takes over reads them back and joins the rest of the burst to them.
     */
    @Test
    void linesPendingAtARestartJoinTheRestOfTheirBurst() {
        send("Feb  1 08:12:14 b warning tmm[1]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)", START);
        send("Feb  1 08:12:14 b warning tmm[1]: 01260026:4: No shared ciphers between SSL peers 10.0.0.1.1000:10.9.9.9.443.", START);
        List<KeyValue<String, Object>> stored = new ArrayList<>();
        KeyValueStore<String, Object> lines = driver.getKeyValueStore(TlswatchTopology.PENDING_LINES_STORE);
        try (KeyValueIterator<String, Object> it = lines.all()) {
            it.forEachRemaining(stored::add);
        }
        assertThat(stored).as("one entry per line").hasSize(2);
        driver.close();

        start(); // the new instance's stores, as the changelog restores them
        KeyValueStore<String, Object> restored = driver.getKeyValueStore(TlswatchTopology.PENDING_LINES_STORE);
        stored.forEach(kv -> restored.put(kv.key, kv.value));
        send("Feb  1 08:12:14 b warning tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:1000 -> 10.9.9.9:443", START);
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).tlswatch().evidence().msgids()).containsExactly("01260009", "01260026", "01260013");
        try (KeyValueIterator<String, Object> it = restored.all()) {
            assertThat(it.hasNext()).as("nothing left pending").isFalse();
        }
    }

    /** iRule lines of the same TMM describe the failed handshake of their client: one outcome carries both. */
    @Test
    void iRuleLinesOfTheTmmEnrichTheFailureOfTheirClient() {
        send("Feb  1 08:12:14 b info tmm[1]: Rule /Common/ja4_irule <CLIENT_HELLO>: "
                + "JA4=t13d1516h2_8daaf6152771_e5627efa2ab1 src=10.0.0.1:1000", START);
        send("Feb  1 08:12:14 b info tmm[1]: Rule /Common/ssl-dump <CLIENT_DATA>: VIP: /Common/shop Client: 10.0.0.1 "
                + "attempts SSL with ciphers: c02b,c02f,0035", START);
        send("Feb  1 08:12:14 b warning tmm[1]: 01260026:4: No shared ciphers between SSL peers 10.0.0.1.1000:10.9.9.9.443.", START);
        send("Feb  1 08:12:14 b warning tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:1000 -> 10.9.9.9:443", START);
        // an iRule line of another client describes no failure: it leaves with the wait
        send("Feb  1 08:12:14 b info tmm[1]: Rule /Common/ja4_irule <CLIENT_HELLO>: "
                + "JA4=t13d1516h2_8daaf6152771_e5627efa2ab1 src=10.0.0.2:2000", START);
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        EcsHandshake d = docs.get(0);
        assertValidRecord(Schema.HANDSHAKE_ECS, d);
        assertThat(d.tlswatch().errorClass()).isEqualTo("no_shared_cipher");
        assertThat(d.tlswatch().ja4()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
        assertThat(d.tls().client().supportedCiphers()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA");
        assertThat(d.tlswatch().evidence().msgids()).containsExactlyInAnyOrder("01260026", "01260013");
        assertThat(d.tlswatch().evidence().packets()).as("no packets, only iRule lines").isFalse();
    }

    @Test
    void anAlertFiresOnTheThresholdAndResolvesWhenTheVipGoesQuiet() {
        for (int i = 0; i < 3; i++) {
            Instant at = START.plusSeconds(i);
            send(expiredCertLine(at, 40000 + i), at);
        }
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        List<AlertEvent> fired = alerts.readValuesToList();
        assertThat(fired).hasSize(1);
        AlertEvent firing = fired.get(0);
        assertValidRecord(Schema.ALERT_EVENT, firing);
        assertThat(firing.status()).isEqualTo("FIRING");
        assertThat(firing.eventAction()).isEqualTo("trigger");
        assertThat(firing.dedupKey()).isEqualTo("tlswatch/bigip-01/10.10.1.10:443/cert_expired");
        assertThat(firing.payload().summary()).contains("cert_expired", "10.10.1.10:443", "3 failed handshakes");
        assertThat(firing.payload().customDetails()).containsEntry("hint",
                ErrorClass.CERT_EXPIRED.hint().replace("VIP:PORT", "10.10.1.10:443").replace("-servername SNI",
                        "-servername <sni>"))
                .containsEntry("mode", "baseline")
                .containsEntry("failures", 3);

        // more failures in the same window update nothing: one FIRING per incident
        send(expiredCertLine(START.plusSeconds(5), 41000), START.plusSeconds(5));
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(alerts.isEmpty()).isTrue();

        // silence: no record arrives, only the wall clock moves; after a whole quiet window it resolves
        driver.advanceWallClockTime(Duration.ofSeconds(60));
        assertThat(alerts.isEmpty()).as("still inside the quiet window").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(60));
        List<AlertEvent> resolved = alerts.readValuesToList();
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).status()).isEqualTo("RESOLVED");
        assertThat(resolved.get(0).eventAction()).isEqualTo("resolve");
        assertThat(resolved.get(0).dedupKey()).isEqualTo(firing.dedupKey());
        assertThat(resolved.get(0).endsAt()).isNotNull();
        assertValidRecord(Schema.ALERT_EVENT, resolved.get(0));
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndNonTlsLinesAreDroppedAndCounted() {
        byte[] garbage = {(byte) 0xc3, 0x28, (byte) 0xff, 0x00, 0x01};
        logs.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), garbage, START));
        send("Jan 17 03:35:18 SV5-F5-5600-2.splunk.com notice tmsh[16322]: 01420002:5: AUDIT - pid=16322 user=root folder=/ module=(tmos)# status=[Command OK] cmd_data=cd / ;", START);
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        List<TestRecord<byte[], DeadLetter>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        DeadLetter letter = dead.get(0).value();
        assertValidRecord(Schema.DEAD_LETTER, letter);
        assertThat(letter.reason()).isEqualTo("not_utf8");
        assertThat(Base64.getDecoder().decode(letter.valueBase64())).isEqualTo(garbage);
        assertThat(letter.sourceTopic()).isEqualTo(TOPICS.logs());
        assertThat(letter.sourceOffset()).isEqualTo(0L);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(handshakes.isEmpty()).isTrue();
        assertThat(count("dropped_not_tls")).isEqualTo(1.0);
        assertThat(count("dead_letter")).isEqualTo(1.0);
        assertThat(count("decoded")).isEqualTo(0.0);
    }

    @Test
    void twoAddresslessReasonsOfOneTmmAttachInOrderToTheirOwnConnections() {
        // one TMM, one second, two failed handshakes: each older 01260009 belongs to the next connection
        send("Feb  1 08:12:14 b warning tmm[7]: 01260009:4: Connection error: ssl_hs_rxhello:10026: unsupported version (40)", START);
        send("Feb  1 08:12:14 b warning tmm[7]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:1000 -> 10.9.9.9:443", START);
        send("Feb  1 08:12:14 b warning tmm[7]: 01260009:4: Connection error: ssl_passthru:5234: not SSL (40)", START);
        send("Feb  1 08:12:14 b warning tmm[7]: 01260013:4: SSL Handshake failed for TCP 10.0.0.2:2000 -> 10.9.9.9:443", START);
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        Map<Integer, String> classByPort = new HashMap<>();
        handshakes.readValuesToList().forEach(d -> classByPort.put(d.source().port(), d.tlswatch().errorClass()));
        assertThat(classByPort).containsExactlyInAnyOrderEntriesOf(Map.of(1000, "protocol_version", 2000, "not_tls"));
    }

    @Test
    void anAddresslessReasonJoinsItsOwnBurstNotAnEarlierLoneConnection() {
        // a client reset (a lone 01260013) earlier in the second, then a burst: the reason is the burst's, whether or
        // not the reset is still pending (it was the reset's while "first in order" depended on the wall clock)
        send("Feb  1 08:12:14 b warning tmm[6]: 01260013:4: SSL Handshake failed for TCP 10.0.0.5:5000 -> 10.9.9.9:443", START);
        send("Feb  1 08:12:14 b warning tmm[6]: 01260009:4: Connection error: ssl_passthru:5234: not SSL (40)", START);
        send("Feb  1 08:12:14 b warning tmm[6]: 01260013:4: SSL Handshake failed for TCP 10.0.0.6:6000 -> 10.9.9.9:443", START);
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        Map<Integer, String> classByPort = new HashMap<>();
        handshakes.readValuesToList().forEach(d -> classByPort.put(d.source().port(), d.tlswatch().errorClass()));
        assertThat(classByPort).containsOnlyKeys(5000, 6000); // the reset is reported too, just not as the burst's
        assertThat(classByPort.get(6000)).isEqualTo("not_tls");
        assertThat(classByPort.get(5000)).isNotEqualTo("not_tls");
    }

    @Test
    void aLineThatMakesOlderLinesStaleIsKeptWhenNoneOfThemCanGoYet() {
        // an address-less reason (its 01260013 still on another partition) waits beside a connection of its second;
        // a line a whole wait newer arrives: nothing can be emitted yet, and that line must still be kept
        send("Feb  1 08:12:14 b warning tmm[9]: 01260009:4: Connection error: ssl_passthru:5234: not SSL (40)",
                START.plusMillis(50));
        send("Feb  1 08:12:14 b warning tmm[9]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:1000 -> 10.9.9.9:443",
                START.plusMillis(950));
        send("Feb  1 08:12:16 b warning tmm[9]: 01260013:4: SSL Handshake failed for TCP 10.0.0.2:2000 -> 10.9.9.9:443",
                START.plusMillis(2100));
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(handshakes.readValuesToList()).extracting(d -> d.source().port())
                .containsExactlyInAnyOrder(1000, 2000);
    }

    @Test
    void aBusyTmmFlushesEarlyButLosesNoConnection() {
        int connections = 300;
        for (int i = 0; i < connections; i++) {
            send("Feb  1 08:12:14 b warning tmm[8]: 01260013:4: SSL Handshake failed for TCP 10.0.1.1:" + (10000 + i)
                    + " -> 10.9.9.9:443", START);
        }
        List<EcsHandshake> early = handshakes.readValuesToList();
        assertThat(early).as("oldest flushed before the wait").isNotEmpty().hasSizeLessThan(connections);
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        // the rest after the wait: every connection exactly once
        List<Integer> ports = new ArrayList<>();
        early.forEach(d -> ports.add(d.source().port()));
        handshakes.readValuesToList().forEach(d -> ports.add(d.source().port()));
        assertThat(ports).hasSize(connections).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(10000, 10000 + connections - 1));
        assertThat(count("decoded")).isEqualTo(connections);
    }

    @Test
    void aBigIpWithAFastClockDoesNotDisturbAnotherOnesAlert() {
        // bigip-fast is 200 s ahead; windows follow the time lines entered Kafka, not device clocks
        send("Feb  1 08:15:34 bigip-fast warning tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.7.7.7:1 -> 10.8.8.8:443", START);
        for (int i = 0; i < 20; i++) {
            Instant at = START.plusSeconds(i * 3L);
            send(expiredCertLine(at, 42000 + i), at);
            driver.advanceWallClockTime(Duration.ofSeconds(3));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<AlertEvent> events = alerts.readValuesToList();
        assertThat(events).extracting(AlertEvent::status).containsExactly("FIRING");
        assertThat(events.get(0).dedupKey()).isEqualTo("tlswatch/bigip-01/10.10.1.10:443/cert_expired");
        List<VipRate> counts = rates.readValuesToList().stream()
                .filter(r -> r.observer().equals("bigip-01") && r.errorClass().equals("cert_expired")).toList();
        // one failure every 3 s from 08:12:14 to 08:13:11: a one-minute window holds 19 or 20 of them;
        // had the fast clock moved the time of the rates, these would all be too late
        assertThat(counts.stream().mapToLong(r -> r.shortWindow().failures()).max().orElse(0)).isBetween(19L, 20L);
    }

    @Test
    void anAlertStaysOpenWhileFailuresContinueAboveTheResolveThreshold() {
        for (int i = 0; i < 3; i++) {
            send(expiredCertLine(START.plusSeconds(i), 43000 + i), START.plusSeconds(i));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("FIRING");
        // two failures a minute keep it open (resolve threshold 2) for five minutes
        for (int minute = 1; minute <= 5; minute++) {
            Instant at = START.plusSeconds(60L * minute);
            send(expiredCertLine(at, 44000 + minute), at);
            send(expiredCertLine(at.plusSeconds(1), 45000 + minute), at.plusSeconds(1));
            driver.advanceWallClockTime(Duration.ofSeconds(60));
            assertThat(alerts.isEmpty()).as("minute %d", minute).isTrue();
        }
        driver.advanceWallClockTime(Duration.ofSeconds(180));
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("RESOLVED");
    }

    @Test
    void thePollerFeedsTheInventoryAndAttemptsPerVirtualServer() throws Exception {
        ObjectNode poller = (ObjectNode)
                Json.MAPPER.readTree(Files.readAllBytes(
                        SharedData.f5("ts-system-poller-output.json")));
        TestOutputTopic<String, VirtualServer> inventory = driver.createOutputTopic(TOPICS.inventory(),
                new StringDeserializer(), JsonSerde.of(VirtualServer.class).deserializer());
        TestOutputTopic<String, VipAttempts> attempts = driver.createOutputTopic(TOPICS.attempts(),
                new StringDeserializer(), JsonSerde.of(VipAttempts.class).deserializer());
        String vip = "/Common/app.app/app_vs";
        ObjectNode stats =
                (ObjectNode) poller.path("virtualServers").path(vip);

        stats.put("clientside.totConns", 1000);
        logs.pipeInput(new TestRecord<>(null, poller.toString().getBytes(StandardCharsets.UTF_8), START));
        stats.put("clientside.totConns", 1250);
        ((ObjectNode) poller.path("system")).put("systemTimestamp", "2019-01-01T01:02:01Z");
        logs.pipeInput(new TestRecord<>(null, poller.toString().getBytes(StandardCharsets.UTF_8), START.plusSeconds(60)));
        // the BIG-IP restarted: the counter starts again
        stats.put("clientside.totConns", 40);
        ((ObjectNode) poller.path("system")).put("systemTimestamp", "2019-01-01T01:03:01Z");
        logs.pipeInput(new TestRecord<>(null, poller.toString().getBytes(StandardCharsets.UTF_8), START.plusSeconds(120)));

        Map<String, VirtualServer> vips = inventory.readKeyValuesToMap();
        assertThat(vips).containsKey("telemetry/10.5.6.7:80");
        assertThat(vips.get("telemetry/10.5.6.7:80").name()).isEqualTo(vip);
        List<VipAttempts> counted = attempts.readValuesToList().stream()
                .filter(a -> a.vipName().equals(vip)).toList();
        assertThat(counted).extracting(VipAttempts::attempts).containsExactly(250L, 40L);
        assertThat(counted).extracting(VipAttempts::counterReset).containsExactly(false, true);
        assertThat(counted.get(0).toMs() - counted.get(0).fromMs()).isEqualTo(60_000);
        counted.forEach(a -> assertValidRecord(Schema.VIP_ATTEMPTS, a));
        assertThat(handshakes.isEmpty()).isTrue();
        assertThat(count("decoded_telemetry")).isEqualTo(3.0);
    }

    private double count(String result) {
        return registry.find("tlswatch_input_records_total").tag("result", result).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static String expiredCertLine(Instant at, int clientPort) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", java.util.Locale.ROOT)
                .withZone(ZoneId.of("UTC")).format(at);
        return stamp + " bigip-01 warning tmm2[4242]: 01260009:4: 198.51.100.7:" + clientPort
                + " -> 10.10.1.10:443: Connection error: ssl_codec_rx:2314: alert(45) received alert";
    }
}
