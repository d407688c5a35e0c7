package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.packets.PacketVerdict;
import io.tlswatch.processors.packets.WireConnection;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Scanner tagging (one client failing on many VIPs; a fingerprint on the list) and what reaches the SIEM: the
 * tagged records stay, with the reason; their failures leave the paging rates; successes as configured.
 */
class ScannerAndSiemTopologyTest {
    private static final Instant START = Instant.parse("2026-02-01T08:12:14Z");
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration BURST_WAIT = Duration.ofSeconds(2);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> logs;
    private TestInputTopic<String, byte[]> packets;
    private TestOutputTopic<String, EcsHandshake> handshakes;
    private TestOutputTopic<String, VipRate> rates;
    private TestOutputTopic<String, AlertEvent> alerts;

    private void start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", "scanner-test",
                "kafka.bootstrap.servers", "unused:9092",
                "join.wait", BURST_WAIT.toSeconds() + "s",
                "packets.wait", "3s"));
        settings.putAll(extra);
        TlswatchConfig config = TlswatchConfig.of(settings);
        LogDecoder decoder = new LogDecoder(ZoneOffset.UTC, START::toEpochMilli, "unknown");
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(TlswatchTopology.build(config, props, decoder, registry), props, START);
        logs = driver.createInputTopic(TOPICS.logs(), new StringSerializer(), new ByteArraySerializer());
        packets = driver.createInputTopic(TOPICS.packets(), new StringSerializer(), new ByteArraySerializer());
        handshakes = driver.createOutputTopic(TOPICS.handshakes(), new StringDeserializer(),
                JsonSerde.of(EcsHandshake.class).deserializer());
        rates = driver.createOutputTopic(TOPICS.rates(), new StringDeserializer(),
                JsonSerde.of(VipRate.class).deserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    /** One client fails on {@code vips} VIPs, one handshake each, one TMM each. */
    private void sweep(String client, int vips) {
        for (int v = 1; v <= vips; v++) {
            String line = "Feb  1 08:12:14 bigip-01 warning tmm" + v + "[" + (100 + v) + "]: 01260013:4: "
                    + "SSL Handshake failed for TCP " + client + ":" + (40000 + v) + " -> 10.0.0." + v + ":443";
            logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), START.plusSeconds(v)));
        }
        driver.advanceWallClockTime(BURST_WAIT.plusSeconds(1));
    }

    private static List<PacketSummary> summaries(String pcap) throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.root().resolve("tls/pcap").resolve(pcap))) {
            CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), out::add);
        }
        return out;
    }

    private void send(List<PacketSummary> summaries) {
        for (PacketSummary s : summaries) {
            packets.pipeInput(new TestRecord<>(s.connectionId(), Json.write(s).getBytes(StandardCharsets.UTF_8), START));
        }
    }

    @Test
    void aClientFailingOnManyVipsIsTaggedAndLeavesThePagingRates() {
        start(Map.of("scanners.min.vips", "4", "scanners.window", "5m"));
        sweep("198.51.100.7", 6);
        sweep("192.0.2.10", 2); // an ordinary client: two failures, two VIPs

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(8);
        docs.forEach(d -> assertValidRecord(d));
        List<EcsHandshake> scanner = docs.stream().filter(d -> d.source().ip().equals("198.51.100.7")).toList();
        // the fourth VIP crosses the line; the ones before it were not known to be a scanner's yet
        assertThat(scanner).filteredOn(d -> Boolean.TRUE.equals(d.tlswatch().scanner())).hasSize(3)
                .allSatisfy(d -> assertThat(d.tlswatch().scannerReason()).matches("failed on [456] VIPs within 5 min"));
        assertThat(docs.stream().filter(d -> d.source().ip().equals("192.0.2.10")))
                .allSatisfy(d -> assertThat(d.tlswatch().scanner()).isFalse());

        // rates: the scanner's tagged failures (VIPs 4..6) are counted apart; VIPs 1..3 were counted as failures
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        Map<String, VipRate> byVip = new HashMap<>();
        rates.readValuesToList().stream().filter(r -> r.errorClass().equals("all")).forEach(r -> byVip.put(r.vip(), r));
        for (String vip : List.of("10.0.0.4:443", "10.0.0.5:443", "10.0.0.6:443")) {
            assertThat(byVip.get(vip).shortWindow().failures()).as(vip).isZero();
            assertThat(byVip.get(vip).shortWindow().scannerFailures()).as(vip).isEqualTo(1);
        }
        for (String vip : List.of("10.0.0.1:443", "10.0.0.2:443", "10.0.0.3:443")) {
            assertThat(byVip.get(vip).shortWindow().failures()).as(vip).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void scannersCanBePagedWhenConfigured() {
        // one failure pages here, so that the scanner's single failure per VIP is enough
        Map<String, String> paging = Map.of("alerts.class.unclassified.kind", "server",
                "alerts.server.min.failures", "1", "alerts.warmup", "0s");
        Map<String, String> settings = new HashMap<>(paging);
        settings.putAll(Map.of("scanners.min.vips", "4", "scanners.page", "true"));
        start(settings);
        sweep("198.51.100.7", 6);
        assertThat(alerts.readValuesToList()).extracting(a -> a.payload().component()).contains("10.0.0.6:443");
        driver.close();

        settings = new HashMap<>(paging);
        settings.put("scanners.min.vips", "4");
        start(settings);
        sweep("198.51.100.7", 6);
        assertThat(alerts.readValuesToList()).extracting(a -> a.payload().component())
                .doesNotContain("10.0.0.4:443", "10.0.0.5:443", "10.0.0.6:443").contains("10.0.0.1:443");
    }

    @Test
    void aFingerprintOnTheListTagsTheClient() throws IOException {
        List<PacketSummary> capture = summaries("g05-tls12-alert40-cipher-mismatch.pcap");
        String ja4 = new PacketVerdict().judge(WireConnection.of(capture)).wire().ja4();
        start(Map.of("scanners.ja4", "t00d0000h1_000000000000_000000000000, " + ja4));
        send(capture);

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        assertValidRecord(docs.get(0));
        assertThat(docs.get(0).tlswatch().scanner()).isTrue();
        assertThat(docs.get(0).tlswatch().scannerReason()).isEqualTo("JA4 " + ja4 + " is on the scanner list");
    }

    @Test
    void aSuccessfulHandshakeWithAListedFingerprintIsTaggedWithoutTheClientsMemory() throws IOException {
        List<PacketSummary> capture = summaries("g03-tls12-success-alpn.pcap");
        String ja4 = new PacketVerdict().judge(WireConnection.of(capture)).wire().ja4();
        start(Map.of("scanners.ja4", ja4, "siem.successes", "all"));
        send(capture);

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).extracting(d -> d.event().outcome()).containsExactly("success");
        assertThat(docs.get(0).tlswatch().scannerReason()).isEqualTo("JA4 " + ja4 + " is on the scanner list");
        assertThat(driver.getKeyValueStore(TlswatchTopology.SCANNER_SOURCES_STORE).approximateNumEntries()).isZero();
    }

    @Test
    void successesReachTheSiemAsConfigured() throws IOException {
        List<PacketSummary> success = summaries("g03-tls12-success-alpn.pcap");
        List<PacketSummary> failure = summaries("g05-tls12-alert40-cipher-mismatch.pcap");

        start(Map.of("siem.successes", "none"));
        send(success);
        send(failure);
        assertThat(handshakes.readValuesToList()).extracting(d -> d.event().outcome()).containsExactly("failure");
        stop();

        start(Map.of("siem.successes", "all"));
        send(success);
        assertThat(handshakes.readValuesToList()).extracting(d -> d.event().outcome()).containsExactly("success");
        stop();

        start(Map.of("siem.successes", "sampled", "siem.successes.sample", "0"));
        send(success);
        assertThat(handshakes.readValuesToList()).isEmpty();
    }
    @Test
    void aCertificateFailureSeenInPacketsCarriesTheCertificateToTheSiemAndTheAlert() throws IOException {
        // one failure pages here, so that the capture's single cert_expired handshake is enough
        start(Map.of("alerts.class.cert_expired.kind", "server", "alerts.server.min.failures", "1",
                "alerts.warmup", "0s"));
        send(summaries("g08-tls12-alert45-cert-expired.pcap"));
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        assertValidRecord(docs.get(0));
        EcsHandshake.TlsServer server = docs.get(0).tls().server();
        assertThat(server.x509().notAfter()).isEqualTo("2029-03-01T08:28:19Z");
        assertThat(server.x509().subject().commonName()).containsExactly("server.test");
        assertThat(server.hash().sha256())
                .isEqualTo("11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
        assertThat(registry.get("tlswatch_server_certificates_total").tag("result", "parsed").counter().count())
                .isEqualTo(1.0);

        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<AlertEvent> fired = alerts.readValuesToList();
        assertThat(fired).isNotEmpty();
        assertValidRecord(io.tlswatch.schemas.Schema.ALERT_EVENT, fired.get(0));
        assertThat(fired.get(0).labels()).containsEntry("error_class", "cert_expired");
        assertThat(fired.get(0).payload().customDetails().get("server_certificates")).isEqualTo(List.of(Map.of(
                "value", "CN=server.test issuer=Research Test CA not_after=2029-03-01T08:28:19Z sha256=11773D417B81B815",
                "count", 1)));
    }

    @Test
    void aCipherMismatchSeenInPacketsCarriesTheClientsCiphersToTheAlert() throws IOException {
        start(Map.of("alerts.class.no_shared_cipher.kind", "server", "alerts.server.min.failures", "1",
                "alerts.warmup", "0s"));
        send(summaries("g05-tls12-alert40-cipher-mismatch.pcap"));
        driver.advanceWallClockTime(Duration.ofSeconds(25));

        List<EcsHandshake> docs = handshakes.readValuesToList();
        assertThat(docs).hasSize(1);
        List<String> offered = docs.get(0).tls().client().supportedCiphers();
        assertThat(offered).isNotEmpty();
        List<AlertEvent> fired = alerts.readValuesToList();
        assertThat(fired).isNotEmpty();
        assertValidRecord(io.tlswatch.schemas.Schema.ALERT_EVENT, fired.get(0));
        assertThat(fired.get(0).labels()).containsEntry("error_class", "no_shared_cipher");
        // the opt-in probe offers these to the VIP
        assertThat(fired.get(0).payload().customDetails().get("offered_cipher_lists"))
                .isEqualTo(List.of(Map.of("value", String.join(",", offered), "count", 1)));
    }
}
