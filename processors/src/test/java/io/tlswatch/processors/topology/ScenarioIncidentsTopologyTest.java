package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.ingest.simulator.SimulatedSecond;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.TimedPacket;
import io.tlswatch.ingest.simulator.scenario.Scenario;
import io.tlswatch.ingest.simulator.scenario.ScenarioFile;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.alerts.ClassKind;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each scenario file of {@code config/scenarios/incidents/} (one per incident kind) through the whole pipeline:
 * the simulator's log lines and packet summaries, second by second, into {@link TlswatchTopology} with the real
 * decoders, joins, classifier and alert rules. Every failed handshake of the incident must come out with the class
 * its ground truth claims, and the alert the ground truth names must fire.
 */
class ScenarioIncidentsTopologyTest {
    static final Path INCIDENTS = Path.of("..", "config", "scenarios", "incidents");
    private static final Instant START = Instant.parse("2026-02-01T08:00:00Z");
    private static final TopicNames TOPICS = TopicNames.defaults();
    /** The demo's short windows, so that a one-minute incident fires. */
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("application.id", "scenario-test"),
            Map.entry("kafka.bootstrap.servers", "unused:9092"),
            Map.entry("join.wait", "1s"),
            Map.entry("connections.wait", "3s"),
            Map.entry("rates.bucket", "1s"),
            Map.entry("rates.every", "5s"),
            Map.entry("alerts.window", "10s"),
            Map.entry("alerts.window.long", "30s"),
            Map.entry("alerts.warmup", "5s"),
            Map.entry("alerts.resolve.hold", "5s"),
            Map.entry("alerts.check.every", "1s"));

    static Stream<Path> incidentFiles() throws IOException {
        try (Stream<Path> files = Files.list(INCIDENTS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidentFiles")
    void everyFailureOfTheIncidentGetsItsClassAndItsAlertFires(Path file) throws Exception {
        Scenario scenario = ScenarioFile.read(file);
        SimulatorSettings settings = scenario.settings(START.toEpochMilli());
        List<GroundTruth> truth = GroundTruth.of(settings);
        assertThat(truth).isNotEmpty();
        FleetSimulator fleet = new FleetSimulator(settings);
        Map<String, Long> expected = new TreeMap<>();

        AtomicLong now = new AtomicLong(START.toEpochMilli());
        TlswatchConfig config = TlswatchConfig.of(SETTINGS);
        Properties props = StreamsSettings.from(config);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), now::get, "unknown");
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TlswatchTopology.build(config, props, decoder, new SimpleMeterRegistry()), props, START)) {
            TestInputTopic<byte[], byte[]> logs = driver.createInputTopic(TOPICS.logs(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> packets = driver.createInputTopic(TOPICS.packets(), new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, EcsHandshake> handshakes = driver.createOutputTopic(TOPICS.handshakes(),
                    new StringDeserializer(), JsonSerde.of(EcsHandshake.class).deserializer());
            TestOutputTopic<String, AlertEvent> alerts = driver.createOutputTopic(TOPICS.alerts(),
                    new StringDeserializer(), JsonSerde.of(AlertEvent.class).deserializer());

            long end = START.toEpochMilli() + scenario.duration().toMillis();
            for (long second = START.toEpochMilli(); second < end; second += 1_000) {
                SimulatedSecond s = fleet.second(second);
                for (TimedLine line : s.lines()) {
                    now.set(line.timestampMs());
                    logs.pipeInput(null, line.line().getBytes(StandardCharsets.UTF_8), line.timestampMs());
                    count(line.line(), truth, expected);
                }
                for (TimedPacket p : s.packets()) {
                    packets.pipeInput(p.summary().connectionId(), Json.write(p.summary()).getBytes(StandardCharsets.UTF_8),
                            p.timestampMs());
                }
                driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(10));

            List<EcsHandshake> failures = handshakes.readValuesToList().stream()
                    .filter(d -> "failure".equals(d.event().outcome())).toList();
            for (GroundTruth t : truth) {
                // a connection's SYN comes a little before the BIG-IP logs its failure
                Instant from = Instant.parse(t.start()).minusSeconds(1);
                Instant to = Instant.parse(t.end()).plusSeconds(1);
                Map<String, Long> seen = failures.stream().filter(d -> vipOf(d).equals(t.vip())
                                && !Instant.parse(d.timestamp()).isBefore(from) && Instant.parse(d.timestamp()).isBefore(to))
                        .collect(Collectors.groupingBy(d -> d.tlswatch().errorClass(), TreeMap::new,
                                Collectors.counting()));
                assertThat(seen).as("classes of the failures on %s during %s", t.vip(), t.incident())
                        .isEqualTo(Map.of(t.errorClass(), expected.getOrDefault(t.vip(), 0L)));
            }
            List<AlertEvent> firing = alerts.readValuesToList().stream().filter(a -> "FIRING".equals(a.status()))
                    .toList();
            List<String> fired = firing.stream().map(AlertEvent::dedupKey).toList();
            for (AlertEvent a : firing) {
                // the simulator logs the cipher-string incident's tmsh change 5 s before it: the alert names it
                Object cause = a.payload().customDetails().get("likely_cause");
                if ("no_shared_cipher".equals(a.payload().className())) {
                    assertThat(cause).as("likely cause of %s", a.dedupKey()).asString()
                            .contains("admin ran `modify ltm profile client-ssl clientssl_vs_",
                                    "a cipher change explains no_shared_cipher");
                } else {
                    assertThat(cause).as("likely cause of %s", a.dedupKey()).isNull();
                }
            }
            for (GroundTruth t : truth) {
                // noise classes (plain HTTP on a TLS port) are recorded, never paged (DESIGN §9)
                boolean pages = ClassKind.defaultFor(ErrorClass.fromWireName(t.errorClass())) != ClassKind.NOISE;
                assertThat(fired.contains(t.alertKey())).as("%s fired; FIRING alerts: %s", t.alertKey(), fired)
                        .isEqualTo(pages);
            }
        }
    }

    /** A failed handshake of an incident ends its burst with 01260013 (01260008 for the TPS limit, no VIP). */
    private static void count(String line, List<GroundTruth> truth, Map<String, Long> expected) {
        for (GroundTruth t : truth) {
            boolean match = "unknown".equals(t.vip()) ? line.contains("]: 01260008:")
                    : line.contains("]: 01260013:") && line.endsWith(" -> " + t.vip());
            if (match) {
                expected.merge(t.vip(), 1L, Long::sum);
                return;
            }
        }
    }

    private static String vipOf(EcsHandshake d) {
        return d.destination() == null || d.destination().ip() == null ? "unknown"
                : d.destination().ip() + ":" + d.destination().port();
    }
}
