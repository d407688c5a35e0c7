package io.tlswatch.app.run;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.testing.KafkaCluster;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
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

    @TempDir
    Path stateDir;

    private TlswatchConfig config;
    private TopicNames topics;
    private Pipeline pipeline;

    @BeforeEach
    void startPipeline() throws Exception {
        String prefix = KAFKA.uniqueName("it");
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("logs", "packets", "inventory", "handshakes", "attempts", "rates", "alerts", "dlq")) {
            settings.put("topics." + name, prefix + "." + name);
        }
        settings.putAll(Map.of(
                "application.id", prefix,
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "kafka.state.dir", stateDir.toString(),
                "join.wait", "1s",
                "rates.bucket", "1s",
                "rates.every", "1s",
                "alerts.window", "5s",
                "alerts.window.long", "10s",
                "alerts.warmup", "0s"));
        settings.putAll(Map.of(
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

        List<EcsHandshake> docs = consume(topics.handshakes(), JsonSerde.of(EcsHandshake.class).deserializer(),
                got -> got.size() >= 2 + EXPIRED_HANDSHAKES, Duration.ofSeconds(60));
        assertThat(docs).as("one record per failed handshake, no duplicates").hasSize(2 + EXPIRED_HANDSHAKES);
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
        List<AlertEvent> firing = consume(topics.alerts(), JsonSerde.of(AlertEvent.class).deserializer(),
                got -> !got.isEmpty(), Duration.ofSeconds(30));
        assertThat(firing).extracting(AlertEvent::status).containsExactly("FIRING");
        assertThat(firing.get(0).dedupKey()).isEqualTo(dedupKey);
        assertThat(firing.get(0).payload().summary()).contains("cert_expired", VIP);

        // restart while the alert fires: the VIP is silent, and the new instance must still resolve it
        pipeline.close();
        pipeline = Pipeline.start(config, new SimpleMeterRegistry());
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running again").isTrue();

        List<AlertEvent> lifecycle = consume(topics.alerts(), JsonSerde.of(AlertEvent.class).deserializer(),
                got -> got.stream().anyMatch(a -> a.status().equals("RESOLVED")), Duration.ofSeconds(60));
        lifecycle.forEach(a -> assertValidRecord(Schema.ALERT_EVENT, a));
        assertThat(lifecycle).extracting(AlertEvent::dedupKey).containsOnly(dedupKey);
        assertThat(lifecycle).extracting(AlertEvent::status).containsExactly("FIRING", "RESOLVED");

        // exactly once across the restart: nothing re-emitted
        assertThat(consume(topics.handshakes(), JsonSerde.of(EcsHandshake.class).deserializer(), got -> false,
                Duration.ofSeconds(3))).hasSize(2 + EXPIRED_HANDSHAKES);

        List<VipRate> rates = consume(topics.rates(), JsonSerde.of(VipRate.class).deserializer(),
                got -> false, Duration.ofSeconds(3));
        rates.forEach(r -> assertValidRecord(Schema.VIP_RATE, r));
        // all twelve entered Kafka within a second, so some 5 s window holds all of them
        assertThat(rates.stream().filter(r -> r.errorClass().equals("cert_expired") && r.vip().equals(VIP))
                .mapToLong(r -> r.shortWindow().failures()).max().orElse(0)).isEqualTo(EXPIRED_HANDSHAKES);

        List<DeadLetter> dead = consume(topics.dlq(), JsonSerde.of(DeadLetter.class).deserializer(),
                got -> false, Duration.ofSeconds(3));
        assertThat(dead).hasSize(1);
        assertValidRecord(Schema.DEAD_LETTER, dead.get(0));
        assertThat(dead.get(0).reason()).isEqualTo("not_utf8");
        assertThat(dead.get(0).sourceTopic()).isEqualTo(topics.logs());
        assertThat(Base64.getDecoder().decode(dead.get(0).valueBase64())).isEqualTo(garbage);
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void produce(List<byte[]> values, Instant at) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                // no key, as Telemetry Streaming writes
                producer.send(new ProducerRecord<>(topics.logs(), null, at.toEpochMilli(), null, v));
            }
            producer.flush();
        }
    }

    /**
     * Reads a topic (committed records only) from the start until {@code done} holds, then one more second
     * so that duplicates would show; or until time runs out.
     */
    private <T> List<T> consume(String topic, Deserializer<T> values, Predicate<List<T>> done, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueName("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<T> got = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(got) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    got.add(r.value());
                }
            }
            long drainUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < drainUntil) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    got.add(r.value());
                }
            }
        }
        return got;
    }

}
