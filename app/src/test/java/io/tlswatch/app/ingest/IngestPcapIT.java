package io.tlswatch.app.ingest;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.TlswatchCommand;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Packets end to end on a real broker: {@code tlswatch ingest pcap} (in-process, the real command) writes the
 * summaries of shared captures to {@code f5.packets}; the running pipeline joins and judges each connection
 * and writes one ECS record per connection to {@code tlswatch.handshakes}.
 */
class IngestPcapIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final String OBSERVER = "bigip-it";
    /** capture → expected outcome and class (from the captures' names, DESIGN §7). */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("g08-tls12-alert45-cert-expired.pcap", "failure/cert_expired");
        EXPECTED.put("g05-tls12-alert40-cipher-mismatch.pcap", "failure/no_shared_cipher");
        EXPECTED.put("g18-http-request-to-tls-port.pcap", "failure/not_tls");
        EXPECTED.put("g03-tls12-success-alpn.pcap", "success/-");
    }

    @TempDir
    Path stateDir;

    private TopicNames topics;
    private Pipeline pipeline;

    @BeforeEach
    void startPipeline() throws Exception {
        String prefix = KAFKA.uniqueName("packets-it");
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("logs", "packets", "inventory", "handshakes", "attempts", "rates", "alerts", "dlq")) {
            settings.put("topics." + name, prefix + "." + name);
        }
        settings.putAll(Map.of(
                "application.id", prefix,
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "kafka.state.dir", stateDir.toString(),
                "packets.wait", "1s"));
        TlswatchConfig config = TlswatchConfig.of(settings);
        topics = config.topics();
        pipeline = Pipeline.start(config, new SimpleMeterRegistry());
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(60))).as("pipeline running").isTrue();
    }

    @AfterEach
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void capturesIngestedByTheCommandBecomeOneJudgedRecordPerConnection() throws Exception {
        Map<String, String> expectedById = new HashMap<>();
        int summaries = 0;
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            List<PacketSummary> read = readCapture(capture(e.getKey()));
            read.forEach(s -> expectedById.put(s.connectionId(), e.getValue()));
            summaries += read.size();
        }
        assertThat(expectedById).as("one connection per capture").hasSize(EXPECTED.size());

        List<String> files = new ArrayList<>(EXPECTED.keySet());
        // the last capture comes through standard input, as from `tcpdump -w - ... | tlswatch ingest pcap -`
        for (String file : files.subList(0, files.size() - 1)) {
            StringWriter err = new StringWriter();
            assertThat(ingest(err, capture(file).toString())).as("exit code, stderr: %s", err).isZero();
            assertThat(err.toString()).contains("summaries written to " + topics.packets()).contains("complete");
        }
        InputStream stdin = System.in;
        try (InputStream in = Files.newInputStream(capture(files.get(files.size() - 1)))) {
            System.setIn(in);
            StringWriter err = new StringWriter();
            assertThat(ingest(err, "-")).as("exit code, stderr: %s", err).isZero();
            assertThat(err.toString()).contains("standard input");
        } finally {
            System.setIn(stdin);
        }

        Map<String, EcsHandshake> byId = consume(topics.handshakes(), expectedById.size(), Duration.ofSeconds(40));
        assertThat(byId.keySet()).as("one record per connection, no duplicates")
                .containsExactlyInAnyOrderElementsOf(expectedById.keySet());
        byId.forEach((id, doc) -> {
            assertValidRecord(Schema.HANDSHAKE_ECS, doc);
            String cls = doc.tlswatch().errorClass() == null ? "-" : doc.tlswatch().errorClass();
            assertThat(doc.event().outcome() + "/" + cls).as(id).isEqualTo(expectedById.get(id));
            assertThat(doc.observer().hostname()).isEqualTo(OBSERVER);
            assertThat(doc.tlswatch().evidence().packets()).isTrue();
        });
        assertThat(summaries).isGreaterThanOrEqualTo(EXPECTED.size());
    }

    private int ingest(StringWriter err, String file) {
        CommandLine cli = TlswatchCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("ingest", "pcap", "--bootstrap-server", KAFKA.bootstrapServers(),
                "--topic", topics.packets(), "--observer", OBSERVER, file);
    }

    private static Path capture(String name) {
        return SharedData.root().resolve("tls/pcap").resolve(name);
    }

    private static List<PacketSummary> readCapture(Path pcap) throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pcap)) {
            CaptureReader.read(in, CaptureSettings.defaults(OBSERVER), out::add);
        }
        return out;
    }

    /** Reads committed records until {@code count} distinct keys are seen, then one more second for duplicates. */
    private Map<String, EcsHandshake> consume(String topic, int count, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueName("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, EcsHandshake> got = new HashMap<>();
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, EcsHandshake> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long drainUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, drainUntil)) {
                for (ConsumerRecord<String, EcsHandshake> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(r.key());
                    got.put(r.key(), r.value());
                }
                if (got.size() >= count && drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        assertThat(keys).as("no connection judged twice").doesNotHaveDuplicates();
        return got;
    }
}
