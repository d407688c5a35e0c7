package io.tlswatch.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlswatch simulate} on a real broker: live into the logs and packets topics; and into files that
 * {@code tlswatch analyze} (its own embedded broker and the real pipeline) turns into the alerts the simulator's
 * ground truth names, every failure with the class the ground truth claims.
 */
class SimulateCommandIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern DONE = Pattern.compile("(\\d+) log records and (\\d+) packet summaries acknowledged");

    @TempDir
    Path dir;

    @Test
    void aLiveRunWritesBothTopicsWithTheTimesItDescribes() throws IOException {
        String prefix = KAFKA.uniqueName("simulate-it");
        KAFKA.createTopics(2, prefix + ".logs", prefix + ".packets");
        Path config = Files.writeString(dir.resolve("tlswatch.properties"),
                "topics.logs=" + prefix + ".logs\ntopics.packets=" + prefix + ".packets\n");
        long before = System.currentTimeMillis();
        CommandRun cli = new CommandRun();
        int exit = cli.run("simulate", "--scenario", "../config/scenarios/incidents/expired-certificate.yaml",
                "--speed", "max", "--duration", "40s", "-b", KAFKA.bootstrapServers(), "-c", config.toString());

        assertThat(exit).as(cli.err()).isZero();
        Matcher done = DONE.matcher(cli.err());
        assertThat(done.find()).as(cli.err()).isTrue();
        int lines = Integer.parseInt(done.group(1));
        int summaries = Integer.parseInt(done.group(2));
        GroundTruth truth = Json.MAPPER.readValue(cli.out().strip(), GroundTruth.class);
        // --speed max: the 40 s end at the clock, the incident from 15 s on
        assertThat(truth.startMs()).isBetween(before - 40_000 + 15_000 - 1_000, before - 40_000 + 15_000 + 60_000);

        try (TopicReader<byte[], byte[]> logs = new TopicReader<>(KAFKA, prefix + ".logs", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                TopicReader<String, byte[]> packets = new TopicReader<>(KAFKA, prefix + ".packets",
                        new StringDeserializer(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<byte[], byte[]>> lineRecords = logs.await(got -> got.size() >= lines, WAIT);
            List<ConsumerRecord<String, byte[]>> packetRecords = packets.await(got -> got.size() >= summaries, WAIT);
            assertThat(lineRecords).hasSize(lines);
            assertThat(packetRecords).hasSize(summaries);
            long after = System.currentTimeMillis();
            assertThat(lineRecords).allSatisfy(r -> assertThat(r.timestamp()).isBetween(before - 41_000, after));
            assertThat(lineRecords).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains("alert(45) received alert")).isNotEmpty().allSatisfy(r -> assertThat(r.timestamp())
                    .isBetween(truth.startMs(), truth.endMs()));
            for (ConsumerRecord<String, byte[]> r : packetRecords) {
                PacketSummary s = Json.MAPPER.readValue(r.value(), PacketSummary.class);
                assertThat(r.key()).isEqualTo(s.connectionId());
                assertThat(r.timestamp()).isLessThanOrEqualTo(after);
            }
        }
    }

    @Test
    void analyzeFindsWhatTheGroundTruthSays() throws IOException {
        Path scenario = Files.writeString(dir.resolve("three.yaml"), """
                name: three-incidents
                seed: 11
                duration: 270s
                start: 2026-02-01T08:00:00Z
                fleet: {bigips: 1, vips_per_bigip: 6, connections_per_vip: 2}
                traffic: {noise_lines_per_second: 10, background_failures_per_second: 0.2, poller_every: 60s}
                incidents:
                  - {name: expired, kind: expired_certificate, vip: 10.10.1.10:443, start: 20s, end: 80s, rate: 3}
                  - {name: proxy, kind: proxy_protocol_upstream, vip: 2, start: 40s, end: 100s, rate: 3}
                  - {name: bundle, kind: ca_bundle_storm, vips: [4, 5, 6], start: 30s, end: 90s, rate: 2}
                """);
        Path sim = dir.resolve("sim");
        CommandRun cli = new CommandRun();
        assertThat(cli.run("simulate", "--scenario", scenario.toString(), "--out", sim.toString())).as(cli.err()).isZero();
        List<GroundTruth> truth = Files.readAllLines(sim.resolve(FileSink.TRUTH)).stream()
                .map(l -> read(l, GroundTruth.class)).toList();
        assertThat(truth).extracting(GroundTruth::errorClass).containsExactly("cert_expired", "proxy_protocol_mismatch",
                "cert_untrusted", "cert_untrusted", "cert_untrusted");

        Path analysis = sim.resolve("analysis");
        CommandRun analyze = new CommandRun();
        assertThat(analyze.run("analyze", "--year", "2026", "--timezone", "UTC", "--logs",
                sim.resolve(FileSink.LOGS).toString(), "--packets", sim.resolve(FileSink.PACKETS).toString(), "--out",
                analysis.toString())).as(analyze.err()).isZero();

        List<JsonNode> handshakes = Files.readAllLines(analysis.resolve("handshakes.jsonl")).stream()
                .map(l -> read(l, JsonNode.class)).toList();
        for (GroundTruth t : truth) {
            Map<String, Long> classes = handshakes.stream()
                    .filter(d -> "failure".equals(d.path("event").path("outcome").asText()))
                    .filter(d -> t.vip().equals(d.path("destination").path("ip").asText() + ":"
                            + d.path("destination").path("port").asText()))
                    .collect(Collectors.groupingBy(d -> d.path("tlswatch").path("error_class").asText(), TreeMap::new,
                            Collectors.counting()));
            // the incident's failures, and a few ordinary background ones (probes, old clients, refusals)
            long all = classes.values().stream().mapToLong(Long::longValue).sum();
            assertThat(classes.getOrDefault(t.errorClass(), 0L)).as("failures on %s: %s", t.vip(), classes)
                    .isGreaterThan(100).isGreaterThan(all * 9 / 10);
            assertThat(classes.keySet()).as("failures on %s", t.vip()).isSubsetOf(t.errorClass(), "not_tls",
                    "sslv2_hello", "protocol_version", "cert_bad");
        }
        List<JsonNode> alerts = Files.readAllLines(analysis.resolve("alerts.jsonl")).stream()
                .map(l -> read(l, JsonNode.class)).toList();
        List<String> expected = new ArrayList<>(truth.stream().map(GroundTruth::alertKey).toList());
        // the three VIPs of one change page once, as a storm (DESIGN §9)
        expected.add("tlswatch/bigip-01/*/cert_untrusted");
        assertThat(keys(alerts, "FIRING")).as("what paged: the ground truth, nothing else")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(keys(alerts, "RESOLVED")).as("each resolved before the files end")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(analyze.err()).contains("packet summaries");
    }

    private static List<String> keys(List<JsonNode> alerts, String status) {
        return alerts.stream().filter(a -> status.equals(a.path("status").asText()))
                .map(a -> a.path("dedup_key").asText()).toList();
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return Json.MAPPER.readValue(line, type);
        } catch (IOException e) {
            throw new AssertionError("not " + type.getSimpleName() + ": " + line, e);
        }
    }
}
