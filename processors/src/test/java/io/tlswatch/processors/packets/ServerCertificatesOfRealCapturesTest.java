package io.tlswatch.processors.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.ServerCertificate;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shared capture, through the real reader and the packet verdict: the server leaf certificates in the
 * records are exactly those tshark extracts and OpenSSL reads ({@code wire/expected-server-certificates.tsv},
 * how it was made is in its header), no more (TLS 1.3, client certificates, captures without one), no less.
 */
class ServerCertificatesOfRealCapturesTest {

    private static List<String[]> expected() throws IOException {
        try (InputStream in = ServerCertificatesOfRealCapturesTest.class
                .getResourceAsStream("/wire/expected-server-certificates.tsv")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.startsWith("pcap\t") && !l.isBlank())
                    .map(l -> l.split("\t", -1))
                    .toList();
        }
    }

    private static List<String> split(String s, String separator) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(separator));
    }

    @Test
    void theLeavesInTheRecordsAreTheOnesTsharkAndOpenSslSee() throws IOException {
        Map<String, List<String[]>> byPcap = new HashMap<>();
        for (String[] row : expected()) {
            byPcap.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
        }
        assertThat(byPcap).hasSize(15);
        List<Path> captures;
        try (Stream<Path> files = Files.list(SharedData.root().resolve("tls/pcap"))) {
            captures = files.sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(35);
        int seen = 0;
        for (Path capture : captures) {
            String pcap = capture.getFileName().toString();
            List<ServerCertificate> got = new ArrayList<>();
            for (HandshakeOutcome o : PacketVerdictTest.judge(pcap)) {
                if (o.wire() != null && o.wire().certificate() != null) {
                    got.add(o.wire().certificate());
                }
            }
            List<String[]> want = byPcap.getOrDefault(pcap, List.of());
            assertThat(got.stream().map(ServerCertificate::sha256).sorted().toList()).as(pcap)
                    .isEqualTo(want.stream().map(r -> r[2]).sorted().toList());
            for (String[] row : want) {
                ServerCertificate c = got.stream().filter(g -> g.sha256().equals(row[2])).findFirst().orElseThrow();
                assertThat(c.notBefore()).as(pcap).isEqualTo(row[3]);
                assertThat(c.notAfter()).as(pcap).isEqualTo(row[4]);
                assertThat(c.subjectCommonNames()).as(pcap).isEqualTo(split(row[5], "\\|"));
                assertThat(c.issuerCommonNames()).as(pcap).isEqualTo(split(row[6], "\\|"));
                assertThat(c.dnsNames()).as(pcap).isEqualTo(split(row[7], ","));
                seen++;
            }
        }
        assertThat(seen).isEqualTo(20);
    }
}
