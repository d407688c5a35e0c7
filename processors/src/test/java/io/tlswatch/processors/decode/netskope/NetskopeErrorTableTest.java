package io.tlswatch.processors.decode.netskope;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.classify.ErrorClass;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetskopeErrorTableTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            error:0A00010B:SSL routines::wrong version number | NOT_TLS
            Not SSL traffic                                   | NOT_TLS
            Malformed SSL                                     | NOT_TLS
            inappropriate fallback                            | INAPPROPRIATE_FALLBACK
            peer did not return a certificate                 | CLIENT_CERT_REQUIRED
            client certificate required                       | CLIENT_CERT_REQUIRED
            certificate expired                               | CERT_EXPIRED
            Certificate Expired                               | CERT_EXPIRED
            certificate revoked                               | CERT_REVOKED
            self signed certificate in certificate chain      | CERT_UNTRUSTED
            unable to get local issuer certificate            | CERT_UNTRUSTED
            tlsv1 alert unknown ca                            | CERT_UNTRUSTED
            Untrusted Root                                    | CERT_UNTRUSTED
            Incomplete Chain                                  | CERT_UNTRUSTED
            no shared cipher                                  | NO_SHARED_CIPHER
            cipher mismatch                                   | NO_SHARED_CIPHER
            no application protocol                           | NO_APPLICATION_PROTOCOL
            unsupported protocol                              | PROTOCOL_VERSION
            tlsv1 alert protocol version                      | PROTOCOL_VERSION
            unrecognized name                                 | SNI_UNRECOGNIZED
            hostname mismatch                                 | CERT_BAD
            sslv3 alert bad certificate                       | CERT_BAD
            handshake timed out                               | TIMEOUT
            connection reset by peer                          | PEER_ABORT
            unexpected eof while reading                      | PEER_ABORT
            decode error                                      | DECODE_ERROR
            internal error                                    | INTERNAL_ERROR
            Yes                                               | UNCLASSIFIED
            handshake failure                                 | UNCLASSIFIED
            sslv3 alert handshake failure                     | OTHER_ALERT
            tlsv1 alert access denied                         | OTHER_ALERT
            SSLv2 hello refused                               | SSLV2_HELLO
            """)
    void errorTextsMapToDesignClasses(String text, ErrorClass expected) {
        assertThat(NetskopeErrorTable.fromText(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sslv3 alert bad certificate        | CLIENT_CERT_REJECTED
            tlsv1 alert unknown ca             | CLIENT_CERT_REJECTED
            sslv3 alert certificate expired    | CLIENT_CERT_REJECTED
            tlsv13 alert certificate required  | CLIENT_CERT_REQUIRED
            certificate verify failed          | CERT_UNTRUSTED
            certificate has expired            | CERT_EXPIRED
            tlsv1 alert protocol version       | PROTOCOL_VERSION
            """)
    void alertsFromTheOriginAboutACertificateRefuseNetskopes(String text, ErrorClass expected) {
        assertThat(NetskopeErrorTable.fromOriginText(text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void everyClassButTheBigIpOnesCanBeNamed() {
        java.util.Set<ErrorClass> reached = java.util.EnumSet.noneOf(ErrorClass.class);
        for (String text : List.of("wrong version number", "sslv2", "fallback", "client cert", "expired", "revoked",
                "unknown ca", "no shared cipher", "no application protocol", "protocol version", "unrecognized name",
                "bad certificate", "timed out", "reset", "decode error", "internal error", "alert access denied",
                "something new")) {
            reached.add(NetskopeErrorTable.fromText(text));
        }
        reached.add(NetskopeErrorTable.fromOriginText("sslv3 alert bad certificate"));
        assertThat(java.util.EnumSet.complementOf(java.util.EnumSet.copyOf(reached)))
                .containsExactlyInAnyOrder(ErrorClass.PROXY_PROTOCOL_MISMATCH, ErrorClass.TPS_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", "NotChecked", "notchecked", "NotAvailable", "N/A", "Unknown"})
    void placeholdersSayNothing(String value) {
        assertThat(NetskopeErrorTable.isPlaceholder(value)).isTrue();
        assertThat(NetskopeErrorTable.isValue(value)).isFalse();
        assertThat(NetskopeErrorTable.isYes(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"No", "no", "None", "false", "0"})
    void noIsAnAnswerButNotAValue(String value) {
        assertThat(NetskopeErrorTable.isPlaceholder(value)).isFalse();
        assertThat(NetskopeErrorTable.isNo(value)).isTrue();
        assertThat(NetskopeErrorTable.isValue(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Yes", "yes", "true", "1", " Yes "})
    void yesIsAFlag(String value) {
        assertThat(NetskopeErrorTable.isYes(value)).isTrue();
        assertThat(NetskopeErrorTable.isValue(value)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void nullIsAPlaceholderAndUnclassified() {
        assertThat(NetskopeErrorTable.isPlaceholder(null)).isTrue();
        assertThat(NetskopeErrorTable.isYes(null)).isFalse();
        assertThat(NetskopeErrorTable.isNo(null)).isFalse();
        assertThat(NetskopeErrorTable.fromText(null)).isEqualTo(ErrorClass.UNCLASSIFIED);
        assertThat(NetskopeErrorTable.fromText("x".repeat(10_000) + "expired")).isEqualTo(ErrorClass.UNCLASSIFIED);
    }
}
