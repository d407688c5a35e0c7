package io.tlswatch.processors.packets;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.pcap.CapturedConnection;
import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each generated capture was made to show one outcome (its file name says which, DESIGN §7 says the class):
 * the packets alone must give exactly that, with the alert and its sender.
 */
class PacketVerdictTest {

    static List<HandshakeOutcome> judge(String pcap) throws IOException {
        List<CapturedConnection> connections = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.root().resolve("tls/pcap").resolve(pcap))) {
            CaptureReader.readConnections(in, CaptureSettings.defaults("tap-1"), connections::add);
        }
        PacketVerdict verdict = new PacketVerdict();
        List<HandshakeOutcome> outcomes = new ArrayList<>();
        for (CapturedConnection c : connections) {
            // through f5.packets' own record, as the Streams path sees it
            List<PacketSummary> summaries = c.flights().stream().map(f -> f.toPacketSummary()).toList();
            HandshakeOutcome o = verdict.judge(WireConnection.of(summaries));
            assertValidRecord(o);
            EcsHandshake ecs = EcsMapper.toEcs(o);
            assertValidRecord(ecs);
            outcomes.add(o);
        }
        return outcomes;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            g01-tls10-success.pcap                                 | success | -                       | -   | -
            g02-tls11-success.pcap                                 | success | -                       | -   | -
            g03-tls12-success-alpn.pcap                            | success | -                       | -   | -
            g04-tls13-success-alpn.pcap                            | success | -                       | -   | -
            g05-tls12-alert40-cipher-mismatch.pcap                 | failure | no_shared_cipher        | 40  | server
            g06-alert70-protocol-version.pcap                      | failure | protocol_version        | 70  | server
            g07-tls12-alert48-unknown-ca.pcap                      | failure | cert_untrusted          | 48  | client
            g08-tls12-alert45-cert-expired.pcap                    | failure | cert_expired            | 45  | client
            g09-tls12-alert42-bad-cert-hostname.pcap               | failure | cert_bad                | 42  | client
            g10-alert112-unrecognized-name-fatal.pcap              | failure | sni_unrecognized        | 112 | server
            g11-tls12-warn112-unrecognized-name-then-success.pcap  | success | -                       | 112 | server
            g12-tls13-alert120-no-application-protocol.pcap        | failure | no_application_protocol | 120 | server
            g13-tls12-alert120-no-application-protocol.pcap        | failure | no_application_protocol | 120 | server
            g14-tls13-alert48-unknown-ca-client-plaintext.pcap     | failure | cert_untrusted          | 48  | client
            g15-tls12-client-cert-required-alert40.pcap            | failure | client_cert_required    | 40  | server
            g16-tls12-client-cert-untrusted-alert48.pcap           | failure | client_cert_rejected    | 48  | server
            g17-tls13-hello-retry-request.pcap                     | success | -                       | -   | -
            g18-http-request-to-tls-port.pcap                      | failure | not_tls                 | -   | -
            g19-proxy-v1-tls13-coalesced.pcap                      | success | -                       | -   | -
            g20-proxy-v2-tls12-separate-segment.pcap               | success | -                       | -   | -
            g21-proxy-v2-tls13-coalesced.pcap                      | success | -                       | -   | -
            g22-split-clienthello-3-segments-tls13.pcap            | success | -                       | -   | -
            g23-tls13-client-cert-untrusted-encrypted-alert.pcap   | failure | other_alert             | -   | server
            badcurveball.pcap                                      | failure | cert_bad                | 46  | client
            """)
    void eachGeneratedCaptureGivesItsOutcome(String pcap, String outcome, String errorClass, Integer alert,
            String sender) throws IOException {
        List<HandshakeOutcome> outcomes = judge(pcap);
        assertThat(outcomes).hasSize(1);
        HandshakeOutcome o = outcomes.get(0);
        assertThat(o.outcome()).as("outcome (%s)", o.reason()).isEqualTo(outcome);
        assertThat(o.errorClass()).as("class (%s)", o.reason()).isEqualTo(errorClass);
        assertThat(o.alertCode()).isEqualTo(alert);
        assertThat(o.alertSender()).isEqualTo(sender);
        assertThat(o.serverPort()).isEqualTo(443);
        assertThat(o.wire()).isNotNull();
        assertThat(o.wire().communityId()).startsWith("1:");
    }

    @Test
    void successCarriesTheNegotiatedFieldsAndFingerprints() throws IOException {
        HandshakeOutcome o = judge("g04-tls13-success-alpn.pcap").get(0);
        assertThat(o.wire().version()).isEqualTo("1.3");
        assertThat(o.wire().versionProtocol()).isEqualTo("tls");
        assertThat(o.wire().cipher()).startsWith("TLS_");
        // TLS 1.3 selects the protocol in EncryptedExtensions: the packets cannot show it
        assertThat(o.wire().alpn()).isNull();
        assertThat(o.wire().ja3()).matches("[0-9a-f]{32}");
        assertThat(o.wire().ja3s()).matches("[0-9a-f]{32}");
        assertThat(o.wire().ja4()).startsWith("t13");
        assertThat(o.wire().offeredVersions()).contains("1.3");

        EcsHandshake ecs = EcsMapper.toEcs(o);
        assertThat(ecs.tls().established()).isTrue();
        assertThat(ecs.tls().nextProtocol()).isNull();
        assertThat(ecs.tls().client().serverName()).isEqualTo(o.wire().sni());
        assertThat(ecs.tlswatch().ja4()).isEqualTo(o.wire().ja4());
        assertThat(ecs.tlswatch().evidence().packets()).isTrue();
        assertThat(ecs.network().communityId()).isEqualTo(o.wire().communityId());
    }

    @Test
    void tls12ShowsTheSelectedProtocol() throws IOException {
        HandshakeOutcome o = judge("g03-tls12-success-alpn.pcap").get(0);
        assertThat(o.wire().version()).isEqualTo("1.2");
        assertThat(o.wire().alpn()).isEqualTo("h2");
        assertThat(EcsMapper.toEcs(o).tls().nextProtocol()).isEqualTo("h2");
    }

    @Test
    void aClientThatSaysNothingIsNotAHandshake() {
        WireFlight syn = new WireFlight(new byte[0], 0, 1_000, 1_000, true, true, false, 0, 0, "fin");
        HandshakeOutcome o = new PacketVerdict().judge(new WireConnection("tap/10.0.0.1:5->10.0.0.2:443", "tap",
                "tcp", "10.0.0.1", 5, "10.0.0.2", 443, null, List.of(syn), List.of()));
        assertThat(o.outcome()).isEqualTo("unknown");
        assertThat(o.errorClass()).isNull();
        assertValidRecord(o);
    }
}
