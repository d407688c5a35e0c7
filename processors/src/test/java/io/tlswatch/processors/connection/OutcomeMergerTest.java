package io.tlswatch.processors.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeOutcome;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which class a connection gets when its F5 lines and its packets both judged it. */
class OutcomeMergerTest {

    @ParameterizedTest(name = "logs {0} + packets {1} = {2}")
    @CsvSource({
        // the F5 reason wins...
        "cert_expired, other_alert, cert_expired",
        "no_shared_cipher, no_shared_cipher, no_shared_cipher",
        "not_tls, peer_abort, not_tls",
        "protocol_version, sslv2_hello, protocol_version",
        // ...unless it only says failed, or "not SSL" where the packets show what the bytes were
        "unclassified, cert_bad, cert_bad",
        "not_tls, proxy_protocol_mismatch, proxy_protocol_mismatch",
        "not_tls, sslv2_hello, sslv2_hello"})
    void theMostSpecificEvidenceNamesTheClass(String logClass, String packetClass, String joined) {
        HandshakeOutcome logs = outcome(logClass, List.of("01260009", "01260013"));
        HandshakeOutcome packets = outcome(packetClass, List.of());

        assertThat(OutcomeMerger.join(logs, packets).errorClass()).isEqualTo(joined);
    }

    private static HandshakeOutcome outcome(String errorClass, List<String> msgids) {
        return new HandshakeOutcome("bigip/198.51.100.7:50123->10.10.1.10:443", "bigip", 1_000L, "tcp", "198.51.100.7",
                50123, "10.10.1.10", 443, null, "failure", errorClass, "client", null, null, null, null, msgids,
                List.of(), null);
    }
}
