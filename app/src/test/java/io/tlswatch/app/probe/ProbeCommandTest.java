package io.tlswatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ProbeReport;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SchemaAssertions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlswatch probe} against TLS servers this test starts on loopback, with certificates it makes: an expired
 * certificate, a missing intermediate, a SAN that does not match, a TLS 1.3-only server, cipher overlap, and the
 * one-line errors of a refused, silent or unresolvable target. Each report is read from {@code --json} (and
 * validated against its schema), field by field.
 */
class ProbeCommandTest {
    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;

    @TempDir
    static Path dir;
    private static Path rootPem;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void pki() throws IOException {
        root = TestPki.root("CN=tlswatch test root,O=tlswatch");
        intermediate = TestPki.ca(root, "CN=tlswatch test issuing CA,O=tlswatch");
        rootPem = TestPki.pem(dir.resolve("root.pem"), root.cert());
    }

    private ProbeReport probe(int expectedExit, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("probe", "--json", "--timeout", "3s"));
        all.addAll(List.of(args));
        int exit = cli.run(all.toArray(String[]::new));
        assertThat(exit).as("exit code; stderr: %s; stdout: %s", cli.err(), cli.out()).isEqualTo(expectedExit);
        String json = cli.out().strip();
        SchemaAssertions.assertValid(Schema.PROBE_REPORT, Json.MAPPER.readTree(json));
        return Json.MAPPER.readValue(json, ProbeReport.class);
    }

    private static X509Certificate[] chain(TestPki.Issued... certs) {
        X509Certificate[] out = new X509Certificate[certs.length];
        for (int i = 0; i < certs.length; i++) {
            out[i] = certs[i].cert();
        }
        return out;
    }

    @Test
    void aCompleteValidChainIsReportedWithoutProblem() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(intermediate, "CN=shop.example.com", "shop.example.com");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf, intermediate))) {
            ProbeReport r = probe(0, server.target(), "--sni", "shop.example.com", "--ca-file", rootPem.toString());

            assertThat(r.error()).isNull();
            assertThat(r.address()).isEqualTo("127.0.0.1");
            assertThat(r.problems()).isEmpty();
            ProbeReport.NameCheck n = r.names().get(0);
            assertThat(n.sni()).isEqualTo("shop.example.com");
            assertThat(n.error()).isNull();
            assertThat(n.protocol()).isEqualTo("TLSv1.3");
            assertThat(n.chain()).extracting(ProbeReport.Certificate::subject)
                    .containsExactly("CN=shop.example.com", "O=tlswatch,CN=tlswatch test issuing CA");
            assertThat(n.chain().get(0).issuer()).isEqualTo("O=tlswatch,CN=tlswatch test issuing CA");
            assertThat(n.chain().get(0).san()).containsExactly("shop.example.com");
            assertThat(n.chain().get(0).expired()).isFalse();
            assertThat(n.trusted()).isTrue();
            assertThat(n.trustError()).isNull();
            assertThat(n.missingIntermediate()).isFalse();
            assertThat(n.sanMatch()).isTrue();
            // the JDK's default server: TLS 1.2 and 1.3, never 1.0 or 1.1
            assertThat(r.versions()).extracting(ProbeReport.VersionCheck::version, ProbeReport.VersionCheck::accepted)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0", false),
                            org.assertj.core.groups.Tuple.tuple("1.1", false),
                            org.assertj.core.groups.Tuple.tuple("1.2", true),
                            org.assertj.core.groups.Tuple.tuple("1.3", true));
        }
    }

    @Test
    void anExpiredCertificateIsReported() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued leaf = TestPki.leaf(root, "CN=old.example.com", now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(10)), "old.example.com");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf))) {
            ProbeReport r = probe(ProbeCommand.EXIT_PROBLEMS, server.target(), "--sni", "old.example.com",
                    "--ca-file", rootPem.toString());

            ProbeReport.NameCheck n = r.names().get(0);
            ProbeReport.Certificate c = n.chain().get(0);
            assertThat(c.expired()).isTrue();
            assertThat(c.notYetValid()).isFalse();
            assertThat(Instant.parse(c.notAfter())).isBefore(now);
            // the trust-all handshake still completed: the chain is seen, then refused apart
            assertThat(n.error()).isNull();
            assertThat(n.trusted()).isFalse();
            assertThat(n.trustError()).containsIgnoringCase("expired");
            assertThat(n.missingIntermediate()).isFalse();
            assertThat(n.sanMatch()).isTrue();
            assertThat(r.problems()).singleElement().asString()
                    .startsWith("SNI old.example.com: certificate CN=old.example.com expired on ");
        }
    }

    @Test
    void aMissingIntermediateIsReportedWithTheIssuerItNeeds() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(intermediate, "CN=shop.example.com", "shop.example.com");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf))) {
            ProbeReport r = probe(ProbeCommand.EXIT_PROBLEMS, server.target(), "--sni", "shop.example.com",
                    "--ca-file", rootPem.toString());

            ProbeReport.NameCheck n = r.names().get(0);
            assertThat(n.chain()).hasSize(1);
            assertThat(n.missingIntermediate()).isTrue();
            assertThat(n.missingIssuer()).isEqualTo("O=tlswatch,CN=tlswatch test issuing CA");
            assertThat(n.trusted()).isFalse();
            assertThat(n.chain().get(0).expired()).isFalse();
            assertThat(n.sanMatch()).isTrue();
            assertThat(r.problems()).singleElement().asString()
                    .contains("missing intermediate").contains("O=tlswatch,CN=tlswatch test issuing CA");
        }
    }

    @Test
    void aSanThatDoesNotMatchTheSniIsReportedAndAWildcardMatchesOneLabel() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(root, "CN=other.example.net", "other.example.net", "*.example.org");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf))) {
            ProbeReport r = probe(ProbeCommand.EXIT_PROBLEMS, server.target(), "--sni", "shop.example.com",
                    "--sni", "www.example.org", "--sni", "a.b.example.org", "--ca-file", rootPem.toString());

            assertThat(r.names()).extracting(ProbeReport.NameCheck::sni, ProbeReport.NameCheck::sanMatch)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop.example.com", false),
                            org.assertj.core.groups.Tuple.tuple("www.example.org", true),
                            org.assertj.core.groups.Tuple.tuple("a.b.example.org", false));
            assertThat(r.names()).allSatisfy(n -> assertThat(n.trusted()).isTrue());
            assertThat(r.problems()).containsExactly(
                    "SNI shop.example.com: no SAN of the certificate matches shop.example.com (DNS names:"
                            + " other.example.net, *.example.org)",
                    "SNI a.b.example.org: no SAN of the certificate matches a.b.example.org (DNS names:"
                            + " other.example.net, *.example.org)");
        }
    }

    @Test
    void aTls13OnlyServerAcceptsOnlyTls13() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(root, "CN=modern.example.com", "modern.example.com");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf), "TLSv1.3")) {
            ProbeReport r = probe(0, server.target(), "--sni", "modern.example.com", "--ca-file", rootPem.toString());

            assertThat(r.names().get(0).protocol()).isEqualTo("TLSv1.3");
            assertThat(r.versions()).extracting(ProbeReport.VersionCheck::version, ProbeReport.VersionCheck::accepted)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0", false),
                            org.assertj.core.groups.Tuple.tuple("1.1", false),
                            org.assertj.core.groups.Tuple.tuple("1.2", false),
                            org.assertj.core.groups.Tuple.tuple("1.3", true));
            assertThat(r.versions().get(3).detail()).startsWith("ServerHello TLS 1.3, TLS_AES_");
            assertThat(r.versions().get(2).detail()).startsWith("alert ");
        }
    }

    @Test
    void aTls10OnlyServerAnswersEveryHelloWithTls10() throws Exception {
        // ServerHello { version 0x0301, random, empty session id, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, null }
        byte[] hello = new byte[2 + 32 + 1 + 2 + 1];
        hello[0] = 3;
        hello[1] = 1;
        hello[35] = (byte) 0xc0;
        hello[36] = 0x13;
        byte[] answer = new byte[5 + 4 + hello.length];
        answer[0] = 22;
        answer[1] = 3;
        answer[2] = 1;
        answer[4] = (byte) (4 + hello.length);
        answer[5] = 2;
        answer[8] = (byte) hello.length;
        System.arraycopy(hello, 0, answer, 9, hello.length);
        try (TlsTestServer server = TlsTestServer.answering(answer)) {
            ProbeReport r = probe(ProbeCommand.EXIT_PROBLEMS, server.target(), "--sni", "old.example.com");

            assertThat(r.versions()).extracting(ProbeReport.VersionCheck::version, ProbeReport.VersionCheck::accepted)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0", true),
                            org.assertj.core.groups.Tuple.tuple("1.1", false),
                            org.assertj.core.groups.Tuple.tuple("1.2", false),
                            org.assertj.core.groups.Tuple.tuple("1.3", false));
            // a lower version than the one offered refuses it, and says which
            assertThat(r.versions()).extracting(ProbeReport.VersionCheck::detail)
                    .containsOnly("ServerHello TLS 1.0, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
            // the JDK's client offers no TLS 1.0: the chain of such a server is not seen, and the report says so
            ProbeReport.NameCheck n = r.names().get(0);
            assertThat(n.chain()).isEmpty();
            assertThat(n.error()).startsWith("handshake failed: ");
            assertThat(r.problems()).singleElement().asString().startsWith("SNI old.example.com: handshake failed: ");
        }
    }

    @Test
    void theClientsCiphersAreOfferedAsTheyCame() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(root, "CN=shop.example.com", "shop.example.com");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf))) {
            ProbeReport refused = probe(ProbeCommand.EXIT_PROBLEMS, server.target(), "--sni", "shop.example.com",
                    "--ca-file", rootPem.toString(), "--ciphers", "TLS_RSA_WITH_RC4_128_SHA,0x000a,NOT_A_SUITE");

            assertThat(refused.ciphers().offered())
                    .containsExactly("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
            assertThat(refused.ciphers().unknown()).containsExactly("NOT_A_SUITE");
            assertThat(refused.ciphers().accepted()).isFalse();
            assertThat(refused.ciphers().detail()).startsWith("TLS 1.2 hello: alert 40 handshake_failure");
            assertThat(refused.problems()).containsExactly("none of the 2 offered cipher suites is accepted");
        }
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf))) {
            CommandRun again = new CommandRun();
            assertThat(again.run("probe", "--json", server.target(), "--sni", "shop.example.com", "--ca-file",
                    rootPem.toString(), "--ciphers", "TLS_RSA_WITH_RC4_128_SHA,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                    .isZero();
            ProbeReport accepted = Json.MAPPER.readValue(again.out(), ProbeReport.class);
            assertThat(accepted.ciphers().accepted()).isTrue();
            assertThat(accepted.ciphers().chosen()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(accepted.ciphers().version()).isEqualTo("1.2");
        }
    }

    @Test
    void theTextReportListsTheChainAndTheProblems() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(intermediate, "CN=shop.example.com", "shop.example.com");
        try (TlsTestServer server = TlsTestServer.start(leaf.keys().getPrivate(), chain(leaf))) {
            assertThat(cli.run("probe", server.target(), "--sni", "shop.example.com", "--ca-file", rootPem.toString()))
                    .isEqualTo(ProbeCommand.EXIT_PROBLEMS);

            assertThat(cli.out())
                    .contains("SNI shop.example.com: TLSv1.3 TLS_")
                    .contains("  0 CN=shop.example.com")
                    .contains("      issuer O=tlswatch,CN=tlswatch test issuing CA")
                    .contains("  missing intermediate: issuer O=tlswatch,CN=tlswatch test issuing CA")
                    .contains("  SAN vs SNI: matches shop.example.com")
                    .contains("  TLS 1.2  accepted")
                    .contains("  TLS 1.0  refused")
                    .contains("problems:\n  - SNI shop.example.com: missing intermediate");
        }
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(cli.run("probe", "127.0.0.1:" + port)).isEqualTo(1);

        assertThat(cli.err().strip()).isEqualTo("tlswatch: connection refused by 127.0.0.1:" + port);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (TlsTestServer server = TlsTestServer.silent()) {
            long t0 = System.nanoTime();
            assertThat(cli.run("probe", server.target(), "--timeout", "300ms")).isEqualTo(1);

            assertThat(cli.err().strip()).startsWith("tlswatch: 127.0.0.1:" + server.port()
                    + " accepted the connection but gave no TLS answer: no TLS answer within 300 ms");
            // one handshake and four hellos, each bounded by the timeout
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnresolvableNameIsOneLineAndExitOne() {
        assertThat(cli.run("probe", "no-such-host.invalid:443")).isEqualTo(1);

        assertThat(cli.err().strip()).isEqualTo("tlswatch: cannot resolve no-such-host.invalid: no such host");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(cli.run("probe", "shop.example.com")).isEqualTo(2);
        assertThat(cli.err()).contains("not HOST:PORT: 'shop.example.com'");
        assertThat(cli.run("probe", "2001:db8::1:443")).isEqualTo(2);
        assertThat(cli.err()).contains("write an IPv6 address in brackets");
        assertThat(cli.run("probe", "127.0.0.1:443", "--sni", "10.1.1.1")).isEqualTo(2);
        assertThat(cli.err()).contains("--sni: '10.1.1.1' is an IP address");
        // the JDK's TLS client sends no SNI with an underscore (nor do JSSE servers take one)
        assertThat(cli.run("probe", "127.0.0.1:443", "--sni", "my_host.example.org")).isEqualTo(2);
        assertThat(cli.err()).contains("--sni: 'my_host.example.org' is not a host name");
        assertThat(cli.run("probe", "127.0.0.1:443", "--timeout", "0s")).isEqualTo(2);
        assertThat(cli.err()).contains("--timeout: a positive duration is needed");
        assertThat(cli.run("probe", "127.0.0.1:443", "--ca-file", dir.resolve("nope.pem").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--ca-file " + dir.resolve("nope.pem") + ": no such file");
    }
}
