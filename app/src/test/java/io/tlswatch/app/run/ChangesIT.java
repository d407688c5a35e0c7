package io.tlswatch.app.run;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VirtualServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 on a real broker: a system-poller document teaches the inventory a VIP and its client-ssl profile, a
 * tmsh audit line changes that profile's ciphers, cipher mismatches follow, and the FIRING alert written to the
 * alerts topic names the change as its likely cause; the change itself is on {@code tlswatch.changes}, keyed per
 * object.
 */
class ChangesIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final DateTimeFormatter SYSLOG_STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String HOST = "bigip-chg";
    private static final String VIP = "10.10.9.20:443";
    private static final String PROFILE = "/Common/shop_ssl";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private TopicNames topics;
    private Pipeline pipeline;

    @BeforeEach
    void startPipeline() throws Exception {
        String prefix = KAFKA.uniqueName("chg");
        Map<String, String> settings = PipelineSettings.of(KAFKA, prefix, stateDir);
        settings.putAll(Map.of(
                "join.wait", "1s",
                "rates.bucket", "1s",
                "rates.every", "1s",
                "alerts.window", "5s",
                "alerts.window.long", "10s",
                "alerts.warmup", "0s",
                "alerts.check.every", "500ms"));
        TlswatchConfig config = TlswatchConfig.of(settings);
        topics = config.topics();
        pipeline = Pipeline.start(config, new SimpleMeterRegistry());
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running").isTrue();
    }

    @AfterEach
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theAlertOfACipherMismatchNamesTheCipherChangeBeforeIt() throws Exception {
        Instant now = Instant.now();
        String poller = "{\"system\":{\"hostname\":\"" + HOST + "\",\"systemTimestamp\":\"" + now.minusSeconds(60)
                + "\"},\"virtualServers\":{\"/Common/shop_vs\":{\"destination\":\"" + VIP + "\","
                + "\"profiles\":{\"" + PROFILE + "\":{\"name\":\"" + PROFILE + "\"}}}},"
                + "\"clientSslProfiles\":{\"" + PROFILE + "\":{\"name\":\"" + PROFILE + "\"}}}";
        Instant changedAt = now.minusSeconds(30);
        String change = SYSLOG_STAMP.format(changedAt) + " " + HOST + " notice tmsh[21544]: 01420002:5: AUDIT -"
                + " pid=21544 user=admin folder=/Common module=(tmos)# status=[Command OK] cmd_data=modify ltm"
                + " profile client-ssl shop_ssl ciphers ECDHE-ECDSA-AES256-GCM-SHA384";
        produce(List.of(poller, change), now.minusSeconds(30));

        try (TopicReader<String, VirtualServer> inventory = reader(topics.inventory(), VirtualServer.class);
                TopicReader<String, ChangeEvent> changes = reader(topics.changes(), ChangeEvent.class);
                TopicReader<String, AlertEvent> alerts = reader(topics.alerts(), AlertEvent.class)) {
            inventory.awaitValues(got -> !got.isEmpty(), WAIT);
            List<ConsumerRecord<String, ChangeEvent>> written = changes.await(got -> !got.isEmpty(), WAIT);
            assertThat(written).hasSize(1);
            assertThat(written.get(0).key()).isEqualTo(HOST + "/client_ssl_profile/" + PROFILE);
            assertValidRecord(Schema.CHANGE_EVENT, written.get(0).value());

            List<String> failures = new ArrayList<>();
            String stamp = SYSLOG_STAMP.format(now);
            for (int i = 0; i < 12; i++) {
                failures.add(stamp + " " + HOST + " warning tmm1[4242]: 01260026:4: No shared ciphers between SSL"
                        + " peers 198.51.100." + (10 + i) + "." + (40000 + i) + ":10.10.9.20.443.");
            }
            produce(failures, now);

            List<AlertEvent> firing = alerts.awaitValues(got -> got.stream()
                    .anyMatch(a -> "FIRING".equals(a.status())), WAIT);
            AlertEvent alert = firing.stream().filter(a -> "FIRING".equals(a.status())).findFirst().orElseThrow();
            assertValidRecord(Schema.ALERT_EVENT, alert);
            assertThat(alert.dedupKey()).isEqualTo("tlswatch/" + HOST + "/" + VIP + "/no_shared_cipher");
            assertThat((String) alert.payload().customDetails().get("likely_cause"))
                    .contains("admin ran `modify ltm profile client-ssl shop_ssl ciphers",
                            "(tmsh) on " + HOST, "a cipher change explains no_shared_cipher");
            assertThat(alert.annotations()).containsKey("likely_cause");
        }
    }

    private void produce(List<String> values, Instant at) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topics.logs(), null, at.toEpochMilli(), null,
                        v.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static <T> TopicReader<String, T> reader(String topic, Class<T> type) {
        return new TopicReader<>(KAFKA, topic, new StringDeserializer(), JsonSerde.of(type).deserializer());
    }
}
