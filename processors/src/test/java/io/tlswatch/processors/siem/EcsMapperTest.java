package io.tlswatch.processors.siem;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.packets.PacketVerdict;
import io.tlswatch.processors.packets.WireConnection;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.VipInfo;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ECS fields of issue 13 item 6, on records from F5 lines and from the real captures. Independent expected
 * values: packet times and addresses from tshark 4.0 ({@code frame.time_epoch}), the certificate from OpenSSL
 * (see CertificateReaderTest), the Community IDs from a separate Python implementation of the spec, checked
 * against the spec's own example ({@code 1:LQU9qZlK+B5F3KDmev6m5PMibrg=}).
 */
class EcsMapperTest {
    private static final long NOW = Instant.parse("2026-02-01T09:00:00.250Z").toEpochMilli();
    private static final String BSD_1 = "Feb  1 08:12:14 bigip-01 debug tmm1[11650]: 01260009:7: "
            + "192.0.2.10:51000 -> 10.0.0.1:443: Connection error: ssl_select_suite (ssl.c:3032): "
            + "No shared cipher between SSL peers";
    private static final String BSD_2 = "Feb  1 08:12:14 bigip-01 warning tmm1[11650]: 01260013:4: SSL Handshake "
            + "failed for TCP 192.0.2.10:51000 -> 10.0.0.1:443";
    private static final String RFC5424 = "<134>1 2026-02-01T08:12:14.123+01:00 bigip-01 tmm1 11650 - - 01260013:4: "
            + "SSL Handshake failed for TCP 192.0.2.10:51000 -> 10.0.0.1:443";

    private final EcsMapper berlin = new EcsMapper(ZoneId.of("Europe/Berlin"), () -> NOW);

    private static HandshakeOutcome fromLines(List<String> lines) {
        return new HandshakeOutcome("bigip-01/192.0.2.10:51000->10.0.0.1:443", "bigip-01",
                Instant.parse("2026-02-01T07:12:14Z").toEpochMilli(), "tcp", "192.0.2.10", 51000, "10.0.0.1", 443,
                null, "failure", "no_shared_cipher", "client", null, "bigip", null, "No shared cipher between SSL peers",
                List.of("01260009", "01260013"), lines);
    }

    private static JsonNode tree(EcsHandshake doc) {
        assertValidRecord(doc);
        return Json.MAPPER.valueToTree(doc);
    }

    @Test
    void aRecordFromF5LinesCarriesTheEventFieldsAndItsCommunityId() {
        JsonNode doc = tree(berlin.map(fromLines(List.of(BSD_1, BSD_2))));

        assertThat(doc.at("/ecs/version").asText()).isEqualTo("9.3.0");
        assertThat(doc.at("/event/module").asText()).isEqualTo("tlswatch");
        assertThat(doc.at("/event/dataset").asText()).isEqualTo("tlswatch.handshake");
        assertThat(doc.at("/event/id").asText()).isEqualTo("bigip-01/192.0.2.10:51000->10.0.0.1:443");
        assertThat(doc.at("/event/created").asText()).isEqualTo("2026-02-01T09:00:00.250Z");
        // BSD stamps carry no zone: the one they were read in
        assertThat(doc.at("/event/timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(doc.at("/event/original").asText()).isEqualTo(BSD_1 + "\n" + BSD_2);
        // no packets: no packet times
        assertThat(doc.at("/event").has("start")).isFalse();
        assertThat(doc.at("/event").has("duration")).isFalse();
        // Python (spec algorithm): 192.0.2.10:51000 -> 10.0.0.1:443 tcp
        assertThat(doc.at("/network/community_id").asText()).isEqualTo("1:HXb0OLZN9pRPSSHkoPdFMooir3U=");
        assertThat(doc.at("/network/type").asText()).isEqualTo("ipv4");
        assertThat(doc.at("/network/protocol").asText()).isEqualTo("tls");
        assertThat(doc.at("/network/transport").asText()).isEqualTo("tcp");
        assertThat(doc.at("/observer/vendor").asText()).isEqualTo("F5");
        assertThat(doc.at("/observer/product").asText()).isEqualTo("BIG-IP");
        assertThat(doc.at("/observer/hostname").asText()).isEqualTo("bigip-01");
        assertThat(doc.at("/observer").has("type")).isFalse();
        // no SNI in these lines: no domain, no related host
        assertThat(doc.at("/destination").has("domain")).isFalse();
        assertThat(doc.at("/related").has("hosts")).isFalse();
    }

    @Test
    void stampsWithAZoneNeedNoTimezoneAndUtcIsWrittenAsAnOffset() {
        assertThat(tree(berlin.map(fromLines(List.of(RFC5424)))).at("/event").has("timezone")).isFalse();

        EcsMapper utc = new EcsMapper(ZoneOffset.UTC, () -> NOW);
        assertThat(tree(utc.map(fromLines(List.of(BSD_2)))).at("/event/timezone").asText()).isEqualTo("+00:00");
        EcsMapper offset = new EcsMapper(ZoneOffset.ofHours(-5), () -> NOW);
        assertThat(tree(offset.map(fromLines(List.of("<12>" + BSD_2)))).at("/event/timezone").asText())
                .isEqualTo("-05:00");
    }

    @Test
    void theOriginalIsBoundedPerLine() {
        String huge = BSD_2 + " " + "x".repeat(20_000);
        String original = tree(berlin.map(fromLines(List.of(BSD_1, huge, BSD_2)))).at("/event/original").asText();

        assertThat(original.split("\n", -1)).hasSize(3);
        assertThat(original.split("\n")[1]).hasSize(EcsMapper.MAX_ORIGINAL_LINE_CHARS).startsWith(BSD_2);
        assertThat(EcsMapper.original(List.of())).isNull();
    }

    // ---- from packets ----

    private static List<PacketSummary> summaries(String pcap, CaptureSettings settings) throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.root().resolve("tls/pcap").resolve(pcap))) {
            CaptureReader.read(in, settings, out::add);
        }
        return out;
    }

    private JsonNode judged(List<PacketSummary> summaries) {
        HandshakeOutcome o = new PacketVerdict().judge(WireConnection.of(summaries));
        assertValidRecord(o);
        return tree(berlin.map(o));
    }

    @Test
    void aTls12CaptureGivesTheServerCertificateTimesAndTheSni() throws IOException {
        JsonNode doc = judged(summaries("g08-tls12-alert45-cert-expired.pcap",
                CaptureSettings.defaults("unknown").withCaptureHost("sensor-7")));

        assertThat(doc.at("/tlswatch/error_class").asText()).isEqualTo("cert_expired");
        JsonNode x509 = doc.at("/tls/server/x509");
        assertThat(x509.at("/not_before").asText()).isEqualTo("2026-11-27T08:28:19Z");
        assertThat(x509.at("/not_after").asText()).isEqualTo("2029-03-01T08:28:19Z");
        assertThat(x509.at("/subject/common_name/0").asText()).isEqualTo("server.test");
        assertThat(x509.at("/issuer/common_name/0").asText()).isEqualTo("Research Test CA");
        assertThat(x509.at("/alternative_names")).hasSize(1);
        assertThat(x509.at("/alternative_names/0").asText()).isEqualTo("server.test");
        assertThat(doc.at("/tls/server/hash/sha256").asText())
                .isEqualTo("11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
        // tshark: frame 1 at 1795768306.979691, frame 11 at 1795768306.982966 (the capture keeps microseconds,
        // f5.packets milliseconds)
        assertThat(doc.at("/event/start").asText()).isEqualTo("2026-11-27T08:31:46.979Z");
        assertThat(doc.at("/event/end").asText()).isEqualTo("2026-11-27T08:31:46.982Z");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(3_000_000L);
        assertThat(doc.at("/@timestamp").asText()).isEqualTo(doc.at("/event/start").asText());
        // SNI from EXPECTED_CLIENTHELLOS.tsv
        assertThat(doc.at("/destination/domain").asText()).isEqualTo("server.test");
        assertThat(doc.at("/related/hosts/0").asText()).isEqualTo("server.test");
        assertThat(doc.at("/network/community_id").asText()).isEqualTo("1:DSCAecWQVz4neaKCt7XSA6vjzaU=");
        assertThat(doc.at("/network/type").asText()).isEqualTo("ipv4");
        // packets alone, no name: no BIG-IP claimed, the sensor that read them
        assertThat(doc.at("/observer").has("vendor")).isFalse();
        assertThat(doc.at("/observer").has("product")).isFalse();
        assertThat(doc.at("/observer/type").asText()).isEqualTo("sensor");
        assertThat(doc.at("/observer/hostname").asText()).isEqualTo("sensor-7");
        // no F5 line
        assertThat(doc.at("/event").has("original")).isFalse();
        assertThat(doc.at("/event").has("timezone")).isFalse();
    }

    @Test
    void anIpv6CaptureSaysIpv6() throws IOException {
        JsonNode doc = judged(summaries("tls-alpn-h2.pcap", CaptureSettings.defaults("tap-9")));

        assertThat(doc.at("/network/type").asText()).isEqualTo("ipv6");
        assertThat(doc.at("/tls/server/x509/subject/common_name/0").asText()).isEqualTo("cloudflare.com");
        assertThat(doc.at("/observer/type").asText()).isEqualTo("sensor");
        assertThat(doc.at("/observer/hostname").asText()).isEqualTo("tap-9");
    }

    @Test
    void aTls13CaptureHasNoCertificateButItsTimes() throws IOException {
        JsonNode doc = judged(summaries("g04-tls13-success-alpn.pcap", CaptureSettings.defaults("tap-1")));

        assertThat(doc.at("/tls/server").has("x509")).isFalse();
        assertThat(doc.at("/tls/server").has("hash")).isFalse();
        assertThat(doc.at("/event/duration").isIntegralNumber()).isTrue();
        assertThat(Instant.parse(doc.at("/event/end").asText()))
                .isAfterOrEqualTo(Instant.parse(doc.at("/event/start").asText()));
    }

    @Test
    void aBigIpIsClaimedOnlyOnEvidence() throws IOException {
        List<PacketSummary> plain = summaries("g03-tls12-success-alpn.pcap", CaptureSettings.defaults("tap-1"));
        // the BIG-IP Ethernet trailer (tcpdump -i 0.0:nnn) on the summaries
        List<PacketSummary> trailer = plain.stream().map(s -> new PacketSummary(s.connectionId(), s.observer(),
                s.direction(), s.transport(), s.clientIp(), s.clientPort(), s.serverIp(), s.serverPort(),
                s.firstSeenMs(), s.lastSeenMs(), s.synSeen(), s.finSeen(), s.rstSeen(), s.retransmissions(), s.bytes(),
                s.payloadHeadBase64(), null, s.flight(), s.emitReason(), "00000000000000ab", null, s.headOffset(),
                null)).toList();

        assertThat(judged(plain).at("/observer/type").asText()).isEqualTo("sensor");
        JsonNode f5 = judged(trailer);
        assertThat(f5.at("/observer/vendor").asText()).isEqualTo("F5");
        assertThat(f5.at("/observer/product").asText()).isEqualTo("BIG-IP");
        assertThat(f5.at("/observer/hostname").asText()).isEqualTo("tap-1");
        assertThat(f5.at("/observer").has("type")).isFalse();

        // the inventory knows the destination as a VIP of this observer
        HandshakeOutcome o = new PacketVerdict().judge(WireConnection.of(plain))
                .withInventory(new VipInfo("/Common/app_vs", "Common", null, null, null, "csv"), "client");
        assertThat(tree(berlin.map(o)).at("/observer/vendor").asText()).isEqualTo("F5");
    }

    @Test
    void aLogRecordAndThePacketsOfTheSameFlowShareTheCommunityId() throws IOException {
        JsonNode packets = judged(summaries("g08-tls12-alert45-cert-expired.pcap", CaptureSettings.defaults("b")));
        HandshakeOutcome line = new HandshakeOutcome("b/127.0.0.1:37974->127.0.0.18:443", "b", 0L, "tcp",
                "127.0.0.1", 37974, "127.0.0.18", 443, null, "failure", "cert_expired", "client", 45, "client", null,
                "x", List.of("01260013"), List.of(BSD_2));

        assertThat(tree(berlin.map(line)).at("/network/community_id").asText())
                .isEqualTo(packets.at("/network/community_id").asText());
    }
}
