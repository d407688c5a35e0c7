package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.certs.CertificateWatchTopology;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate expiry warnings and client-ssl profile alerts, driven by system-poller documents on
 * {@code f5.logs} whose own timestamps are "now" (DESIGN §9).
 */
class CertificateExpiryTopologyTest {
    private static final Instant START = Instant.parse("2026-02-01T08:12:14Z");
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String OBSERVER = "bigip-01.example.com";
    /** OBSERVER as every record names it (ObserverName). */
    private static final String NAME = "bigip-01";
    private static final String CERT = "/Shop/shop.example.com.crt";
    private static final String CERT_KEY = "tlswatch/" + NAME + "/cert:" + CERT + "/cert_expiring";
    private static final String PROFILE_KEY = "tlswatch/" + NAME + "/profile:/Common/clientssl/handshake_failures";
    private static final Duration DAY = Duration.ofDays(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The log decoder's clock: it refuses line times more than an hour ahead of it. */
    private final AtomicLong clock = new AtomicLong(START.toEpochMilli());
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> logs;
    private TestOutputTopic<String, AlertEvent> alerts;

    private void start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "application.id", "certificate-expiry-topology-test",
                "kafka.bootstrap.servers", "unused:9092",
                // the per-VIP rules must stay quiet: these tests read only the watch's alerts
                "alerts.server.min.failures", "1000",
                "alerts.client.min.failures", "1000"));
        all.putAll(settings);
        TlswatchConfig config = TlswatchConfig.of(all);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), clock::get, "unknown");
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, registry), props, START);
        logs = driver.createInputTopic(TOPICS.logs(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void warnsAtEachHorizonOnceAndResolvesWhenRenewed() {
        start(Map.of());
        Instant notAfter = START.plus(Duration.ofDays(31));

        poll(START, Map.of(CERT, notAfter));
        assertThat(read()).as("31 days left: beyond the farthest horizon").isEmpty();

        poll(START.plus(Duration.ofDays(2)), Map.of(CERT, notAfter));
        List<AlertEvent> fired = read();
        assertThat(fired).extracting(AlertEvent::status).containsExactly("FIRING");
        AlertEvent firing = fired.get(0);
        assertThat(firing.dedupKey()).isEqualTo(CERT_KEY).matches("^tlswatch/.+/.+/.+$");
        assertThat(firing.eventAction()).isEqualTo("trigger");
        assertThat(firing.startsAt()).isEqualTo(START.plus(Duration.ofDays(2)).toString());
        assertThat(firing.payload().severity()).isEqualTo("warning");
        assertThat(firing.payload().className()).isEqualTo("cert_expiring");
        assertThat(firing.payload().source()).isEqualTo(NAME);
        assertThat(firing.payload().summary()).contains(CERT, "CN=shop.example.com", "CN=Example Issuing CA 1",
                notAfter.toString(), "29 days left");
        assertThat(firing.payload().customDetails())
                .containsEntry("certificate", CERT)
                .containsEntry("subject", "CN=shop.example.com,O=Example Inc.,C=US")
                .containsEntry("issuer", "CN=Example Issuing CA 1,O=Example Inc.,C=US")
                .containsEntry("not_after", notAfter.toString())
                .containsEntry("days_left", 29)
                .containsEntry("horizon", "30d");
        assertThat((String) firing.payload().customDetails().get("hint"))
                .contains("tmsh list sys file ssl-cert " + CERT, "openssl x509 -noout", "-enddate");
        assertThat(firing.labels()).containsEntry("alertname", "TlsCertificateExpiring")
                .containsEntry("observer", NAME).containsEntry("certificate", CERT)
                .containsEntry("error_class", "cert_expiring");

        // later polls within the same horizon, and the very same poll again, say nothing new
        poll(START.plus(Duration.ofDays(2)).plusSeconds(3600), Map.of(CERT, notAfter));
        poll(START.plus(Duration.ofDays(2)).plusSeconds(3600), Map.of(CERT, notAfter));
        poll(START.plus(Duration.ofDays(20)), Map.of(CERT, notAfter));
        // an older poll replayed late changes nothing either
        poll(START.plus(Duration.ofDays(1)), Map.of(CERT, notAfter));
        assertThat(read()).isEmpty();

        poll(START.plus(Duration.ofDays(25)), Map.of(CERT, notAfter));
        List<AlertEvent> updated = read();
        assertThat(updated).extracting(AlertEvent::status).containsExactly("UPDATE");
        assertThat(updated.get(0).payload().severity()).isEqualTo("error");
        assertThat(updated.get(0).payload().customDetails()).containsEntry("days_left", 6).containsEntry("horizon", "7d");
        assertThat(updated.get(0).startsAt()).as("still the first firing").isEqualTo(firing.startsAt());

        Instant renewed = START.plus(Duration.ofDays(400));
        poll(START.plus(Duration.ofDays(26)), Map.of(CERT, renewed));
        List<AlertEvent> resolved = read();
        assertThat(resolved).extracting(AlertEvent::status).containsExactly("RESOLVED");
        assertThat(resolved.get(0).eventAction()).isEqualTo("resolve");
        assertThat(resolved.get(0).endsAt()).isEqualTo(START.plus(Duration.ofDays(26)).toString());
        assertThat(resolved.get(0).payload().customDetails()).containsEntry("reason", "renewed")
                .containsEntry("not_after", renewed.toString());

        poll(START.plus(Duration.ofDays(27)), Map.of(CERT, renewed));
        assertThat(read()).isEmpty();
    }

    @Test
    void anExpiredCertificateIsCriticalAndTheNearestHorizonToo() {
        start(Map.of());
        Instant notAfter = START.plus(DAY);
        poll(START.plus(Duration.ofHours(1)), Map.of(CERT, notAfter));
        AlertEvent fired = read().get(0);
        assertThat(fired.status()).isEqualTo("FIRING");
        assertThat(fired.payload().severity()).as("first seen within 1d").isEqualTo("critical");
        assertThat(fired.payload().customDetails()).containsEntry("horizon", "1d").containsEntry("days_left", 0);

        poll(START.plus(Duration.ofDays(3)), Map.of(CERT, notAfter));
        AlertEvent expired = read().get(0);
        assertThat(expired.status()).isEqualTo("UPDATE");
        assertThat(expired.payload().severity()).isEqualTo("critical");
        assertThat(expired.payload().summary()).contains("EXPIRED");
        assertThat(expired.payload().customDetails()).containsEntry("horizon", "expired").containsEntry("days_left", -2);
    }

    @Test
    void aCertificateMissingFromACompleteListIsResolvedAsRemoved() {
        start(Map.of());
        Instant soon = START.plus(Duration.ofDays(10));
        Map<String, Instant> both = new LinkedHashMap<>();
        both.put(CERT, soon);
        both.put("old.crt", soon);
        poll(START, both);
        assertThat(read()).extracting(AlertEvent::status).containsExactly("FIRING", "FIRING");

        pollWithoutCertificates(START.plus(DAY));
        assertThat(read()).as("a poll that lists no certificates at all says nothing about them").isEmpty();

        poll(START.plus(Duration.ofDays(2)), Map.of(CERT, soon));
        List<AlertEvent> resolved = read();
        assertThat(resolved).extracting(AlertEvent::dedupKey)
                .containsExactly("tlswatch/" + NAME + "/cert:old.crt/cert_expiring");
        assertThat(resolved.get(0).status()).isEqualTo("RESOLVED");
        assertThat(resolved.get(0).payload().customDetails()).containsEntry("reason", "removed");
    }

    @Test
    void noDuplicateTransitionAfterARestartFromTheStoredState() {
        start(Map.of());
        Instant notAfter = START.plus(Duration.ofDays(31));
        poll(START.plus(Duration.ofDays(2)), Map.of(CERT, notAfter));
        assertThat(read()).extracting(AlertEvent::status).containsExactly("FIRING");

        // a new instance whose store was restored from the changelog: same contents, nothing else
        List<KeyValue<String, Object>> saved = new ArrayList<>();
        KeyValueStore<String, Object> store = driver.getKeyValueStore(CertificateWatchTopology.CERTIFICATE_ALERTS_STORE);
        try (KeyValueIterator<String, Object> it = store.all()) {
            it.forEachRemaining(saved::add);
        }
        assertThat(saved).hasSize(1);
        driver.close();
        start(Map.of());
        KeyValueStore<String, Object> restored =
                driver.getKeyValueStore(CertificateWatchTopology.CERTIFICATE_ALERTS_STORE);
        saved.forEach(kv -> restored.put(kv.key, kv.value));

        poll(START.plus(Duration.ofDays(3)), Map.of(CERT, notAfter));
        assertThat(read()).as("already warned at 30d").isEmpty();
        poll(START.plus(Duration.ofDays(25)), Map.of(CERT, notAfter));
        assertThat(read()).extracting(AlertEvent::status).containsExactly("UPDATE");
    }

    @Test
    void profileCountersFireAndResolveAcrossACounterReset() {
        start(Map.of("alerts.profile.counters", "on"));
        profile(START, 0, 0);
        profile(START.plusSeconds(60), 30, 100);
        List<AlertEvent> fired = read();
        assertThat(fired).extracting(AlertEvent::status).containsExactly("FIRING");
        AlertEvent f = fired.get(0);
        assertThat(f.dedupKey()).isEqualTo(PROFILE_KEY);
        assertThat(f.payload().className()).isEqualTo("handshake_failures");
        assertThat(f.payload().summary()).contains("/Common/clientssl", "30 handshake failures of 100 connections");
        assertThat(f.payload().customDetails()).containsEntry("handshake_failures", 30).containsEntry("attempts", 100)
                .containsEntry("ratio", 0.3).containsEntry("interval_seconds", 60);
        assertThat((String) f.payload().customDetails().get("hint")).contains("tmsh show ltm profile client-ssl");
        assertThat(f.labels()).containsEntry("profile", "/Common/clientssl").containsEntry("error_class",
                "handshake_failures");

        profile(START.plusSeconds(120), 60, 200); // 30 of 100 again: still firing, nothing new
        profile(START.plusSeconds(120), 60, 200); // the same reading twice
        profile(START.plusSeconds(180), 79, 400); // 19 of 200: under the minimum, but 0.095 is not under half of 0.2
        assertThat(read()).extracting(AlertEvent::status).containsExactly("RESOLVED");

        // the BIG-IP restarted: the counters start again from zero, and the new values count
        profile(START.plusSeconds(240), 25, 50);
        List<AlertEvent> again = read();
        assertThat(again).extracting(AlertEvent::status).containsExactly("FIRING");
        assertThat(again.get(0).payload().customDetails()).containsEntry("counter_reset", true)
                .containsEntry("handshake_failures", 25);

        profile(START.plusSeconds(300), 50, 1050); // 25 of 1000: 0.025 < 0.1
        assertThat(read()).extracting(AlertEvent::status).containsExactly("RESOLVED");
    }

    @Test
    void inAutoModeABigIpThatLogsFailuresIsNotPagedFromItsCounters() {
        start(Map.of()); // alerts.profile.counters=auto
        // the log line names the short host, the poller the full one: they are the same BIG-IP
        logs.pipeInput(new TestRecord<>(null, failureLine(START).getBytes(StandardCharsets.UTF_8), START));
        profile(START.plusSeconds(60), 0, 0);
        profile(START.plusSeconds(120), 30, 100);
        assertThat(read()).as("failure logs within the hour").isEmpty();

        profile(START.plus(Duration.ofMinutes(62)), 60, 200);
        profile(START.plus(Duration.ofMinutes(63)), 90, 300);
        assertThat(read()).as("no failure log for an hour").extracting(AlertEvent::status).containsExactly("FIRING");

        clock.set(START.plus(Duration.ofMinutes(63)).toEpochMilli());
        logs.pipeInput(new TestRecord<>(null, failureLine(START.plus(Duration.ofMinutes(63)))
                .getBytes(StandardCharsets.UTF_8), START.plus(Duration.ofMinutes(63))));
        profile(START.plus(Duration.ofMinutes(64)), 120, 400);
        List<AlertEvent> handedOver = read();
        assertThat(handedOver).extracting(AlertEvent::status).containsExactly("RESOLVED");
        assertThat((String) handedOver.get(0).payload().customDetails().get("reason")).contains("failure logs");
    }

    @Test
    void offNeverPagesAndTheDecodeAccountsOneRecordPerDocument() {
        start(Map.of("alerts.profile.counters", "off"));
        profile(START, 0, 0);
        profile(START.plusSeconds(60), 1000, 1000);
        assertThat(read()).isEmpty();
        assertThat(registry.find("tlswatch_input_records_total").tag("result", "decoded_telemetry").counter().count())
                .isEqualTo(2.0);
    }

    // ---- poller documents ----

    private List<AlertEvent> read() {
        List<AlertEvent> out = alerts.readValuesToList();
        out.forEach(a -> assertValidRecord(Schema.ALERT_EVENT, a));
        return out;
    }

    private ObjectNode document(Instant at) {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
        doc.putObject("system").put("hostname", OBSERVER).put("systemTimestamp", at.toString());
        return doc;
    }

    private void send(ObjectNode doc, Instant at) {
        logs.pipeInput(new TestRecord<>(null, doc.toString().getBytes(StandardCharsets.UTF_8), at));
    }

    private void poll(Instant at, Map<String, Instant> certificates) {
        ObjectNode doc = document(at);
        ObjectNode certs = doc.putObject("sslCerts");
        certificates.forEach((name, notAfter) -> certs.putObject(name)
                .put("expirationDate", notAfter.getEpochSecond())
                .put("expirationString", DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT)
                        .withZone(ZoneId.of("UTC")).format(notAfter))
                .put("subject", "CN=shop.example.com,O=Example Inc.,C=US")
                .put("issuer", "CN=Example Issuing CA 1,O=Example Inc.,C=US")
                .put("name", name));
        send(doc, at);
    }

    private void pollWithoutCertificates(Instant at) {
        send(document(at), at);
    }

    private void profile(Instant at, long failures, long connections) {
        ObjectNode doc = document(at);
        doc.putObject("clientSslProfiles").putObject("/Common/clientssl")
                .put("handshakeFailures", failures).put("fatalAlerts", failures).put("sniRejects", 0)
                .put("totNativeConns", connections).put("totCompatConns", 0).put("name", "/Common/clientssl");
        send(doc, at);
    }

    private static String failureLine(Instant at) {
        String stamp = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneId.of("UTC")).format(at);
        return stamp + " bigip-01 warning tmm2[4242]: 01260009:4: 198.51.100.7:43000 -> 10.10.1.10:443: "
                + "Connection error: ssl_codec_rx:2314: alert(45) received alert";
    }
}
