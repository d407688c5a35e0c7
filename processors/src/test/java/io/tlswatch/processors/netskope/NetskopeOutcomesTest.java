package io.tlswatch.processors.netskope;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeEvent.TlsFacts;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetskopeOutcomesTest {
    private static HandshakeEvent event(String clientIp, Integer clientPort, String serverIp, Integer serverPort,
            String errorClass, TlsFacts tls) {
        return new HandshakeEvent("us-sfo1", 1_770_410_130_000L, null, null, null, Kind.PROXY_TLS,
                clientIp == null && serverIp == null ? null : "tcp", clientIp, clientPort, serverIp, serverPort, null,
                null, errorClass == null ? null : "certificate has expired", null, null, errorClass, "a,row",
                HandshakeEvent.SOURCE_NETSKOPE, null, "server", tls, null);
    }

    @Test
    void aFailedSideIsAFailureOfItsClassFromNetskope() {
        HandshakeOutcome o = NetskopeOutcomes.of(event("163.116.140.40", 40001, "2001:DB8::20", 443, "cert_expired",
                new TlsFacts("expired.example.org", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", null, null,
                        "907BF3ECEF1C987C889946B737B43DE8".toLowerCase(java.util.Locale.ROOT), null)));
        assertValidRecord(Schema.HANDSHAKE_OUTCOME, o);
        assertThat(o.connectionId()).isEqualTo("us-sfo1/163.116.140.40:40001->[2001:db8::20]:443");
        assertThat(o.outcome()).isEqualTo("failure");
        assertThat(o.errorClass()).isEqualTo("cert_expired");
        assertThat(o.side()).isEqualTo("server");
        assertThat(o.isNetskope()).isTrue();
        assertThat(o.reason()).isEqualTo("certificate has expired");
        assertThat(o.lines()).containsExactly("a,row");
        assertThat(o.msgids()).isEmpty();
        assertThat(o.wire().sni()).isEqualTo("expired.example.org");
        assertThat(o.wire().version()).isEqualTo("1.2");
        assertThat(o.wire().versionProtocol()).isEqualTo("tls");
        assertThat(o.wire().packets()).isFalse();
        assertThat(o.vip()).isEqualTo("[2001:db8::20]:443");
        // tagging and enrichment keep the source
        assertThat(o.taggedScanner("x").withInventory(null, "server").isNetskope()).isTrue();
    }

    @Test
    void aSideWithoutErrorIsASuccessAndMissingEndpointsStillNameTheConnection() {
        HandshakeOutcome o = NetskopeOutcomes.of(event("10.0.0.7", null, null, null, null, null));
        assertValidRecord(Schema.HANDSHAKE_OUTCOME, o);
        assertThat(o.outcome()).isEqualTo("success");
        assertThat(o.errorClass()).isNull();
        assertThat(o.wire()).isNull();
        assertThat(o.connectionId()).isEqualTo("us-sfo1/10.0.0.7->unknown");
        assertThat(o.vip()).isEqualTo("unknown");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(nullValues = "null", value = {
            "TLSv1.3, tls, 1.3", "TLSv1.2, tls, 1.2", "TLSv1, tls, 1.0", "tlsv1.1, tls, 1.1", "SSLv3, ssl, 3.0",
            "TLS 1.3, tls, 1.3", "TLSv1.3.1, null, null", "TLS, null, null", "QUIC, null, null", "TLSvX.Y, null, null"})
    void versionsAsEcsWritesThem(String printed, String protocol, String number) {
        String[] v = NetskopeOutcomes.version(printed);
        if (protocol == null) {
            assertThat(v).isNull();
        } else {
            assertThat(v).containsExactly(protocol, number);
        }
    }
}
