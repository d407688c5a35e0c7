package io.tlswatch.app.ingest;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.TlswatchCommand;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.Json;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private static final Duration WAIT = Duration.ofSeconds(60);
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
        for (String name : List.of("logs", "packets", "netskope", "inventory", "handshakes", "attempts", "rates", "alerts",
                "dlq")) {
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

        Map<String, EcsHandshake> byId = new HashMap<>();
        try (TopicReader<String, EcsHandshake> reader = new TopicReader<>(KAFKA, topics.handshakes(),
                new StringDeserializer(), JsonSerde.of(EcsHandshake.class).deserializer())) {
            reader.await(got -> keys(got).containsAll(expectedById.keySet()), WAIT);
            // a marker connection on every partition, judged after the same quiet wait as a straggler would be:
            // once the markers are out, a second record of any connection above would be out too
            List<String> markers = sendMarkers();
            List<ConsumerRecord<String, EcsHandshake>> all = reader.await(got -> keys(got).containsAll(markers), WAIT);
            List<String> judged = all.stream().map(ConsumerRecord::key).filter(k -> !markers.contains(k)).toList();
            assertThat(judged).as("no connection judged twice").doesNotHaveDuplicates();
            assertThat(judged).as("one record per connection")
                    .containsExactlyInAnyOrderElementsOf(expectedById.keySet());
            all.stream().filter(r -> expectedById.containsKey(r.key())).forEach(r -> byId.put(r.key(), r.value()));
        }
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

    /** One client flight per partition of {@code f5.packets}, not closing: judged after the quiet wait. */
    private List<String> sendMarkers() throws Exception {
        PacketSummary hello = readCapture(capture("g08-tls12-alert45-cert-expired.pcap")).stream()
                .filter(s -> s.direction().equals("client_to_server")).findFirst().orElseThrow();
        List<String> ids = new ArrayList<>();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            int partitions = producer.partitionsFor(topics.packets()).size();
            for (int p = 0; p < partitions; p++) {
                String id = "marker-" + p;
                ObjectNode n = Json.MAPPER.valueToTree(hello);
                n.put("connection_id", id).put("client_port", 62000 + p).put("emit_reason", "flight_complete")
                        .put("fin_seen", false).put("rst_seen", false);
                producer.send(new ProducerRecord<>(topics.packets(), p, id, Json.MAPPER.writeValueAsString(n))).get();
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<String> keys(List<ConsumerRecord<String, EcsHandshake>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }
}
