package io.tlswatch.app.inventory;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VirtualServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlswatch inventory load} on a real broker, then the pipeline: a failed handshake on a loaded VIP gets
 * {@code tlswatch.vip.name} in its ECS record.
 */
class InventoryLoadIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final DateTimeFormatter SYSLOG_STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Pipeline pipeline;
    private TopicReader<String, EcsHandshake> handshakes;

    @AfterEach
    void stopPipeline() {
        if (handshakes != null) {
            handshakes.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aLoadedVipNamesTheFailuresOnIt() throws Exception {
        String prefix = KAFKA.uniqueName("inventory-it");
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("logs", "packets", "netskope", "inventory", "handshakes", "attempts", "rates", "alerts",
                "dlq")) {
            settings.put("topics." + name, prefix + "." + name);
        }
        settings.putAll(Map.of(
                "application.id", prefix,
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "kafka.state.dir", dir.resolve("state").toString(),
                "join.wait", "1s",
                "alerts.check.every", "500ms"));
        TlswatchConfig config = TlswatchConfig.of(settings);
        TopicNames topics = config.topics();

        Path csv = dir.resolve("vips.csv");
        Files.writeString(csv, """
                # two VIPs of bigip-it and one bad row
                observer,name,address,partition,application,owner,paging_route,alert_fire_failures,alert_resolve_failures,alert_window
                bigip-it,/Common/shop_vs,10.10.1.10:443,Common,shop,"web team, EMEA",pagerduty:web,20,5,2m
                bigip-it,/Common/ldaps_vs,10.10.1.20:636,Common,directory,directory-team,,,,
                bigip-it,/Common/broken_vs,10.10.1.30,Common,,,,,,
                """, StandardCharsets.UTF_8);
        CommandRun cli = new CommandRun();
        int exit = cli.run("inventory", "load", "--bootstrap-server", KAFKA.bootstrapServers(),
                "--topic", topics.inventory(), csv.toString());
        assertThat(exit).as(cli.err()).isEqualTo(1);
        assertThat(cli.err())
                .contains("line 5: address '10.10.1.30' has no :port (address)")
                .contains("2 virtual servers written to " + topics.inventory() + " (2 acknowledged), 1 bad rows skipped");

        // the command has written and acknowledged its records: reading to the end shows them and nothing else
        List<ConsumerRecord<String, VirtualServer>> loaded;
        try (TopicReader<String, VirtualServer> reader = new TopicReader<>(KAFKA, topics.inventory(),
                new StringDeserializer(), JsonSerde.of(VirtualServer.class).deserializer())) {
            loaded = reader.awaitEnd(WAIT);
        }
        assertThat(loaded).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "bigip-it/10.10.1.10:443#csv", "bigip-it/10.10.1.20:636#csv");
        loaded.forEach(r -> assertValidRecord(Schema.VIRTUAL_SERVER, r.value()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.inventory());
            Config topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(topicConfig.get("cleanup.policy").value()).isEqualTo("compact");
        }

        pipeline = Pipeline.start(config, new SimpleMeterRegistry());
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running").isTrue();

        Instant now = Instant.now();
        String stamp = SYSLOG_STAMP.format(now);
        String client = "198.51.100.7:50001";
        produce(topics.logs(), now,
                stamp + " bigip-it warning tmm2[4242]: 01260009:4: " + client
                        + " -> 10.10.1.10:443: Connection error: ssl_codec_rx:2314: alert(45) received alert",
                stamp + " bigip-it warning tmm2[4242]: 01260013:4: SSL Handshake failed for TCP " + client
                        + " -> 10.10.1.10:443");

        handshakes = new TopicReader<>(KAFKA, topics.handshakes(),
                new StringDeserializer(), JsonSerde.of(EcsHandshake.class).deserializer());
        List<ConsumerRecord<String, EcsHandshake>> docs = handshakes.await(got -> !got.isEmpty(), WAIT);
        assertThat(docs).hasSize(1);
        EcsHandshake doc = docs.get(0).value();
        assertValidRecord(Schema.HANDSHAKE_ECS, doc);
        assertThat(doc.tlswatch().vip().name()).isEqualTo("/Common/shop_vs");
        assertThat(doc.tlswatch().vip().application()).isEqualTo("shop");
        assertThat(doc.tlswatch().side()).isEqualTo("client");
        assertThat(doc.tlswatch().errorClass()).isEqualTo("cert_expired");

        // deleted: a tombstone on the CSV key, and the next failures on that VIP carry no name
        CommandRun delete = new CommandRun();
        assertThat(delete.run("inventory", "delete", "--bootstrap-server", KAFKA.bootstrapServers(),
                "--topic", topics.inventory(), "bigip-it/10.10.1.10:443")).as(delete.err()).isZero();
        assertThat(delete.err()).contains("1 virtual servers removed from " + topics.inventory());
        // a mistyped topic is not created by the delete (a broker's auto-creation would make it uncompacted)
        CommandRun typo = new CommandRun();
        assertThat(typo.run("inventory", "delete", "--bootstrap-server", KAFKA.bootstrapServers(),
                "--topic", topics.inventory() + "-typo", "bigip-it/10.10.1.10:443")).isEqualTo(1);
        assertThat(typo.err()).contains("topic " + topics.inventory() + "-typo does not exist");
        List<ConsumerRecord<String, String>> inventory;
        try (TopicReader<String, String> reader = new TopicReader<>(KAFKA, topics.inventory(),
                new StringDeserializer(), new StringDeserializer())) {
            inventory = reader.awaitEnd(WAIT);
        }
        assertThat(inventory).filteredOn(r -> r.key().equals("bigip-it/10.10.1.10:443#csv"))
                .last().satisfies(r -> assertThat(r.value()).isNull());
        // the global table applies the tombstone on its own thread: the first failure after it has no VIP name
        EcsHandshake after = null;
        for (int attempt = 0; attempt < 20 && (after == null || after.tlswatch().vip() != null); attempt++) {
            Instant at = Instant.now();
            String next = "198.51.100.7:" + (50100 + attempt);
            produce(topics.logs(), at,
                    SYSLOG_STAMP.format(at) + " bigip-it warning tmm2[4242]: 01260013:4: SSL Handshake failed for TCP "
                            + next + " -> 10.10.1.10:443");
            int port = 50100 + attempt;
            Predicate<ConsumerRecord<String, EcsHandshake>> fromIt = r -> r.value().source().port() == port;
            List<ConsumerRecord<String, EcsHandshake>> more = handshakes.await(got -> got.stream().anyMatch(fromIt),
                    WAIT);
            after = more.stream().filter(fromIt).findFirst().orElseThrow().value();
        }
        assertThat(after).isNotNull();
        assertThat(after.tlswatch().vip()).as("VIP after the delete").isNull();
        // the later failures came out after the first one: it was not written twice
        assertThat(handshakes.records()).filteredOn(r -> r.value().source().port() == 50001).hasSize(1);
    }

    private static void produce(String topic, Instant at, String... lines) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), null,
                        line.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }
}
