package io.tlswatch.app.run;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The whole pipeline on a real broker: F5 lines in, ECS records, failure counts, an alert that fires and
 * resolves, and a dead letter out.
 */
class PipelineIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final DateTimeFormatter SYSLOG_STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String VIP = "10.10.1.10:443";
    private static final int EXPIRED_HANDSHAKES = 12;
    /** A VIP only the markers fail on (one failure each: no alert). */
    private static final String MARKER_VIP = "10.10.1.77:443";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private TlswatchConfig config;
    private TopicNames topics;
    private Pipeline pipeline;

    @BeforeEach
    void startPipeline() throws Exception {
        String prefix = KAFKA.uniqueName("it");
        Map<String, String> settings = PipelineSettings.of(KAFKA, prefix, stateDir);
        settings.putAll(Map.of(
                "join.wait", "1s",
                "rates.bucket", "1s",
                "rates.every", "1s",
                "alerts.window", "5s",
                "alerts.window.long", "10s",
                "alerts.warmup", "0s",
                "alerts.resolve.hold", "1s",
                "alerts.check.every", "500ms"));
        config = TlswatchConfig.of(settings);
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
    void linesBecomeEcsRecordsAnAlertThatResolvesAndADeadLetter() throws Exception {
        Instant now = Instant.now();
        String stamp = SYSLOG_STAMP.format(now);
        List<byte[]> records = new ArrayList<>();
        // the real two-TMM LDAPS burst, restamped to now
        for (String tmm : List.of("tmm", "tmm1")) {
            String port = tmm.equals("tmm") ? "32962" : "32963";
            records.add(line(stamp + " pua-bigip warning " + tmm + "[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)"));
            records.add(line(stamp + " pua-bigip warning " + tmm + "[9244]: 01260026:4: No shared ciphers between SSL peers 192.168.99.86." + port + ":192.168.20.230.636."));
            records.add(line(stamp + " pua-bigip warning " + tmm + "[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:" + port + " -> 192.168.20.230:636"));
        }
        // an expired certificate on one VIP: clients send alert 45
        for (int i = 0; i < EXPIRED_HANDSHAKES; i++) {
            String client = "198.51.100." + (10 + i) + ":" + (50000 + i);
            records.add(line(stamp + " bigip-it warning tmm2[4242]: 01260009:4: " + client + " -> " + VIP
                    + ": Connection error: ssl_codec_rx:2314: alert(45) received alert"));
            records.add(line(stamp + " bigip-it warning tmm2[4242]: 01260013:4: SSL Handshake failed for TCP " + client + " -> " + VIP));
        }
        records.add(line(stamp + " bigip-it notice mcpd[10653]: 01070638:5: Pool /Common/web member /Common/web1:80 monitor status down."));
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x13, 0x37};
        records.add(garbage);
        produce(records, now);

        try (TopicReader<String, EcsHandshake> handshakes = reader(topics.handshakes(), EcsHandshake.class);
                TopicReader<String, AlertEvent> alerts = reader(topics.alerts(), AlertEvent.class);
                TopicReader<String, VipRate> rateReader = reader(topics.rates(), VipRate.class);
                TopicReader<String, DeadLetter> dlq = reader(topics.dlq(), DeadLetter.class)) {
            List<EcsHandshake> docs = handshakes.awaitValues(got -> got.size() >= 2 + EXPIRED_HANDSHAKES, WAIT);
            assertThat(docs).as("one record per failed handshake").hasSize(2 + EXPIRED_HANDSHAKES);
            docs.forEach(d -> assertValidRecord(Schema.HANDSHAKE_ECS, d));
            List<EcsHandshake> ldaps = docs.stream().filter(d -> d.destination().port() == 636).toList();
            assertThat(ldaps).hasSize(2).allSatisfy(d -> {
                assertThat(d.tlswatch().errorClass()).isEqualTo("no_shared_cipher");
                assertThat(d.destination().ip()).isEqualTo("192.168.20.230");
                assertThat(d.error().code()).isEqualTo("40");
                assertThat(d.tlswatch().evidence().msgids()).containsExactly("01260009", "01260026", "01260013");
            });
            assertThat(ldaps).extracting(d -> d.source().port()).containsExactlyInAnyOrder(32962, 32963);
            List<EcsHandshake> expired = docs.stream().filter(d -> d.destination().port() == 443).toList();
            assertThat(expired).hasSize(EXPIRED_HANDSHAKES).allSatisfy(d -> {
                assertThat(d.tlswatch().errorClass()).isEqualTo("cert_expired");
                assertThat(d.tlswatch().alert().name()).isEqualTo("certificate_expired");
                assertThat(d.tlswatch().alert().sender()).isEqualTo("client");
                assertThat(d.observer().hostname()).isEqualTo("bigip-it");
            });

            String dedupKey = "tlswatch/bigip-it/" + VIP + "/cert_expired";
            List<AlertEvent> firing = alerts.awaitValues(got -> !got.isEmpty(), WAIT);
            assertThat(firing).extracting(AlertEvent::status).containsExactly("FIRING");
            assertThat(firing.get(0).dedupKey()).isEqualTo(dedupKey);
            assertThat(firing.get(0).payload().summary()).contains("cert_expired", VIP);

            // restart while the alert fires: the VIP is silent, and the new instance must still resolve it
            pipeline.close();
            pipeline = Pipeline.start(config, new SimpleMeterRegistry());
            assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running again").isTrue();

            List<AlertEvent> lifecycle = alerts.awaitValues(
                    got -> got.stream().anyMatch(a -> a.status().equals("RESOLVED")), WAIT);
            lifecycle.forEach(a -> assertValidRecord(Schema.ALERT_EVENT, a));
            assertThat(lifecycle).extracting(AlertEvent::dedupKey).containsOnly(dedupKey);
            assertThat(lifecycle).extracting(AlertEvent::status).containsExactly("FIRING", "RESOLVED");

            // markers after everything else on every input partition, through the same TMM as the lines above: once
            // their records are out, the new instance has gone past all it could re-emit
            int partitions = config.topicPartitions();
            List<Integer> markerPorts = new ArrayList<>();
            Instant markedAt = Instant.now();
            for (int p = 0; p < partitions; p++) {
                int port = 61000 + p;
                markerPorts.add(port);
                String marker = SYSLOG_STAMP.format(markedAt) + " bigip-it warning tmm2[4242]: 01260013:4: SSL Handshake failed for TCP "
                        + "203.0.113.9:" + port + " -> " + MARKER_VIP;
                produce(p, line(marker), markedAt);
                produce(p, markerGarbage(p), markedAt);
            }
            List<EcsHandshake> all = handshakes.awaitValues(got -> got.stream()
                    .map(d -> d.source().port()).toList().containsAll(markerPorts), WAIT);
            List<DeadLetter> dead = dlq.awaitValues(got -> got.size() >= 1 + partitions, WAIT);

            // exactly once across the restart: nothing re-emitted before the markers
            assertThat(all.stream().filter(d -> !markerPorts.contains(d.source().port())).toList())
                    .as("one record per failed handshake, no duplicates").hasSize(2 + EXPIRED_HANDSHAKES);
            assertThat(all).as("the markers, once each").hasSize(2 + EXPIRED_HANDSHAKES + partitions);

            // all twelve entered Kafka within a second, so some 5 s window holds all of them
            List<VipRate> rates = rateReader.awaitValues(got -> maxExpiredFailures(got) >= EXPIRED_HANDSHAKES, WAIT);
            rates.forEach(r -> assertValidRecord(Schema.VIP_RATE, r));
            assertThat(maxExpiredFailures(rates)).isEqualTo(EXPIRED_HANDSHAKES);

            assertThat(dead).hasSize(1 + partitions);
            dead.forEach(d -> assertValidRecord(Schema.DEAD_LETTER, d));
            List<DeadLetter> original = dead.stream()
                    .filter(d -> Arrays.equals(Base64.getDecoder().decode(d.valueBase64()), garbage)).toList();
            assertThat(original).as("the dead letter, once").hasSize(1);
            assertThat(original.get(0).reason()).isEqualTo("not_utf8");
            assertThat(original.get(0).sourceTopic()).isEqualTo(topics.logs());
        }
    }

    private static long maxExpiredFailures(List<VipRate> rates) {
        return rates.stream().filter(r -> r.errorClass().equals("cert_expired") && r.vip().equals(VIP))
                .mapToLong(r -> r.shortWindow().failures()).max().orElse(0);
    }

    /** Bytes that are not UTF-8, different for each partition. */
    private static byte[] markerGarbage(int partition) {
        return new byte[] {(byte) 0xfe, (byte) 0xed, (byte) partition};
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Records with no key, as Telemetry Streaming writes, in order through one producer. */
    private void produce(List<byte[]> values, Instant at) {
        produce(null, values, at);
    }

    private void produce(Integer partition, byte[] value, Instant at) {
        produce(partition, List.of(value), at);
    }

    /** To {@code partition}, or (null) where the producer puts them: one producer keeps a burst's lines together. */
    private void produce(Integer partition, List<byte[]> values, Instant at) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topics.logs(), partition, at.toEpochMilli(), null, v));
            }
            producer.flush();
        }
    }

    private static <T> TopicReader<String, T> reader(String topic, Class<T> type) {
        return new TopicReader<>(KAFKA, topic, new StringDeserializer(), JsonSerde.of(type).deserializer());
    }
}
