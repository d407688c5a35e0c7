package io.tlswatch.app.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.QuicCaptures;
import io.tlswatch.ingest.pcap.CaptureHost;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SchemaAssertions;
import io.tlswatch.schemas.testing.QuicPackets;
import io.tlswatch.schemas.testing.SharedData;
import io.tlswatch.schemas.testing.UdpCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapCommandTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String capture(String name) {
        return SharedData.root().resolve("tls/pcap").resolve(name).toString();
    }

    @Test
    void printsOneEcsDocumentPerConnection() throws IOException {
        assertThat(run("pcap", "--observer", "tap-1", capture("g08-tls12-alert45-cert-expired.pcap"))).isZero();

        String[] lines = cli.out().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode doc = Json.MAPPER.readTree(lines[0]);
        SchemaAssertions.assertValid(Schema.HANDSHAKE_ECS, doc);
        assertThat(doc.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(doc.at("/tlswatch/error_class").asText()).isEqualTo("cert_expired");
        assertThat(doc.at("/tlswatch/alert/code").asInt()).isEqualTo(45);
        assertThat(doc.at("/tlswatch/alert/sender").asText()).isEqualTo("client");
        assertThat(doc.at("/tls/client/server_name").asText()).isEqualTo("server.test");
        // a capture from a tap: no BIG-IP is claimed without evidence of one
        assertThat(doc.at("/observer/hostname").asText()).isEqualTo("tap-1");
        assertThat(doc.at("/observer/type").asText()).isEqualTo("sensor");
        assertThat(doc.at("/observer").has("vendor")).isFalse();
        assertThat(doc.at("/tlswatch/evidence/packets").asBoolean()).isTrue();
        // the certificate the server sent (OpenSSL on the DER tshark extracts)
        assertThat(doc.at("/tls/server/x509/not_after").asText()).isEqualTo("2029-03-01T08:28:19Z");
        assertThat(doc.at("/tls/server/x509/subject/common_name/0").asText()).isEqualTo("server.test");
        assertThat(doc.at("/tls/server/hash/sha256").asText())
                .isEqualTo("11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
        assertThat(doc.at("/event/id").asText()).isEqualTo("tap-1/127.0.0.1:37974->127.0.0.18:443");
        assertThat(doc.at("/ecs/version").asText()).isEqualTo("9.3.0");
        assertThat(cli.err()).contains("1 connections: failure cert_expired 1").contains("pcap, complete");
    }

    /**
     * One rule for every command that reads captures (CapturePoint): observer.default, else unknown, in the
     * connection id; the ECS observer is then the sensor that read the capture, by its host name.
     */
    @Test
    void withoutObserverTheRecordsNameTheSameDefaultAsTheOtherCaptureCommands() throws IOException {
        assertThat(System.getenv("TLSWATCH_OBSERVER_DEFAULT")).as("test environment").isNull();
        assertThat(run("pcap", capture("g08-tls12-alert45-cert-expired.pcap"))).isZero();

        JsonNode doc = Json.MAPPER.readTree(cli.out().split("\n")[0]);
        assertThat(doc.at("/event/id").asText()).startsWith("unknown/");
        assertThat(doc.at("/observer/type").asText()).isEqualTo("sensor");
        assertThat(doc.at("/observer/hostname").asText()).isEqualTo(CaptureHost.local()).isNotBlank();
    }

    /**
     * The QUIC capture of FoxIO's set: one client Initial. Expected JA4 computed by hand from the FoxIO spec text and
     * tshark 4.0.17's fields of frame 1 ({@code tshark -r quic-tls-handshake.pcapng -Y tls.handshake.type==1 -T fields
     * -e tls.handshake.ciphersuite -e tls.handshake.extension.type -e tls.handshake.sig_hash_alg -e
     * tls.handshake.extensions_alpn_str}): q (QUIC), 13 (supported_versions 0x0304), d (SNI), 03 ciphers, 10
     * extensions, h3 (first ALPN); b = sha256("1301,1302,1303")[:12] = 55b375c5d22e; c = sha256 of the sorted
     * extensions without SNI and ALPN, "_", the signature algorithms in order:
     * "000a,000d,001b,002b,002d,0033,0039,4469_0403,0804,0401,0503,0805,0501,0806,0601,0201"[:12] = cd85d2d88918
     * ({@code printf ... | sha256sum}). FoxIO's Rust snapshot (expected-foxio/rust) gives the same value.
     */
    @Test
    void printsTheQuicConnectionWithItsSniAlpnAndJa4() throws IOException {
        assertThat(run("pcap", "--observer", "tap-1", capture("quic-tls-handshake.pcapng"))).isZero();

        String[] lines = cli.out().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode doc = Json.MAPPER.readTree(lines[0]);
        SchemaAssertions.assertValid(Schema.HANDSHAKE_ECS, doc);
        assertThat(doc.at("/network/transport").asText()).isEqualTo("udp");
        assertThat(doc.at("/tls/client/server_name").asText()).isEqualTo("www.google.com");
        assertThat(doc.at("/tlswatch/client/offered_alpn/0").asText()).isEqualTo("h3");
        assertThat(doc.at("/tlswatch/ja4").asText()).isEqualTo("q13d0310h3_55b375c5d22e_cd85d2d88918");
        // tshark's tls.handshake.ja3 of frame 1 (EXPECTED_CLIENTHELLOS.tsv)
        assertThat(doc.at("/tls/client/ja3").asText()).isEqualTo("0cda1bd7f270e894ed5de2af2f06cb80");
        assertThat(doc.at("/event/id").asText()).isEqualTo("tap-1/192.168.1.168:59102->142.251.163.147:443");
        // one packet: the capture shows no silence, so no verdict either
        assertThat(doc.at("/event/outcome").asText()).isEqualTo("unknown");
        assertThat(cli.err()).contains("quic_datagrams 1").contains("quic_flows_opened 1");

        assertThat(run("pcap", "--format", "text", capture("quic-tls-handshake.pcapng"))).isZero();
        assertThat(cli.out()).contains("www.google.com").contains(" h3 ")
                .contains("q13d0310h3_55b375c5d22e_cd85d2d88918");
    }

    /** tls-handshake.pcapng holds 20 QUIC connections beside its TCP ones; tshark's ClientHello rows name them. */
    @Test
    void quicConnectionsOfAMixedCaptureMatchTsharksClientHellos() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.root().resolve("tls/EXPECTED_CLIENTHELLOS.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f[1].equals("tls-handshake.pcapng") && f[3].isEmpty()) { // no tcp_stream: QUIC
                expected.add(f[4]);
            }
        }
        assertThat(expected).hasSize(20);
        assertThat(run("pcap", capture("tls-handshake.pcapng"))).isZero();

        List<JsonNode> quic = new ArrayList<>();
        for (String line : cli.out().split("\n")) {
            JsonNode doc = Json.MAPPER.readTree(line);
            if (doc.at("/network/transport").asText().equals("udp")) {
                quic.add(doc);
            }
        }
        assertThat(quic).extracting(d -> d.at("/tls/client/server_name").asText())
                .containsExactlyInAnyOrderElementsOf(expected);
        // each got the server's Initial (ServerHello, TLS_AES_128_GCM_SHA256); FoxIO's Rust snapshot: the same JA4
        assertThat(quic).allSatisfy(d -> {
            assertThat(d.at("/event/outcome").asText()).isEqualTo("success");
            assertThat(d.at("/tls/cipher").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
            assertThat(d.at("/tlswatch/ja4").asText()).isEqualTo("q13d0310h3_55b375c5d22e_cd85d2d88918");
        });
    }

    @Test
    void craftedQuicFlowsAreJudgedByWhatTheServerAnswered() throws IOException {
        UdpCapture c = new UdpCapture();
        QuicCaptures.add(c, 50001, 0, QuicCaptures.Answer.SERVER_HELLO);
        QuicCaptures.add(c, 50002, 1_000, QuicCaptures.Answer.ALERT_40);
        QuicCaptures.add(c, 50003, 2_000, QuicCaptures.Answer.ALERT_70);
        QuicCaptures.add(c, 50004, 3_000, QuicCaptures.Answer.SILENCE);
        QuicCaptures.later(c, 15_000_000);
        Path file = c.write(dir.resolve("quic.pcap"));

        assertThat(run("pcap", "--observer", "tap", file.toString())).isZero();
        Map<Integer, JsonNode> byPort = new TreeMap<>();
        for (String line : cli.out().split("\n")) {
            JsonNode doc = Json.MAPPER.readTree(line);
            SchemaAssertions.assertValid(Schema.HANDSHAKE_ECS, doc);
            byPort.put(doc.at("/source/port").asInt(), doc);
        }
        assertThat(byPort).hasSize(4);
        assertThat(byPort.values()).allSatisfy(d -> assertThat(d.at("/network/transport").asText()).isEqualTo("udp"));
        JsonNode ok = byPort.get(50001);
        assertThat(ok.at("/event/outcome").asText()).isEqualTo("success");
        assertThat(ok.at("/tls/client/server_name").asText()).isEqualTo("50001.quic.example");
        JsonNode cipher = byPort.get(50002);
        assertThat(cipher.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(cipher.at("/tlswatch/error_class").asText()).isEqualTo("no_shared_cipher");
        assertThat(cipher.at("/tlswatch/alert/code").asInt()).isEqualTo(40);
        assertThat(cipher.at("/tlswatch/alert/sender").asText()).isEqualTo("server");
        JsonNode version = byPort.get(50003);
        assertThat(version.at("/tlswatch/error_class").asText()).isEqualTo("protocol_version");
        assertThat(version.at("/tlswatch/alert/code").asInt()).isEqualTo(70);
        JsonNode silent = byPort.get(50004);
        assertThat(silent.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(silent.at("/tlswatch/error_class").asText()).isEqualTo("timeout");
        assertThat(cli.err()).contains("4 connections");
    }

    @Test
    void quicPortsAreAnOption() throws IOException {
        UdpCapture c = new UdpCapture();
        c.add(QuicCaptures.T0, QuicCaptures.CLIENT, 50000, QuicCaptures.SERVER, 8443, QuicPackets.initial(
                QuicPackets.V1, true, new byte[8], new byte[8], new byte[4], 0, QuicPackets.crypto(0,
                        QuicPackets.clientHello("alt.example", List.of("h3"), 32)), 1200));
        Path file = c.write(dir.resolve("alt.pcap"));

        assertThat(run("pcap", file.toString())).isZero();
        assertThat(cli.out()).isBlank();
        assertThat(cli.err()).contains("udp_datagrams 1");
        assertThat(run("pcap", "--quic-port", "443,8443", file.toString())).isZero();
        assertThat(cli.out()).contains("alt.example");
    }

    @Test
    void printsATable() {
        assertThat(run("pcap", "--format", "text", capture("g04-tls13-success-alpn.pcap"))).isZero();

        String[] lines = cli.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("CLIENT").contains("SNI", "JA4", "OUTCOME");
        assertThat(lines[1]).contains("127.0.0.1:", "server.test", "1.3", "TLS_AES_", "t13", "success");
    }

    @Test
    void saysWhenTheFileIsNotACapture() throws IOException {
        Path notACapture = Files.writeString(dir.resolve("x.pcap"), "Feb  1 08:00:00 bigip tmm[1]: hello\n");
        assertThat(run("pcap", notACapture.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("not a pcap or pcapng capture");
        assertThat(run("pcap", dir.resolve("missing.pcap").toString())).isNotZero();
        assertThat(cli.err()).contains("no such file");
    }
}
