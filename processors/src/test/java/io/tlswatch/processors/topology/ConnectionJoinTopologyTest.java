package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One outcome per connection whatever saw it: the F5 lines and the packets of one connection (a real capture,
 * g05: the server refuses with handshake_failure, and the F5 lines a BIG-IP writes for it) meet in
 * {@code join-connections} and leave as one ECS record — in either order, alone when the other source is
 * silent, never twice when evidence comes late, and as two attempts when their times are too far apart.
 */
class ConnectionJoinTopologyTest {
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String OBSERVER = "bigip-01";
    private static final String CAPTURE = "g05-tls12-alert40-cipher-mismatch.pcap";
    private static final Duration BURST_WAIT = Duration.ofSeconds(2);
    private static final Duration PACKETS_WAIT = Duration.ofSeconds(3);
    private static final Duration CONNECTIONS_WAIT = Duration.ofSeconds(10);
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> logs;
    private TestInputTopic<String, byte[]> packets;
    private TestOutputTopic<String, EcsHandshake> handshakes;
    private List<PacketSummary> capture;
    private PacketSummary clientSide;
    private Instant start;

    private void start(Map<String, String> extra) throws IOException {
        capture = summaries(CAPTURE);
        clientSide = capture.stream().filter(s -> s.direction().equals("client_to_server")).findFirst().orElseThrow();
        start = Instant.ofEpochMilli(clientSide.firstSeenMs());
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", "connection-join-test",
                "kafka.bootstrap.servers", "unused:9092",
                "join.wait", BURST_WAIT.toSeconds() + "s",
                "packets.wait", PACKETS_WAIT.toSeconds() + "s",
                "connections.wait", CONNECTIONS_WAIT.toSeconds() + "s"));
        settings.putAll(extra);
        TlswatchConfig config = TlswatchConfig.of(settings);
        Instant clock = start;
        LogDecoder decoder = new LogDecoder(ZoneOffset.UTC, clock::toEpochMilli, "unknown");
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, registry), props, start);
        logs = driver.createInputTopic(TOPICS.logs(), new StringSerializer(), new ByteArraySerializer());
        packets = driver.createInputTopic(TOPICS.packets(), new StringSerializer(), new ByteArraySerializer());
        handshakes = driver.createOutputTopic(TOPICS.handshakes(), new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private static List<PacketSummary> summaries(String pcap) throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.root().resolve("tls/pcap").resolve(pcap))) {
            CaptureReader.read(in, CaptureSettings.defaults(OBSERVER), out::add);
        }
        return out;
    }

    private void sendPackets(List<PacketSummary> summaries) {
        for (PacketSummary s : summaries) {
            packets.pipeInput(new TestRecord<>(s.connectionId(), Json.write(s).getBytes(StandardCharsets.UTF_8), start));
        }
    }

    /** The two lines a BIG-IP writes for this refusal, stamped {@code shiftSeconds} after the capture's time. */
    private void sendLogLines(long shiftSeconds) {
        String stamp = SYSLOG.format(start.plusSeconds(shiftSeconds));
        String client = clientSide.clientIp() + ":" + clientSide.clientPort();
        String server = clientSide.serverIp() + ":" + clientSide.serverPort();
        sendLog(stamp + " " + OBSERVER + " warning tmm[9244]: 01260026:4: No shared ciphers between SSL peers "
                + client.replace(':', '.') + ":" + server.replace(':', '.') + ".");
        sendLog(stamp + " " + OBSERVER + " warning tmm[9244]: 01260013:4: SSL Handshake failed for TCP " + client
                + " -> " + server);
    }

    private void sendLog(String line) {
        logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), start));
    }

    /** Another connection from each source, so that both count as present for the observer. */
    private void bothSourcesHeard() throws IOException {
        sendPackets(summaries("g03-tls12-success-alpn.pcap"));
        sendLog(SYSLOG.format(start) + " " + OBSERVER
                + " warning tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.9.9.9:5555 -> 10.0.0.1:443");
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1)); // the burst join lets the log outcome go...
        driver.advanceWallClockTime(CONNECTIONS_WAIT.plusSeconds(1)); // ...which waited in vain for packets
        assertThat(handshakes.readValuesToList()).hasSize(2);
    }

    private List<EcsHandshake> ofThisConnection() {
        return handshakes.readValuesToList().stream()
                .filter(d -> d.source() != null && d.source().port().equals(clientSide.clientPort())).toList();
    }

    private double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private void assertJoined(EcsHandshake doc) {
        assertValidRecord(doc);
        assertThat(doc.event().outcome()).isEqualTo("failure");
        assertThat(doc.tlswatch().errorClass()).isEqualTo("no_shared_cipher");
        // the F5 lines...
        assertThat(doc.tlswatch().evidence().msgids()).containsExactlyInAnyOrder("01260026", "01260013");
        assertThat(doc.tlswatch().evidence().lines()).hasSize(2);
        // ...and the packets
        assertThat(doc.tlswatch().evidence().packets()).isTrue();
        assertThat(doc.tls().client().serverName()).isEqualTo("server.test");
        assertThat(doc.tls().client().ja3()).matches("[0-9a-f]{32}");
        assertThat(doc.tlswatch().ja4()).startsWith("t12");
        assertThat(doc.network().communityId()).startsWith("1:");
        assertThat(doc.tlswatch().alert().code()).isEqualTo(40);
        assertThat(doc.tlswatch().alert().sender()).isEqualTo("server");
    }

    @Test
    void packetsThenLogLinesBecomeOneOutcome() throws IOException {
        start(Map.of());
        bothSourcesHeard();

        sendPackets(capture);
        sendLogLines(0);
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1)); // the burst join lets the log outcome go

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertJoined(docs.get(0));
        driver.advanceWallClockTime(CONNECTIONS_WAIT.plusSeconds(1));
        assertThat(ofThisConnection()).isEmpty();
    }

    @Test
    void logLinesThenPacketsBecomeOneOutcome() throws IOException {
        start(Map.of());
        bothSourcesHeard();

        sendLogLines(0);
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));
        assertThat(ofThisConnection()).as("the log outcome waits for the packets").isEmpty();
        sendPackets(capture);

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertJoined(docs.get(0));
    }

    @Test
    void evidenceAfterTheWaitIsCountedNotEmittedAgain() throws IOException {
        start(Map.of());
        bothSourcesHeard();

        sendPackets(capture);
        driver.advanceWallClockTime(CONNECTIONS_WAIT.plusSeconds(1));
        List<EcsHandshake> alone = ofThisConnection();
        assertThat(alone).hasSize(1);
        assertThat(alone.get(0).tlswatch().evidence().msgids()).isEmpty();
        assertThat(alone.get(0).tlswatch().errorClass()).isEqualTo("no_shared_cipher");

        sendLogLines(0);
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));
        driver.advanceWallClockTime(CONNECTIONS_WAIT.plusSeconds(1));
        assertThat(ofThisConnection()).isEmpty();
        assertThat(counter("tlswatch_late_evidence_total")).isEqualTo(1.0);
    }

    @Test
    void clocksTooFarApartAreTwoAttempts() throws IOException {
        start(Map.of("connections.max.skew", "30s"));
        bothSourcesHeard();

        sendPackets(capture);
        sendLogLines(90); // the BIG-IP's clock says 90 s later than the capture's
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));
        driver.advanceWallClockTime(CONNECTIONS_WAIT.plusSeconds(1));

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(2);
        assertThat(docs).filteredOn(d -> d.tlswatch().evidence().packets()).hasSize(1);
        assertThat(docs).filteredOn(d -> !d.tlswatch().evidence().msgids().isEmpty()).hasSize(1);
    }

    @Test
    void clocksWithinTheSkewStillJoin() throws IOException {
        start(Map.of("connections.max.skew", "2m"));
        bothSourcesHeard();

        sendPackets(capture);
        sendLogLines(90);
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertJoined(docs.get(0));
    }

    /**
     * An outcome waiting for the other source when its task moves: the instance that takes over finds it in the
     * store (as the changelog restores it) and lets it go alone after the wait, once, not never.
     */
    @Test
    void anOutcomeWaitingAtARestartLeavesAloneAfterTheWait() throws IOException {
        start(Map.of());
        bothSourcesHeard();
        sendPackets(capture);
        assertThat(ofThisConnection()).as("waits for the F5 lines").isEmpty();
        List<org.apache.kafka.streams.KeyValue<String, Object>> stored = new ArrayList<>();
        var waiting = driver.<String, Object>getKeyValueStore(TlswatchTopology.PENDING_OUTCOMES_STORE);
        try (var it = waiting.all()) {
            it.forEachRemaining(stored::add);
        }
        assertThat(stored).isNotEmpty();
        driver.close();

        start(Map.of()); // the new instance's stores, as the changelog restores them
        var restored = driver.<String, Object>getKeyValueStore(TlswatchTopology.PENDING_OUTCOMES_STORE);
        stored.forEach(kv -> restored.put(kv.key, kv.value));
        // the new driver's clock starts where the old one started: the stored wait ends a few seconds later
        for (int i = 0; i < 4; i++) {
            driver.advanceWallClockTime(CONNECTIONS_WAIT);
        }

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).tlswatch().errorClass()).isEqualTo("no_shared_cipher");
    }

    /** Only the client's hello, then nothing: after the packets' wait the handshake counts as timed out. */
    @Test
    void aConnectionJudgedAfterTheWaitIsIncompleteNotAFailure() throws IOException {
        start(Map.of());
        sendPackets(helloOnly("flight_complete"));
        assertThat(ofThisConnection()).isEmpty();
        driver.advanceWallClockTime(PACKETS_WAIT.plusSeconds(1));

        // the join stopped waiting; the capture never showed the silence: nothing proves a failure
        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertValidRecord(docs.get(0));
        assertThat(docs.get(0).event().outcome()).isEqualTo("unknown");
        assertThat(docs.get(0).event().reason()).isEqualTo("incomplete");
        assertThat(docs.get(0).tlswatch().errorClass()).isNull();
        assertThat(docs.get(0).tls().client().serverName()).isEqualTo("server.test");
    }

    @Test
    void aConnectionTheCaptureSawFallSilentTimesOut() throws IOException {
        start(Map.of());
        // the reader closed it as idle_timeout: silent while the capture went on
        sendPackets(helloOnly("idle_timeout"));
        driver.advanceWallClockTime(PACKETS_WAIT.plusSeconds(1));

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertValidRecord(docs.get(0));
        assertThat(docs.get(0).event().outcome()).isEqualTo("failure");
        assertThat(docs.get(0).tlswatch().errorClass()).isEqualTo("timeout");
    }

    private List<PacketSummary> helloOnly(String emitReason) {
        List<PacketSummary> helloOnly = capture.stream()
                .filter(s -> s.direction().equals("client_to_server") && Integer.valueOf(0).equals(s.flight()))
                .map(s -> new PacketSummary(s.connectionId(), s.observer(), s.direction(), s.transport(), s.clientIp(),
                        s.clientPort(), s.serverIp(), s.serverPort(), s.firstSeenMs(), s.lastSeenMs(), s.synSeen(),
                        false, false, 0, s.bytes(), s.payloadHeadBase64(), null, 0, emitReason, null, null, 0L))
                .toList();
        assertThat(helloOnly).hasSize(1);
        return helloOnly;
    }

    /**
     * A client reuses its port: the capture saw a handshake succeed on the four-tuple 5 s before this refusal,
     * so it names the refusal {@code #2}. The F5 lines cannot say which attempt they mean; they still join the
     * refusal, and the success stays a record of its own.
     */
    @Test
    void aReusedFourTupleJoinsTheLogLinesWithTheAttemptTheyDescribe() throws IOException {
        start(Map.of());
        bothSourcesHeard();
        List<PacketSummary> g03 = summaries("g03-tls12-success-alpn.pcap");
        long g03Start = g03.stream().mapToLong(PacketSummary::firstSeenMs).min().orElseThrow();
        long shift = start.toEpochMilli() - 5_000 - g03Start;
        List<PacketSummary> success = g03.stream().map(s -> readdressed(s, clientSide.connectionId(), shift)).toList();
        List<PacketSummary> refusal = capture.stream()
                .map(s -> readdressed(s, clientSide.connectionId() + "#2", 0)).toList();

        sendPackets(success);
        sendPackets(refusal);
        sendLogLines(0);
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));
        driver.advanceWallClockTime(CONNECTIONS_WAIT.plusSeconds(1));

        // with several partitions, both attempts and the F5 lines must reach the join's partition of the four-tuple
        assertThat(driver.createOutputTopic("connection-join-test-outcomes-by-connection-repartition",
                        new StringDeserializer(), new StringDeserializer()).readKeyValuesToList())
                .extracting(kv -> kv.key).filteredOn(k -> k.startsWith(clientSide.connectionId()))
                .containsExactly(clientSide.connectionId(), clientSide.connectionId(), clientSide.connectionId());
        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(2);
        assertThat(docs).filteredOn(d -> d.event().outcome().equals("success")).hasSize(1);
        List<EcsHandshake> failures = docs.stream().filter(d -> d.event().outcome().equals("failure")).toList();
        assertThat(failures).hasSize(1);
        assertJoined(failures.get(0));
        assertThat(counter("tlswatch_late_evidence_total")).isZero();
    }

    /** The same summary on this connection's four-tuple, under {@code id}, {@code shiftMs} later. */
    private PacketSummary readdressed(PacketSummary s, String id, long shiftMs) {
        return new PacketSummary(id, s.observer(), s.direction(), s.transport(), clientSide.clientIp(),
                clientSide.clientPort(), clientSide.serverIp(), clientSide.serverPort(), s.firstSeenMs() + shiftMs,
                s.lastSeenMs() + shiftMs, s.synSeen(), s.finSeen(), s.rstSeen(), s.retransmissions(),
                s.bytes(), s.payloadHeadBase64(), s.vipName(), s.flight(), s.emitReason(), s.f5FlowId(),
                s.f5PeerFlowId(), s.headOffset());
    }

    @Test
    void withLogsOnlyNothingWaitsForPackets() throws IOException {
        start(Map.of());

        sendLogLines(0);
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));

        List<EcsHandshake> docs = ofThisConnection();
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).tlswatch().evidence().packets()).isFalse();
        assertThat(docs.get(0).tlswatch().errorClass()).isEqualTo("no_shared_cipher");
        var gauge = registry.find("tlswatch_pending_outcomes").gauge();
        assertThat(gauge).isNotNull();
        assertThat(gauge.value()).isZero();
    }
}
