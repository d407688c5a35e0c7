package io.tlswatch.app.run;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.testing.NetskopeExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Netskope WebTx export as a user feeds it, on a real broker: {@code tlswatch ingest file --topic netskope.webtx}
 * (keyed by file name, so that header and rows share one of the topic's three partitions) into the pipeline of
 * {@code tlswatch run}; ECS records, rates, an alert and a dead letter come out. Then a new instance with an empty
 * state directory decodes rows sent without their header: the header came back from the store's changelog.
 */
class NetskopePipelineIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ORIGIN = "198.51.100.20";
    private static final int EXPIRED = 6;
    private static final String W3C_FIELDS = "#Fields: date time x-cs-src-ip x-cs-src-port x-cs-dst-ip x-cs-dst-port "
            + "x-cs-sni x-cs-ssl-handshake-error";

    @TempDir
    Path dir;

    private Pipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void anExportReplayedFromAFileReachesTheSiemRatesAndAlertsAndItsHeaderSurvivesARestart() throws Exception {
        String prefix = KAFKA.uniqueName("netskope");
        Map<String, String> settings = PipelineSettings.of(KAFKA, prefix, Files.createDirectory(dir.resolve("state-1")));
        settings.putAll(Map.of("topics.partitions", "3", "netskope.observer", "acme.goskope.com",
                "rates.bucket", "1s", "rates.every", "1s", "alerts.window", "5s", "alerts.window.long", "10s",
                "alerts.warmup", "0s", "alerts.check.every", "500ms"));
        TlswatchConfig config = TlswatchConfig.of(settings);
        TopicNames topics = config.topics();
        pipeline = Pipeline.start(config, new SimpleMeterRegistry());
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running").isTrue();
        assertThat(pipeline.sourceTopics()).contains(topics.netskope());

        List<String> real = NetskopeExport.realCsv();
        List<String> export = new ArrayList<>(real); // the real header and row: both sides succeeded
        export.add(NetskopeExport.plainHttpRow("2026-02-06", "20:35:31", "192.168.86.241"));
        for (int i = 0; i < EXPIRED; i++) {
            export.add(NetskopeExport.expiredOriginRow("2026-02-06", "20:35:3" + (2 + i), "192.168.86." + (10 + i),
                    50000 + i, ORIGIN, "expired.example.org", 40000 + i));
        }
        // the header changes mid-file: the last row is read against the new one
        export.add(W3C_FIELDS);
        export.add("2026-02-06 20:35:40 10.1.2.3 50999 203.0.113.10 443 app.example.com \"tlsv1 alert unknown ca\"");
        Path file = Files.write(dir.resolve("webtx-export.csv"), export, StandardCharsets.UTF_8);
        Path orphan = Files.writeString(dir.resolve("cut-export.csv"), real.get(1) + "\n"); // a row without its header
        Path properties = Files.writeString(dir.resolve("tlswatch.properties"),
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers() + "\ntopics.netskope=" + topics.netskope() + "\n");

        ingest(properties, topics.netskope(), file, orphan);
        try (TopicReader<String, String> input = new TopicReader<>(KAFKA, topics.netskope(), new StringDeserializer(),
                new StringDeserializer())) {
            List<ConsumerRecord<String, String>> records = input.awaitEnd(WAIT);
            assertThat(records).hasSize(export.size() + 1);
            Map<String, List<Integer>> partitions = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toList())));
            assertThat(partitions.keySet()).containsExactlyInAnyOrder("webtx-export.csv", "cut-export.csv");
            assertThat(partitions.get("webtx-export.csv")).as("header and rows on one partition").hasSize(export.size())
                    .containsOnly(partitions.get("webtx-export.csv").get(0));
            assertThat(records.stream().filter(r -> r.key().equals("webtx-export.csv")).map(ConsumerRecord::value))
                    .as("in the file's order").containsExactlyElementsOf(export);
        }

        try (TopicReader<String, EcsHandshake> handshakes = reader(topics.handshakes(), EcsHandshake.class);
                TopicReader<String, AlertEvent> alerts = reader(topics.alerts(), AlertEvent.class);
                TopicReader<String, VipRate> rates = reader(topics.rates(), VipRate.class);
                TopicReader<String, DeadLetter> dlq = reader(topics.dlq(), DeadLetter.class)) {
            // the real row's two sides, each expired row's two sides, the last row's client side
            int expected = 2 + 2 * EXPIRED + 1;
            List<EcsHandshake> docs = handshakes.awaitValues(got -> got.size() >= expected, WAIT);
            assertThat(docs).hasSize(expected);
            docs.forEach(d -> assertValidRecord(Schema.HANDSHAKE_ECS, d));
            assertThat(docs).allSatisfy(d -> {
                assertThat(d.observer().vendor()).isEqualTo("Netskope");
                assertThat(d.observer().type()).isEqualTo("proxy");
            });
            EcsHandshake realClient = docs.stream().filter(d -> "192.168.86.241".equals(d.source().ip()))
                    .findFirst().orElseThrow();
            assertThat(realClient.observer().hostname()).isEqualTo("us-sfo1");
            assertThat(realClient.event().outcome()).isEqualTo("success");
            assertThat(realClient.destination().domain()).isEqualTo("clients4.google.com");
            assertThat(realClient.tls().client().ja3()).isEqualTo("d23cb79443a0fb0ed0c3b8a4cc8bec41");
            assertThat(docs).filteredOn(d -> "cert_expired".equals(d.tlswatch().errorClass())).hasSize(EXPIRED)
                    .allSatisfy(d -> {
                        assertThat(d.tlswatch().side()).isEqualTo("server");
                        assertThat(d.destination().ip()).isEqualTo(ORIGIN);
                        assertThat(d.destination().domain()).isEqualTo("expired.example.org");
                    });
            EcsHandshake untrusted = docs.stream().filter(d -> "cert_untrusted".equals(d.tlswatch().errorClass()))
                    .findFirst().orElseThrow();
            assertThat(untrusted.observer().hostname()).isEqualTo("acme"); // netskope.observer: no x-s-dp-name column
            assertThat(untrusted.destination().domain()).isEqualTo("app.example.com");

            String dedupKey = "tlswatch/us-sfo1/" + ORIGIN + ":443/cert_expired";
            List<AlertEvent> fired = alerts.awaitValues(got -> got.stream().anyMatch(a -> a.status().equals("FIRING")),
                    WAIT);
            assertThat(fired).filteredOn(a -> a.status().equals("FIRING")).singleElement()
                    .satisfies(a -> assertThat(a.dedupKey()).isEqualTo(dedupKey));
            List<VipRate> originRates = rates.awaitValues(got -> maxFailures(got, "cert_expired") >= EXPIRED, WAIT);
            originRates.forEach(r -> assertValidRecord(Schema.VIP_RATE, r));
            assertThat(maxFailures(originRates, "cert_expired")).isEqualTo(EXPIRED);

            List<DeadLetter> dead = dlq.awaitValues(got -> !got.isEmpty(), WAIT);
            assertThat(dead).singleElement().satisfies(d -> {
                assertValidRecord(Schema.DEAD_LETTER, d);
                assertThat(d.reason()).isEqualTo("missing_header");
                assertThat(d.sourceTopic()).isEqualTo(topics.netskope());
                assertThat(new String(Base64.getDecoder().decode(d.keyBase64()), StandardCharsets.UTF_8))
                        .isEqualTo("cut-export.csv");
            });

            // a new instance on an empty state directory: the header is restored from the changelog
            pipeline.close();
            Map<String, String> restarted = new HashMap<>(settings);
            restarted.put("kafka.state.dir", Files.createDirectory(dir.resolve("state-2")).toString());
            pipeline = Pipeline.start(TlswatchConfig.of(restarted), new SimpleMeterRegistry());
            assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running again").isTrue();
            // the same export, continued: more rows under its name, no header
            Path more = Files.createDirectory(dir.resolve("later")).resolve("webtx-export.csv");
            Files.writeString(more,
                    "2026-02-06 20:36:00 10.1.2.4 51000 203.0.113.11 443 late.example.com \"no shared cipher\"\n");
            ingest(properties, topics.netskope(), more);

            List<EcsHandshake> after = handshakes.awaitValues(got -> got.size() >= expected + 1, WAIT);
            EcsHandshake late = after.get(after.size() - 1);
            assertThat(late.tlswatch().errorClass()).isEqualTo("no_shared_cipher");
            assertThat(late.destination().domain()).isEqualTo("late.example.com");
            assertThat(late.source().ip()).isEqualTo("10.1.2.4");
            assertThat(after).as("exactly once across the restart").hasSize(expected + 1);
            assertThat(dlq.awaitEnd(WAIT)).as("no new dead letter").hasSize(1);
        }
    }

    private static void ingest(Path properties, String topic, Path... files) {
        List<String> args = new ArrayList<>(List.of("ingest", "file", "--config", properties.toString(), "--topic", topic));
        for (Path f : files) {
            args.add(f.toString());
        }
        CommandRun run = new CommandRun();
        assertThat(run.run(args.toArray(String[]::new))).as(run.err()).isZero();
    }

    private static long maxFailures(List<VipRate> rates, String errorClass) {
        return rates.stream().filter(r -> r.observer().equals("us-sfo1") && r.vip().equals(ORIGIN + ":443")
                && r.errorClass().equals(errorClass)).mapToLong(r -> r.shortWindow().failures()).max().orElse(0);
    }

    private static <V> TopicReader<String, V> reader(String topic, Class<V> type) {
        return new TopicReader<>(KAFKA, topic, new StringDeserializer(), JsonSerde.of(type).deserializer());
    }
}
