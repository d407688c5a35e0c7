package io.tlswatch.processors.rates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.ServerCertificate;
import io.tlswatch.schemas.WireFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceTest {
    private static RateInput failure(String sni, String ip, String line) {
        return new RateInput(RateInput.FAILURE, 1000, "b", "10.0.0.1:443", null, "cert_bad", null, sni, ip,
                "t13d_ja4", List.of("1.2", "1.3"), line, 0, 0);
    }

    @Test
    void keepsTheTopValuesAndAtMostThreeLines() {
        Evidence e = new Evidence();
        for (int i = 0; i < 10; i++) {
            e.add(failure(i < 7 ? "shop.example.com" : "api.example.com", "198.51.100." + i, "line " + i));
        }
        assertThat(Evidence.top(e.snis, 5)).containsExactly(
                Map.of("value", "shop.example.com", "count", 7L), Map.of("value", "api.example.com", "count", 3L));
        assertThat(Evidence.first(e.snis)).isEqualTo("shop.example.com");
        assertThat(e.networks).containsExactly(Map.entry("198.51.100.0/24", 10L));
        assertThat(e.versions).containsEntry("1.3", 10L);
        assertThat(e.lines).containsExactly("line 0", "line 1", "line 2");
        assertThat(e.sinceMs).isEqualTo(1000);
    }

    @Test
    void aFloodOfDistinctHostileValuesStaysBounded() {
        Evidence e = new Evidence();
        String huge = "x".repeat(100_000);
        for (int i = 0; i < 10_000; i++) {
            e.add(failure("sni-" + i + ".example.com", "2001:db8:" + Integer.toHexString(i) + "::1", huge));
        }
        assertThat(e.snis).hasSizeLessThanOrEqualTo(Evidence.MAX_KEYS + 1).containsEntry(Evidence.OTHER,
                10_000L - Evidence.MAX_KEYS);
        assertThat(e.networks).hasSizeLessThanOrEqualTo(Evidence.MAX_KEYS + 1);
        assertThat(e.lines).hasSize(Evidence.MAX_LINES).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(1024));
        assertThat(e.failures).isEqualTo(10_000);
        // "other" is never named the top SNI
        Evidence flood = new Evidence();
        for (int i = 0; i < 200; i++) {
            flood.add(failure("s" + i, null, null));
        }
        assertThat(Evidence.first(flood.snis)).isNotEqualTo(Evidence.OTHER);
    }
    private static HandshakeOutcome withCertificate(String errorClass) {
        ServerCertificate c = new ServerCertificate("2026-11-27T08:28:19Z", "2029-03-01T08:28:19Z",
                List.of("server.test"), List.of("Research Test CA"), List.of("server.test"),
                "11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
        WireFacts w = new WireFacts("server.test", "1.2", "tls", null, null, null, null, null, null, null, null, true,
                1L, 4L, c, null, null);
        return new HandshakeOutcome("tap/127.0.0.1:37974->127.0.0.18:443", "tap", 1L, "tcp", "127.0.0.1", 37974,
                "127.0.0.18", 443, null, "failure", errorClass, "client", 45, "client", null, "alert 45", List.of(),
                List.of(), w);
    }

    @Test
    void certificateFailuresSeenInPacketsTallyTheServerCertificate() {
        RateInput expired = RateInput.of(withCertificate("cert_expired"), 1000);
        RateInput cipher = RateInput.of(withCertificate("no_shared_cipher"), 1000);
        Evidence e = new Evidence();
        e.add(expired);
        e.add(expired);
        e.add(cipher);

        assertThat(expired.certificate()).isEqualTo(
                "CN=server.test issuer=Research Test CA not_after=2029-03-01T08:28:19Z sha256=11773D417B81B815");
        // other classes do not carry it across the repartition
        assertThat(cipher.certificate()).isNull();
        assertThat(e.certificates).containsExactly(Map.entry(expired.certificate(), 2L));
        // the time-shifted and scanner-tagged copies keep it
        assertThat(expired.at(5000).certificate()).isEqualTo(expired.certificate());
        assertThat(expired.withScanner("x").certificate()).isEqualTo(expired.certificate());
    }

    private static HandshakeOutcome offering(String errorClass, List<String> ciphers) {
        WireFacts w = new WireFacts("shop.example.com", null, null, null, null, ciphers, List.of("1.2"), null, null,
                null, null, true, 1L, 4L, null, null, null);
        return new HandshakeOutcome("tap/127.0.0.1:37974->127.0.0.18:443", "tap", 1L, "tcp", "127.0.0.1", 37974,
                "127.0.0.18", 443, null, "failure", errorClass, "client", 40, "server", null, "alert 40", List.of(),
                List.of(), w);
    }

    @Test
    void noSharedCipherFailuresTallyTheClientsCipherLists() {
        List<String> legacy = List.of("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        RateInput cipher = RateInput.of(offering("no_shared_cipher", legacy), 1000);
        RateInput version = RateInput.of(offering("protocol_version", legacy), 1000);
        Evidence e = new Evidence();
        e.add(cipher);
        e.add(cipher);
        e.add(version);

        assertThat(cipher.offeredCiphers()).isEqualTo("TLS_RSA_WITH_RC4_128_SHA,TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        // other classes do not carry the list across the repartition
        assertThat(version.offeredCiphers()).isNull();
        assertThat(e.cipherLists).containsExactly(Map.entry(cipher.offeredCiphers(), 2L));
        assertThat(cipher.at(5000).offeredCiphers()).isEqualTo(cipher.offeredCiphers());
        assertThat(cipher.withScanner("x").offeredCiphers()).isEqualTo(cipher.offeredCiphers());
    }

    @Test
    void cipherListsStayBounded() {
        Evidence e = new Evidence();
        for (int i = 0; i < 50; i++) {
            List<String> suites = new java.util.ArrayList<>();
            for (int j = 0; j < 400; j++) {
                suites.add("TLS_SUITE_" + i + "_" + j);
            }
            RateInput r = RateInput.of(offering("no_shared_cipher", suites), 1000);
            assertThat(r.offeredCiphers()).hasSizeLessThanOrEqualTo(Evidence.MAX_CIPHER_LIST_CHARS).endsWith("_" + i
                    + "_" + (r.offeredCiphers().split(",").length - 1));
            e.add(r);
        }
        assertThat(e.cipherLists).hasSize(Evidence.MAX_CIPHER_LISTS + 1).containsEntry(Evidence.OTHER,
                50L - Evidence.MAX_CIPHER_LISTS);
    }
}
