package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.connection.PacketJoinSettings;
import io.tlswatch.processors.connection.PendingLine;
import io.tlswatch.processors.connection.PendingConnection;
import io.tlswatch.processors.connection.PendingOutcome;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.telemetry.AttemptCounter;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.scanners.SourceActivity;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.CompactSerde;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VirtualServer;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one entry of each state store weighs, as stored (key plus Smile value, the bytes RocksDB and the changelog
 * hold), with real captures and F5 lines through the whole topology: the figures of the sizing section of
 * {@code docs/operations.md}, printed on standard output, and the ceilings that section promises.
 */
class StoreFootprintTopologyTest {
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant START = Instant.parse("2026-02-01T08:12:00Z");
    private static final String HOST = "bigip-01.example.net";
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));
    private static final Set<String> CLOSING = Set.of("fin", "rst", "end_of_capture", "idle_timeout", "evicted");

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> logs;
    private TestInputTopic<String, byte[]> packets;
    private Instant now = START;
    private final StringBuilder report = new StringBuilder();

    private void open(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", "store-footprint-test",
                "kafka.bootstrap.servers", "unused:9092"));
        settings.putAll(extra);
        TlswatchConfig config = TlswatchConfig.of(settings);
        Properties props = StreamsSettings.from(config);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> now.toEpochMilli(), "unknown");
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, new SimpleMeterRegistry()),
                props, START);
        logs = driver.createInputTopic(TOPICS.logs(), new ByteArraySerializer(), new ByteArraySerializer());
        packets = driver.createInputTopic(TOPICS.packets(), new org.apache.kafka.common.serialization.StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        System.out.print(report);
    }

    /** Entry count, mean and largest size in bytes (UTF-8 key plus serialized value) of the entries kept. */
    private record Sizes(int entries, long mean, long max, long total) {}

    private <V> Sizes measure(String store, Class<V> type, Predicate<V> keep) {
        Serializer<V> values = CompactSerde.of(type).serializer(); // as the stores hold them (state.format=smile)
        KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        int n = 0;
        long total = 0;
        long max = 0;
        try (KeyValueIterator<String, V> it = kv.all()) {
            while (it.hasNext()) {
                KeyValue<String, V> e = it.next();
                if (!keep.test(e.value)) {
                    continue;
                }
                long bytes = e.key.getBytes(StandardCharsets.UTF_8).length + values.serialize("x", e.value).length;
                n++;
                total += bytes;
                max = Math.max(max, bytes);
            }
        }
        Sizes s = new Sizes(n, n == 0 ? 0 : total / n, max, total);
        report.append(String.format(Locale.ROOT, "footprint %-22s %-34s entries %5d  mean %7d B  max %7d B%n",
                store, "", s.entries(), s.mean(), s.max()));
        return s;
    }

    private void note(String what, long bytes) {
        report.append(String.format(Locale.ROOT, "footprint %-57s %7d B%n", what, bytes));
    }

    private void line(String text, Instant at) {
        logs.pipeInput(new TestRecord<>(null, text.getBytes(StandardCharsets.UTF_8), at));
    }

    /** A failed handshake as BIG-IP logs it: the reason with addresses, then the summary line. */
    private void failure(String tmm, String client, int port, String vip, int alert) {
        String head = SYSLOG.format(now) + " " + HOST + " warning " + tmm + "[4242]: ";
        line(head + "01260009:4: " + client + ":" + port + " -> " + vip + ": Connection error: ssl_codec_rx:2314: alert("
                + alert + ") received alert", now);
        line(head + "01260013:4: SSL Handshake failed for TCP " + client + ":" + port + " -> " + vip, now);
    }

    private void advance(Duration d) {
        now = now.plus(d);
        driver.advanceWallClockTime(d);
    }

    /** Every summary of the shared captures but the closing ones: connections still handshaking. */
    private static List<PacketSummary> openConnections() throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (DirectoryStream<Path> pcaps = Files.newDirectoryStream(SharedData.root().resolve("tls/pcap"), "g*.pcap")) {
            for (Path pcap : pcaps) {
                try (InputStream in = Files.newInputStream(pcap)) {
                    CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), s -> {
                        if (!s.rstSeen() && (s.emitReason() == null || !CLOSING.contains(s.emitReason()))) {
                            out.add(s);
                        }
                    });
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    @Test
    void joinsHoldAFewKilobytesPerOpenHandshake() throws IOException {
        // both sources expected, so that log outcomes wait in the connection join as they do beside packets
        open(Map.of("join.wait", "2s", "packets.wait", "5s", "connections.wait", "10s", "connections.expect", "both"));
        int tmms = 4;
        int perTmm = 25;
        for (int t = 0; t < tmms; t++) {
            for (int c = 0; c < perTmm; c++) {
                // protocol_version: a failure the scanner check remembers per client (certificate refusals it does not)
                failure("tmm" + t, "198.51.100." + (1 + c), 40000 + t, "10.10.1.10:443", 70);
            }
        }
        Sizes lines = measure(TlswatchTopology.PENDING_LINES_STORE, PendingLine.class, v -> true);
        assertThat(lines.entries()).as("one entry per line").isEqualTo(2L * tmms * perTmm);
        long perLine = lines.total() / lines.entries();
        note("pending-lines, per waiting log line", perLine);

        for (PacketSummary s : openConnections()) {
            packets.pipeInput(new TestRecord<>(s.connectionId(), Json.write(s).getBytes(StandardCharsets.UTF_8), now));
        }
        Sizes connections = measure(TlswatchTopology.PENDING_CONNECTIONS_STORE, PendingConnection.class, v -> true);

        advance(Duration.ofSeconds(3)); // the burst join lets its connections go; the connection join holds them
        Sizes waiting = measure(TlswatchTopology.PENDING_OUTCOMES_STORE, PendingOutcome.class,
                v -> v.emittedMs() < 0);
        assertThat(waiting.entries()).isEqualTo(tmms * perTmm);
        advance(Duration.ofSeconds(11)); // alone past connections.wait: emitted, a marker kept for late evidence
        advance(Duration.ofSeconds(11));
        Sizes markers = measure(TlswatchTopology.PENDING_OUTCOMES_STORE, PendingOutcome.class,
                v -> v.emittedMs() >= 0);
        Sizes clients = measure(TlswatchTopology.SCANNER_SOURCES_STORE, SourceActivity.class, v -> true);

        assertThat(perLine).as("a waiting log line").isLessThan(1024);
        assertThat(connections.max()).as("a handshaking connection")
                .isLessThan(PacketJoinSettings.DEFAULT_MAX_BYTES + 16 * 1024);
        assertThat(waiting.max()).as("an outcome waiting for the other source").isLessThan(4096);
        assertThat(markers.entries()).isGreaterThanOrEqualTo(tmms * perTmm);
        assertThat(markers.max()).as("an emitted connection's marker").isLessThan(512);
        assertThat(clients.entries()).isGreaterThanOrEqualTo(perTmm);
        assertThat(clients.max()).as("one client's recent failures").isLessThan(1024);
    }

    @Test
    void aVipWeighsAFewKilobytesEvenWhenEveryClassFailsAllWindowLong() throws IOException {
        open(Map.of("join.wait", "1s", "alerts.warmup", "0s"));
        byte[] poller = Files.readAllBytes(SharedData.f5("ts-system-poller-output.json"));
        logs.pipeInput(new TestRecord<>(null, poller, now));
        advance(Duration.ofSeconds(60));
        logs.pipeInput(new TestRecord<>(null, poller, now));
        advance(Duration.ofSeconds(5));
        measure(TlswatchTopology.VIP_COUNTERS_STORE, AttemptCounter.Reading.class, v -> true);
        String quiet = "10.10.1.30:443";
        failure("tmm", "203.0.113.9", 50000, quiet, 45);
        advance(Duration.ofSeconds(5));
        Sizes oneFailure = measure(TlswatchTopology.VIP_RATES_STORE, VipState.class, v -> quiet.equals(v.vip));
        assertThat(oneFailure.entries()).isEqualTo(1);
        KeyValueStore<String, ValueAndTimestamp<VirtualServer>> inventory =
                driver.getTimestampedKeyValueStore(TlswatchTopology.INVENTORY_STORE);
        long inventoryBytes = 0;
        int vips = 0;
        Serializer<VirtualServer> vs = JsonSerde.of(VirtualServer.class).serializer();
        try (KeyValueIterator<String, ValueAndTimestamp<VirtualServer>> it = inventory.all()) {
            while (it.hasNext()) {
                var e = it.next();
                inventoryBytes += e.key.length() + vs.serialize("x", e.value.value()).length;
                vips++;
            }
        }
        note("inventory (global), per poller-learned VIP", vips == 0 ? 0 : inventoryBytes / vips);

        // one busy VIP: four classes failing in every 5 s bucket of the long window, from 40 client networks
        String busy = "10.10.1.20:443";
        int[] alerts = {45, 48, 42, 112};
        for (int step = 0; step < 72; step++) {
            for (int a = 0; a < alerts.length; a++) {
                failure("tmm" + a, "198.51." + (step % 40) + "." + (1 + a), 30000 + step, busy, alerts[a]);
            }
            advance(Duration.ofSeconds(5));
        }
        Sizes all = measure(TlswatchTopology.VIP_RATES_STORE, VipState.class, v -> busy.equals(v.vip));
        assertThat(all.entries()).isEqualTo(1);
        note("vip-rates, busy VIP: classes " + classesOf(busy) + ", buckets " + bucketsOf(busy), all.max());
        measure(TlswatchTopology.ALERT_STORMS_STORE, io.tlswatch.processors.alerts.StormState.class, v -> true);

        assertThat(oneFailure.max()).as("a VIP with one failure").isLessThan(4096);
        assertThat(all.max()).as("a VIP failing in four classes all window long").isLessThan(64 * 1024);
    }

    private int classesOf(String vip) {
        return stateOf(vip).classes.size();
    }

    private int bucketsOf(String vip) {
        return stateOf(vip).buckets.size();
    }

    private VipState stateOf(String vip) {
        KeyValueStore<String, VipState> kv = driver.getKeyValueStore(TlswatchTopology.VIP_RATES_STORE);
        try (KeyValueIterator<String, VipState> it = kv.all()) {
            while (it.hasNext()) {
                VipState s = it.next().value;
                if (vip.equals(s.vip)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no state for " + vip);
    }
}
