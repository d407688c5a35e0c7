package io.tlswatch.processors.decode;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every line of {@code shared/data/f5/real-lines.jsonl}, field by field. Expected values are read off the
 * lines by hand (DESIGN §4), not produced by the decoder.
 */
class RealLinesTest {
    private static final long NOW = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final LogDecoder DECODER = new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown");
    /** jsonl line number (1-based) → the line. */
    private static final Map<Integer, String> LINES = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        List<String> rows = Files.readAllLines(SharedData.f5("real-lines.jsonl"));
        for (int i = 0; i < rows.size(); i++) {
            LINES.put(i + 1, Json.MAPPER.readTree(rows.get(i)).get("line").asText());
        }
    }

    private static LogDecodeResult decode(int n) {
        return DECODER.decode(LINES.get(n).getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static HandshakeEvent event(int n) {
        LogDecodeResult r = decode(n);
        assertThat(r).as("line %d: %s", n, LINES.get(n)).isInstanceOf(LogDecodeResult.Decoded.class);
        HandshakeEvent e = ((LogDecodeResult.Decoded) r).event();
        assertValidRecord(Schema.HANDSHAKE_EVENT, e);
        return e;
    }

    private static final List<Integer> DECODED = List.of(6, 8, 16, 20, 21, 22, 36, 37, 38, 39, 40, 41, 42, 43, 44, 48);

    @Test
    void everyOtherLineIsDroppedAsNotTls() {
        assertThat(LINES).hasSize(48);
        for (int n = 1; n <= 48; n++) {
            if (!DECODED.contains(n)) {
                assertThat(decode(n)).as("line %d: %s", n, LINES.get(n)).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
            }
        }
    }

    @Test
    void handshakeFailedLines() {
        for (int n : List.of(6, 16)) {
            HandshakeEvent e = event(n);
            assertThat(e.observer()).isEqualTo(n == 6 ? "sv5-f5-5600-2" : "unknown");
            assertThat(e.process()).isEqualTo("tmm");
            assertThat(e.pid()).isEqualTo(23068);
            assertThat(e.msgid()).isEqualTo("01260013");
            assertThat(e.kind()).isEqualTo(Kind.HANDSHAKE_FAILED);
            assertThat(e.transport()).isEqualTo("tcp");
            assertThat(List.of(e.clientIp(), e.clientPort(), e.serverIp(), e.serverPort()))
                    .containsExactly("10.160.23.133", 50365, "10.156.1.150", 443);
            assertThat(e.routeDomain()).isNull();
            assertThat(e.errorClass()).isEqualTo("unclassified");
            assertThat(e.source()).isEqualTo("f5");
        }
        assertThat(event(6).timestampMs()).isEqualTo(Instant.parse("2026-01-17T03:37:54Z").toEpochMilli());
        assertThat(event(16).timestampAdjusted()).as("no stamp in a header-stripped line").isTrue();
    }

    @Test
    void connectionErrorLines() {
        expectConnectionError(8, "sv5-f5-5600-2", "tmm1", 23068, "ssl_passthru", "not SSL", 40, "not_tls");
        expectConnectionError(20, "unknown", "tmm1", 23068, "ssl_passthru", "not SSL", 40, "not_tls");
        expectConnectionError(21, "unknown", "tmm1", 75593, "ssl_hs_rxhello", "unsupported version", 40, "protocol_version");
        expectConnectionError(22, "unknown", "tmm2", 217019, "ssl_select_suite", "TLS_FALLBACK_SCSV with a lower protocol",
                86, "inappropriate_fallback");
        expectConnectionError(36, "pua-bigip", "tmm", 9244, "ssl_select_suite", "no shared ciphers", 40, "no_shared_cipher");
        expectConnectionError(39, "pua-bigip", "tmm1", 9244, "ssl_select_suite", "no shared ciphers", 40, "no_shared_cipher");
    }

    private static void expectConnectionError(int n, String observer, String process, int pid, String func,
            String reason, int alert, String errorClass) {
        HandshakeEvent e = event(n);
        assertThat(e.observer()).isEqualTo(observer);
        assertThat(e.process()).isEqualTo(process);
        assertThat(e.pid()).isEqualTo(pid);
        assertThat(e.msgid()).isEqualTo("01260009");
        assertThat(e.kind()).isEqualTo(Kind.CONNECTION_ERROR);
        assertThat(e.func()).isEqualTo(func);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.alertCode()).isEqualTo(alert);
        assertThat(e.alertReceived()).as("(N) is an alert the BIG-IP sent").isFalse();
        assertThat(e.errorClass()).isEqualTo(errorClass);
        assertThat(e.hasAddresses()).as("the older layout has no addresses").isFalse();
    }

    @Test
    void theLdapsBurstOnTwoTmms() {
        for (int n : List.of(37, 40)) {
            HandshakeEvent e = event(n);
            assertThat(e.msgid()).isEqualTo("01260026");
            assertThat(e.kind()).isEqualTo(Kind.NO_SHARED_CIPHERS);
            assertThat(e.process()).isEqualTo(n == 37 ? "tmm" : "tmm1");
            assertThat(List.of(e.clientIp(), e.clientPort(), e.serverIp(), e.serverPort()))
                    .containsExactly("192.168.99.86", n == 37 ? 32962 : 32963, "192.168.20.230", 636);
            assertThat(e.errorClass()).isEqualTo("no_shared_cipher");
        }
        for (int n : List.of(38, 41)) {
            HandshakeEvent e = event(n);
            assertThat(e.msgid()).isEqualTo("01260013");
            assertThat(List.of(e.clientIp(), e.clientPort(), e.serverIp(), e.serverPort()))
                    .containsExactly("192.168.99.86", n == 38 ? 32962 : 32963, "192.168.20.230", 636);
            assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-02-01T08:12:14Z").toEpochMilli());
        }
    }

    @Test
    void sslDumpIRuleLinesAreEnrichment() {
        HandshakeEvent offered = event(42);
        assertThat(offered.kind()).isEqualTo(Kind.IRULE_CIPHERS_OFFERED);
        assertThat(offered.observer()).isEqualTo("example-waf01");
        assertThat(offered.process()).isEqualTo("tmm1");
        assertThat(offered.pid()).isEqualTo(11161);
        assertThat(offered.vipName()).isEqualTo("/Common/test-site");
        assertThat(offered.clientIp()).isEqualTo("198.18.73.4");
        assertThat(offered.tls().offeredCiphers()).hasSize(50).startsWith("c024", "c028").endsWith("0013", "00ff");
        assertThat(offered.isFailureEvidence()).isFalse();
        // "Dec 17" read on 1 March 2026 is December 2025
        assertThat(offered.timestampMs()).isEqualTo(Instant.parse("2025-12-17T01:26:08Z").toEpochMilli());

        HandshakeEvent negotiated = event(43);
        assertThat(negotiated.kind()).isEqualTo(Kind.IRULE_CIPHER_NEGOTIATED);
        assertThat(negotiated.tls().cipher()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");

        HandshakeEvent legacy = event(44);
        assertThat(legacy.kind()).isEqualTo(Kind.IRULE_CIPHER_NEGOTIATED);
        assertThat(legacy.tls().version()).isEqualTo("TLSv1");
        assertThat(legacy.tls().cipher()).isEqualTo("AES256-SHA");
    }

    @Test
    void tpsLimit() {
        HandshakeEvent e = event(48);
        assertThat(e.msgid()).isEqualTo("01260008");
        assertThat(e.kind()).isEqualTo(Kind.TPS_LIMIT);
        assertThat(e.process()).isEqualTo("tmm");
        assertThat(e.pid()).isEqualTo(1253);
        assertThat(e.errorClass()).isEqualTo("tps_limit");
        assertThat(e.hasAddresses()).isFalse();
    }
}
