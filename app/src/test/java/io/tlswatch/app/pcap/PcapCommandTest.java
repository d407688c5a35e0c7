package io.tlswatch.app.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.ingest.pcap.CaptureHost;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SchemaAssertions;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
