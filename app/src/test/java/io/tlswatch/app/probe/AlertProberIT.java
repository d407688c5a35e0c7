package io.tlswatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.ProbeReport;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SchemaAssertions;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The opt-in pipeline probe on a real broker: FIRING alerts on {@code tlswatch.alerts} for a VIP whose address is
 * a TLS server this test runs give probe reports on {@code tlswatch.probes}, keyed by the alert; the token bucket
 * holds the probes to {@code probe.max.per.minute} (the rest are reported as not probed, and never reach the
 * server); a repeated FIRING, a RESOLVED and a storm parent start no probe.
 */
class AlertProberIT {
    @RegisterExtension
    static KafkaCluster kafka = KafkaCluster.create();

    private static final String OBSERVER = "bigip-01";

    @Test
    void firingAlertsAreProbedWithinTheRateLimit() throws Exception {
        String alerts = kafka.uniqueName("alerts");
        String probes = kafka.uniqueName("probes");
        // one partition: the alerts are handled in the order written
        kafka.createTopics(1, alerts, probes);
        TestPki.Issued root = TestPki.root("CN=it root");
        TestPki.Issued ca = TestPki.ca(root, "CN=it issuing CA");
        TestPki.Issued leaf = TestPki.leaf(ca, "CN=shop.example.com", "shop.example.com");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProbeSettings settings = new ProbeSettings(true, 2, Duration.ofSeconds(3), 3, kafka.uniqueName("probe"));

        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), new X509Certificate[] {leaf.cert()});
                AlertProber prober = AlertProber.start(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()),
                        alerts, probes, registry);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer());
                TopicReader<String, ProbeReport> reader = new TopicReader<>(kafka, probes, new StringDeserializer(),
                        JsonSerde.of(ProbeReport.class).deserializer())) {
            assertThat(prober.awaitAssigned(Duration.ofSeconds(30))).as("probe consumer assigned").isTrue();
            String vip = "127.0.0.1:" + server.port();
            List<AlertEvent> written = List.of(
                    alert(vip, "no_shared_cipher", "FIRING", "2026-12-05T03:00:00Z"),
                    alert(vip, "no_shared_cipher", "FIRING", "2026-12-05T03:00:00Z"), // the same firing again
                    alert(vip, "cert_untrusted", "FIRING", "2026-12-05T03:00:10Z"),
                    alert(vip, "cert_untrusted", "RESOLVED", "2026-12-05T03:00:10Z"),
                    alert("*", "cert_bad", "FIRING", "2026-12-05T03:00:20Z"), // a storm parent: no address
                    alert(vip, "cert_bad", "FIRING", "2026-12-05T03:00:30Z")); // the bucket is empty by now
            for (AlertEvent a : written) {
                producer.send(new ProducerRecord<>(alerts, a.dedupKey(), Json.write(a))).get();
            }

            List<ConsumerRecord<String, ProbeReport>> got = reader.await(r -> r.size() >= 3, Duration.ofSeconds(60));

            assertThat(got).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                    key(vip, "no_shared_cipher"), key(vip, "cert_untrusted"), key(vip, "cert_bad"));
            for (ConsumerRecord<String, ProbeReport> r : got) {
                SchemaAssertions.assertValid(Schema.PROBE_REPORT,
                        Json.MAPPER.readTree(Json.write(r.value()).getBytes(StandardCharsets.UTF_8)));
                assertThat(r.value().alertKey()).isEqualTo(r.key());
                assertThat(r.value().observer()).isEqualTo(OBSERVER);
                assertThat(r.value().vip()).isEqualTo(vip);
            }
            ProbeReport cipher = value(got, key(vip, "no_shared_cipher"));
            assertThat(cipher.error()).isNull();
            assertThat(cipher.errorClass()).isEqualTo("no_shared_cipher");
            // the SNIs of the failures that are host names, most frequent first
            assertThat(cipher.names()).extracting(ProbeReport.NameCheck::sni).containsExactly("shop.example.com",
                    "www.example.com");
            ProbeReport.NameCheck shop = cipher.names().get(0);
            assertThat(shop.sanMatch()).isTrue();
            assertThat(shop.missingIntermediate()).isTrue();
            assertThat(shop.missingIssuer()).isEqualTo("CN=it issuing CA");
            assertThat(cipher.names().get(1).sanMatch()).isFalse();
            assertThat(cipher.ciphers().offered()).containsExactly("TLS_RSA_WITH_RC4_128_SHA",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(cipher.ciphers().accepted()).isTrue();
            assertThat(value(got, key(vip, "cert_untrusted")).error()).isNull();
            assertThat(value(got, key(vip, "cert_bad")).error())
                    .isEqualTo("not probed: probe.max.per.minute (2) reached");
            assertThat(value(got, key(vip, "cert_bad")).names()).isEmpty();
            // two probes reached the server: per probe two handshakes (two SNIs), four version hellos, one cipher hello
            assertThat(server.connections()).isEqualTo(2 * (2 + 4 + 1));
            assertThat(registry.get("tlswatch_probes_total").tag("outcome", "problems").counter().count()).isEqualTo(2);
            assertThat(registry.get("tlswatch_probes_total").tag("outcome", "rate_limited").counter().count())
                    .isEqualTo(1);
            assertThat(prober.latest()).containsOnlyKeys(key(vip, "no_shared_cipher"), key(vip, "cert_untrusted"),
                    key(vip, "cert_bad"));
            // nothing else was written: the repeated firing, the RESOLVED and the storm parent started no probe
            assertThat(reader.awaitEnd(Duration.ofSeconds(30))).hasSize(3);
        }
    }

    private static ProbeReport value(List<ConsumerRecord<String, ProbeReport>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().value();
    }

    private static String key(String vip, String errorClass) {
        return "tlswatch/" + OBSERVER + "/" + vip + "/" + errorClass;
    }

    private static AlertEvent alert(String vip, String errorClass, String status, String startsAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error_class", errorClass);
        details.put("observer", OBSERVER);
        details.put("vip", vip);
        details.put("top_snis", List.of(Map.of("value", "shop.example.com", "count", 9),
                Map.of("value", "bad\u0007sni", "count", 3), Map.of("value", "www.example.com", "count", 2)));
        details.put(io.tlswatch.processors.rates.Evidence.CIPHER_LISTS, List.of(Map.of("value",
                "TLS_RSA_WITH_RC4_128_SHA,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "count", 9)));
        boolean resolved = status.equals("RESOLVED");
        return new AlertEvent(key(vip, errorClass), resolved ? "resolve" : "trigger", status, startsAt,
                resolved ? "2026-12-05T03:05:00Z" : null,
                new AlertEvent.Payload(errorClass + " on " + vip, "error", OBSERVER, vip, null, errorClass, startsAt,
                        details),
                Map.of("observer", OBSERVER, "vip", vip, "error_class", errorClass), Map.of());
    }
}
