package io.tlswatch.processors.decode.netskope;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetskopeDecoderTest {
    private static final long RECORD_TIME = Instant.parse("2026-03-11T00:00:00Z").toEpochMilli();
    private static final String CSV_SAMPLE = "sumologic-docs_netskope-webtx-streaming_sample_csv.txt";
    private static final String W3C_SAMPLE = "sumologic-docs_netskope-webtx-streaming_sample_w3c_v1.txt";

    private final NetskopeDecoder decoder = new NetskopeDecoder();

    private static List<String> sample(String name) throws IOException {
        Path file = SharedData.root().resolve("netskope").resolve(name);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private static HandshakeEvent event(LogDecodeResult r) {
        assertThat(r).isInstanceOf(LogDecodeResult.Decoded.class);
        HandshakeEvent e = ((LogDecodeResult.Decoded) r).event();
        assertValidRecord(Schema.HANDSHAKE_EVENT, e);
        return e;
    }

    private static void assertDropped(LogDecodeResult r, String category) {
        assertThat(r).isEqualTo(new LogDecodeResult.Dropped(category));
    }

    private static LogDecodeResult.Rejected rejected(LogDecodeResult r, RejectReason reason) {
        assertThat(r).isInstanceOf(LogDecodeResult.Rejected.class);
        LogDecodeResult.Rejected rejected = (LogDecodeResult.Rejected) r;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).isNotBlank();
        return rejected;
    }

    // ---- the real samples -------------------------------------------------------------------------------

    @Test
    void csvSampleHeaderThenRowDecodesTheClientSideSuccess() throws IOException {
        List<String> lines = sample(CSV_SAMPLE);
        assertThat(lines).hasSize(2);
        assertThat(NetskopeDecoder.looksLikeHeader(lines.get(0))).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader(lines.get(1))).isFalse();

        assertDropped(decoder.decode(lines.get(0), RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        assertThat(decoder.headerFields()).hasSize(146).startsWith("bytes", "c-ip").endsWith("x-type");
        HandshakeEvent e = event(decoder.decode(lines.get(1), RECORD_TIME));

        assertThat(e.source()).isEqualTo(HandshakeEvent.SOURCE_NETSKOPE);
        assertThat(e.kind()).isEqualTo(Kind.PROXY_TLS);
        assertThat(e.side()).isEqualTo("client");
        assertThat(e.errorClass()).isNull();
        assertThat(e.reason()).isNull();
        assertThat(e.msgid()).isNull();
        assertThat(e.observer()).isEqualTo("us-sfo1"); // x-s-dp-name US-SFO1, by ObserverName
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-02-06T20:35:30Z").toEpochMilli());
        assertThat(e.timestampAdjusted()).isNull();
        assertThat(e.transport()).isEqualTo("tcp");
        assertThat(e.clientIp()).isEqualTo("192.168.86.241");
        assertThat(e.clientPort()).isEqualTo(28790);
        assertThat(e.serverIp()).isEqualTo("142.250.189.238"); // x-cs-dst-ip: where the client connected
        assertThat(e.serverPort()).isEqualTo(443);
        assertThat(e.tls().version()).isEqualTo("TLSv1.3");
        assertThat(e.tls().cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(e.tls().ja3()).isEqualTo("d23cb79443a0fb0ed0c3b8a4cc8bec41");
        assertThat(e.tls().ja3s()).isNull();
        assertThat(e.tls().sni()).isEqualTo("clients4.google.com");
        assertThat(e.line()).isEqualTo(lines.get(1));
    }

    @Test
    void csvSampleDescribesBothSides() throws IOException {
        List<String> lines = sample(CSV_SAMPLE);
        decoder.decode(lines.get(0), RECORD_TIME);
        List<LogDecodeResult> sides = decoder.decodeEachSide(lines.get(1), RECORD_TIME);
        assertThat(sides).hasSize(2);
        assertThat(event(sides.get(0)).side()).isEqualTo("client");

        HandshakeEvent server = event(sides.get(1));
        assertThat(server.side()).isEqualTo("server");
        assertThat(server.errorClass()).isNull();
        assertThat(server.tls().version()).isEqualTo("TLSv1.3");
        assertThat(server.tls().cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(server.tls().ja3s()).isEqualTo("907bf3ecef1c987c889946b737b43de8");
        assertThat(server.tls().ja3()).isNull();
        assertThat(server.clientIp()).isEqualTo("163.116.140.40"); // Netskope egress (x-sr-src-ip)
        assertThat(server.clientPort()).isEqualTo(12818);
        assertThat(server.serverIp()).isEqualTo("142.250.189.206"); // origin (x-sr-dst-ip, = s-ip)
        assertThat(server.serverPort()).isEqualTo(443);
        assertThat(server.observer()).isEqualTo("us-sfo1");
    }

    @Test
    void csvSampleQuotedValuesKeepTheColumnsAligned() throws IOException {
        List<String> lines = sample(CSV_SAMPLE);
        NetskopeDecoder.Header h = NetskopeDecoder.Header.parse(lines.get(0));
        NetskopeFieldSplitter.Result r = NetskopeFieldSplitter.split(lines.get(1), ',');
        assertThat(r).isInstanceOf(NetskopeFieldSplitter.Fields.class);
        NetskopeDecoder.Row row = new NetskopeDecoder.Row(h, ((NetskopeFieldSplitter.Fields) r).values());
        assertThat(row.values()).hasSize(146);
        assertThat(row.get("cs-user-agent")).startsWith("Chrome WIN 144.0.7559.133 (").endsWith("channel(stable)");
        assertThat(row.get("x-other-category")).isEqualTo("Cloud Storage,Technology");
        assertThat(row.get("x-r-cert-valid")).isEqualTo("Yes");
        assertThat(row.get("x-r-cert-expired")).isEqualTo("No");
        assertThat(row.get("x-r-cert-subject-cn")).isEqualTo("*.google.com");
        assertThat(row.get("x-sr-ssl-malformed-ssl")).isEqualTo("No");
        assertThat(row.get("x-type")).isEqualTo("http_transaction");
    }

    @Test
    void w3cSampleWithItsCutRowDecodesTheClientSide() throws IOException {
        List<String> lines = sample(W3C_SAMPLE);
        assertThat(NetskopeDecoder.looksLikeHeader(lines.get(0))).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader(lines.get(1))).isFalse();

        assertDropped(decoder.decode(lines.get(0), RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        assertThat(decoder.headerFields()).hasSize(183).startsWith("date", "time").endsWith("x-support");
        HandshakeEvent e = event(decoder.decode(lines.get(1), RECORD_TIME));

        assertThat(e.side()).isEqualTo("client");
        assertThat(e.errorClass()).isNull();
        assertThat(e.observer()).isEqualTo("us-lax2");
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-03-10T18:24:06Z").toEpochMilli());
        assertThat(e.clientIp()).isEqualTo("172.17.25.226");
        assertThat(e.clientPort()).isEqualTo(65371);
        assertThat(e.serverIp()).isEqualTo("52.96.166.130");
        assertThat(e.serverPort()).isEqualTo(443);
        assertThat(e.tls().version()).isEqualTo("TLSv1.3");
        assertThat(e.tls().cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(e.tls().ja3()).isEqualTo("2800f914a7a4ba98aa9df62d316a460c");
        assertThat(e.tls().ja3s()).isNull(); // x-sr-ssl-ja3s = NotAvailable
        assertThat(e.tls().sni()).isEqualTo("substrate.svc.cloud.microsoft");

        // the server side was not checked (NotChecked / NotEstablished): one event only
        assertThat(decoder.decodeEachSide(lines.get(1), RECORD_TIME)).hasSize(1);
    }

    @Test
    void samplesDecodeTheSameWithAKnownHeader() throws IOException {
        List<String> lines = sample(W3C_SAMPLE);
        NetskopeDecoder known = new NetskopeDecoder("tenant.goskope.com", lines.get(0));
        HandshakeEvent e = event(known.decode(lines.get(1), RECORD_TIME));
        assertThat(e.tls().ja3()).isEqualTo("2800f914a7a4ba98aa9df62d316a460c");
        assertThat(e.observer()).isEqualTo("us-lax2");
    }

    @Test
    void everyPrefixOfTheSampleRowsIsAnswered() throws IOException {
        for (String name : List.of(CSV_SAMPLE, W3C_SAMPLE)) {
            List<String> lines = sample(name);
            NetskopeDecoder d = new NetskopeDecoder(null, lines.get(0));
            String row = lines.get(1);
            for (int i = 0; i <= row.length(); i++) {
                LogDecodeResult r = d.decode(row.substring(0, i), RECORD_TIME);
                assertThat(r).isNotNull();
                if (r instanceof LogDecodeResult.Rejected rej) {
                    assertThat(rej.reason()).isNotEqualTo(RejectReason.PROCESSING_ERROR);
                }
                if (r instanceof LogDecodeResult.Decoded dec) {
                    assertValidRecord(Schema.HANDSHAKE_EVENT, dec.event());
                }
            }
        }
    }

    // ---- headers and directives -------------------------------------------------------------------------

    @Test
    void directivesAreHeaderMaterialAndFieldsSetsTheHeader() {
        assertDropped(decoder.decode("#Version: 1.0", RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        assertDropped(decoder.decode("#Software: Netskope", RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        assertDropped(decoder.decode("#Date: 2026-03-10 18:00:00", RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        assertThat(decoder.headerFields()).isEmpty();
        assertDropped(decoder.decode("#Fields: date time x-cs-ssl-version c-ip", RECORD_TIME),
                NetskopeDecoder.DROPPED_HEADER);
        assertThat(decoder.headerFields()).containsExactly("date", "time", "x-cs-ssl-version", "c-ip");
        assertDropped(decoder.decode("#Remark: anything", RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        assertThat(decoder.headerFields()).hasSize(4);

        HandshakeEvent e = event(decoder.decode("2026-03-10 18:24:06 TLSv1.2 10.1.2.3", RECORD_TIME));
        assertThat(e.tls().version()).isEqualTo("TLSv1.2");
        assertThat(e.clientIp()).isEqualTo("10.1.2.3");
        assertThat(e.clientPort()).isNull();
    }

    @Test
    void aFieldsDirectiveWithoutNamesIsRejectedAndKeepsTheOldHeader() {
        decoder.decode("#Fields: date time x-cs-ssl-version", RECORD_TIME);
        rejected(decoder.decode("#Fields:", RECORD_TIME), RejectReason.MALFORMED_SSL_MESSAGE);
        rejected(decoder.decode("#Fields: date 9time", RECORD_TIME), RejectReason.MALFORMED_SSL_MESSAGE);
        assertThat(decoder.headerFields()).containsExactly("date", "time", "x-cs-ssl-version");
    }

    @Test
    void aNewHeaderReplacesTheOldOne() {
        decoder.decode("date,time,x-cs-ssl-version", RECORD_TIME);
        decoder.decode("x-cs-ssl-version,date,time", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode("TLSv1.1,2026-01-02,03:04:05", RECORD_TIME));
        assertThat(e.tls().version()).isEqualTo("TLSv1.1");
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());
    }

    @Test
    void looksLikeHeaderTellsNamesFromValues() {
        assertThat(NetskopeDecoder.looksLikeHeader("date,time,x-cs-ssl-version")).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader("date time x-cs-ssl-version")).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader("date\ttime\tcs(User-Agent)")).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader("\uFEFFbytes,c-ip\r\n")).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader("#Version: 1.0")).isTrue();
        assertThat(NetskopeDecoder.looksLikeHeader("2026-03-10,18:24:06,TLSv1.3")).isFalse();
        assertThat(NetskopeDecoder.looksLikeHeader("GET,https,-")).isFalse();
        assertThat(NetskopeDecoder.looksLikeHeader("Allow,Established")).isFalse(); // no W3C name
        assertThat(NetskopeDecoder.looksLikeHeader("date,,time")).isFalse();
        assertThat(NetskopeDecoder.looksLikeHeader("date,time,")).isFalse();
        assertThat(NetskopeDecoder.looksLikeHeader("x-cs-ssl-version")).isFalse(); // one name is not a header
        assertThat(NetskopeDecoder.looksLikeHeader("")).isFalse();
        assertThat(NetskopeDecoder.looksLikeHeader(null)).isFalse();
    }

    @Test
    void aKnownHeaderThatIsNotAHeaderIsAConfigurationError() {
        assertThatThrownBy(() -> new NetskopeDecoder("x", "1,2,3")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- rows -------------------------------------------------------------------------------------------

    /** Writes a header and a CSV row with the fields in the given order (values quoted when needed). */
    private static List<String> csv(Map<String, String> fields) {
        return List.of(String.join(",", fields.keySet()),
                String.join(",", fields.values().stream().map(NetskopeDecoderTest::quote).toList()));
    }

    private static String quote(String v) {
        return v.indexOf(',') >= 0 || v.indexOf('"') >= 0 ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private HandshakeEvent decodeRow(Map<String, String> fields) {
        List<String> lines = csv(fields);
        assertDropped(decoder.decode(lines.get(0), RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        return event(decoder.decode(lines.get(1), RECORD_TIME));
    }

    /** A transaction where both sides succeeded, every TLS field filled. */
    private static Map<String, String> success() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", "2026-03-10");
        m.put("time", "18:24:06");
        m.put("c-ip", "10.0.0.9");
        m.put("s-ip", "203.0.113.80");
        m.put("cs-uri-port", "8443");
        m.put("x-cs-src-ip", "10.0.0.10");
        m.put("x-cs-src-port", "50000");
        m.put("x-cs-dst-ip", "203.0.113.7");
        m.put("x-cs-dst-port", "443");
        m.put("x-sr-src-ip", "198.51.100.1");
        m.put("x-sr-src-port", "40000");
        m.put("x-sr-dst-ip", "203.0.113.8");
        m.put("x-sr-dst-port", "443");
        m.put("x-cs-sni", "www.example.com");
        m.put("x-cs-ssl-version", "TLSv1.2");
        m.put("x-cs-ssl-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        m.put("x-cs-ssl-ja3", "0123456789ABCDEF0123456789abcdef");
        m.put("x-cs-ssl-handshake-error", "No");
        m.put("x-cs-ssl-fronting-error", "No");
        m.put("x-cs-ssl-malformed-ssl", "No");
        m.put("x-client-ssl-err", "-");
        m.put("x-sr-ssl-version", "TLSv1.3");
        m.put("x-sr-ssl-cipher", "TLS_AES_128_GCM_SHA256");
        m.put("x-sr-ssl-ja3s", "fedcba9876543210fedcba9876543210");
        m.put("x-sr-ssl-handshake-error", "No");
        m.put("x-sr-ssl-malformed-ssl", "No");
        m.put("x-sr-ssl-client-certificate-error", "No");
        m.put("x-server-ssl-err", "-");
        m.put("x-r-cert-valid", "Yes");
        m.put("x-r-cert-expired", "No");
        m.put("x-r-cert-revoked", "No");
        m.put("x-r-cert-untrusted-root", "No");
        m.put("x-r-cert-self-signed", "No");
        m.put("x-r-cert-incomplete-chain", "No");
        m.put("x-r-cert-mismatch", "No");
        m.put("x-s-dp-name", "DE-FRA1");
        return m;
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aSuccessfulRowIsTheClientSideWithItsAddresses() {
        HandshakeEvent e = decodeRow(success());
        assertThat(e.side()).isEqualTo("client");
        assertThat(e.errorClass()).isNull();
        assertThat(e.clientIp()).isEqualTo("10.0.0.10");
        assertThat(e.clientPort()).isEqualTo(50000);
        assertThat(e.serverIp()).isEqualTo("203.0.113.7");
        assertThat(e.serverPort()).isEqualTo(443);
        assertThat(e.tls().ja3()).isEqualTo("0123456789abcdef0123456789abcdef"); // lower case
        assertThat(e.observer()).isEqualTo("de-fra1");
    }

    @ParameterizedTest(name = "{0}={1} -> {2} side {3}")
    @CsvSource(delimiter = '|', textBlock = """
            x-cs-ssl-handshake-error          | no shared cipher              | no_shared_cipher        | client
            x-cs-ssl-handshake-error          | unsupported protocol          | protocol_version        | client
            x-cs-ssl-handshake-error          | Yes                           | unclassified            | client
            x-cs-ssl-handshake-error          | something new                 | unclassified            | client
            x-cs-ssl-handshake-error          | inappropriate fallback        | inappropriate_fallback  | client
            x-cs-ssl-malformed-ssl            | Yes                           | not_tls                 | client
            x-cs-ssl-fronting-error           | Yes                           | unclassified            | client
            x-client-ssl-err                  | tlsv1 alert unknown ca        | cert_untrusted          | client
            x-client-ssl-err                  | wrong version number          | not_tls                 | client
            x-sr-ssl-handshake-error          | no shared cipher              | no_shared_cipher        | server
            x-sr-ssl-handshake-error          | tlsv1 alert protocol version  | protocol_version        | server
            x-sr-ssl-handshake-error          | sslv3 alert bad certificate   | client_cert_rejected    | server
            x-server-ssl-err                  | certificate verify failed     | cert_untrusted          | server
            x-cs-ssl-handshake-error          | sslv3 alert bad certificate   | cert_bad                | client
            x-sr-ssl-malformed-ssl            | Yes                           | not_tls                 | server
            x-sr-ssl-client-certificate-error | Yes                           | client_cert_required    | server
            x-server-ssl-err                  | connection reset by peer      | peer_abort              | server
            x-r-cert-expired                  | Yes                           | cert_expired            | server
            x-r-cert-revoked                  | Yes                           | cert_revoked            | server
            x-r-cert-untrusted-root           | Yes                           | cert_untrusted          | server
            x-r-cert-self-signed              | Yes                           | cert_untrusted          | server
            x-r-cert-incomplete-chain         | Yes                           | cert_untrusted          | server
            x-r-cert-mismatch                 | Yes                           | cert_bad                | server
            x-r-cert-valid                    | No                            | cert_bad                | server
            x-r-cert-revocation-check         | Revoked                       | cert_revoked            | server
            x-cs-ssl-engine-action            | Block                         | unclassified            | client
            x-sr-ssl-engine-action            | Block                         | unclassified            | server
            """)
    void eachErrorFieldMapsToItsClassAndSide(String field, String value, String errorClass, String side) {
        HandshakeEvent e = decodeRow(with(success(), field, value));
        assertThat(e.errorClass()).isEqualTo(errorClass);
        assertThat(e.side()).isEqualTo(side);
        assertThat(e.reason()).isNotBlank();
        if (side.equals("server")) {
            assertThat(e.clientIp()).isEqualTo("198.51.100.1");
            assertThat(e.serverIp()).isEqualTo("203.0.113.8");
            assertThat(e.tls().ja3s()).isEqualTo("fedcba9876543210fedcba9876543210");
            assertThat(e.tls().version()).isEqualTo("TLSv1.3");
        } else {
            assertThat(e.clientIp()).isEqualTo("10.0.0.10");
            assertThat(e.tls().ja3()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(e.tls().version()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void theHandshakeErrorTextIsTheReason() {
        HandshakeEvent e = decodeRow(with(success(), "x-cs-ssl-handshake-error", "no shared cipher, alert 40"));
        assertThat(e.reason()).isEqualTo("no shared cipher, alert 40"); // a quoted value holding a comma
        assertThat(e.errorClass()).isEqualTo("no_shared_cipher");

        HandshakeEvent flag = decodeRow(with(success(), "x-r-cert-expired", "Yes"));
        assertThat(flag.reason()).isEqualTo("x-r-cert-expired=Yes");
    }

    @Test
    void aBlockingEngineReasonIsClassifiedByItsText() {
        HandshakeEvent e = decodeRow(with(success(), "x-sr-ssl-engine-action", "Block",
                "x-sr-ssl-engine-action-reason", "Certificate Expired"));
        assertThat(e.side()).isEqualTo("server");
        assertThat(e.errorClass()).isEqualTo("cert_expired");
        assertThat(e.reason()).isEqualTo("Certificate Expired");
    }

    @Test
    void aCertificateFlagWinsOverAVagueHandshakeErrorButTheTextStaysTheReason() {
        HandshakeEvent e = decodeRow(with(success(), "x-sr-ssl-handshake-error", "Yes", "x-r-cert-expired", "Yes"));
        assertThat(e.errorClass()).isEqualTo("cert_expired");
        assertThat(e.reason()).isEqualTo("Yes");
    }

    @Test
    void theClientSideErrorWinsOverTheServerSideError() {
        HandshakeEvent e = decodeRow(with(success(), "x-cs-ssl-handshake-error", "no shared cipher",
                "x-r-cert-expired", "Yes"));
        assertThat(e.side()).isEqualTo("client");
        assertThat(e.errorClass()).isEqualTo("no_shared_cipher");

        List<String> lines = csv(with(success(), "x-cs-ssl-handshake-error", "no shared cipher",
                "x-r-cert-expired", "Yes"));
        decoder.decode(lines.get(0), RECORD_TIME);
        List<LogDecodeResult> both = decoder.decodeEachSide(lines.get(1), RECORD_TIME);
        assertThat(both).hasSize(2);
        assertThat(event(both.get(0)).errorClass()).isEqualTo("no_shared_cipher");
        assertThat(event(both.get(1)).errorClass()).isEqualTo("cert_expired");
    }

    @Test
    void anyColumnOrderGivesTheSameEvent() {
        Map<String, String> fields = with(success(), "x-r-cert-mismatch", "Yes");
        HandshakeEvent ordered = decodeRow(fields);
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
        Collections.reverse(entries);
        Map<String, String> reversed = new LinkedHashMap<>();
        entries.forEach(en -> reversed.put(en.getKey(), en.getValue()));
        HandshakeEvent other = decodeRow(reversed);
        assertThat(other).usingRecursiveComparison().ignoringFields("line").isEqualTo(ordered);
        assertThat(other.errorClass()).isEqualTo("cert_bad");
    }

    @Test
    void dashIsEmpty() {
        Map<String, String> m = with(success(), "x-cs-ssl-cipher", "-", "x-cs-ssl-ja3", "-", "x-cs-sni", "-",
                "x-cs-src-ip", "-", "x-cs-src-port", "-", "x-cs-dst-ip", "-", "x-s-dp-name", "-");
        HandshakeEvent e = decodeRow(m);
        assertThat(e.tls().cipher()).isNull();
        assertThat(e.tls().ja3()).isNull();
        assertThat(e.tls().sni()).isNull();
        // the generic W3C fields stand in: c-ip has no port; s-ip goes with cs-uri-port
        assertThat(e.clientIp()).isEqualTo("10.0.0.9");
        assertThat(e.clientPort()).isNull();
        assertThat(e.serverIp()).isEqualTo("203.0.113.80");
        assertThat(e.serverPort()).isEqualTo(8443);
        assertThat(e.observer()).isEqualTo("netskope");
    }

    @Test
    void invalidAddressesAndPortsAreLeftOut() {
        HandshakeEvent e = decodeRow(with(success(), "x-cs-src-ip", "10.0.0.256", "c-ip", "host.example",
                "x-cs-dst-port", "70000", "x-cs-dst-ip", "2001:db8::7"));
        assertThat(e.clientIp()).isNull();
        assertThat(e.clientPort()).isNull();
        assertThat(e.serverIp()).isEqualTo("2001:db8::7");
        assertThat(e.serverPort()).isNull();
    }

    @Test
    void aRowWithoutTlsFactsIsDroppedAsNotTls() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", "2026-03-10");
        m.put("time", "18:24:06");
        m.put("cs-uri-scheme", "http");
        m.put("x-cs-ssl-version", "-");
        m.put("x-cs-ssl-handshake-error", "NotChecked");
        m.put("x-sr-ssl-version", "NotChecked");
        m.put("x-sr-ssl-engine-action", "None");
        m.put("x-sr-ssl-engine-action-reason", "NotEstablished");
        m.put("x-r-cert-expired", "NotChecked");
        m.put("x-server-ssl-err", "-");
        List<String> lines = csv(m);
        decoder.decode(lines.get(0), RECORD_TIME);
        assertDropped(decoder.decode(lines.get(1), RECORD_TIME), NetskopeDecoder.DROPPED_NOT_TLS);
        assertThat(decoder.decodeEachSide(lines.get(1), RECORD_TIME))
                .containsExactly(new LogDecodeResult.Dropped(NetskopeDecoder.DROPPED_NOT_TLS));
    }

    @Test
    void aNoAnswerIsEvidenceThatTheCheckRan() {
        decoder.decode("date,time,x-cs-ssl-handshake-error", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode("2026-03-10,18:24:06,No", RECORD_TIME));
        assertThat(e.errorClass()).isNull();
        assertThat(e.tls()).isNull();
    }

    @Test
    void onlyTheServerSideObservedGivesAServerSuccess() {
        decoder.decode("date,time,x-cs-ssl-version,x-sr-ssl-version", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode("2026-03-10,18:24:06,-,TLSv1.2", RECORD_TIME));
        assertThat(e.side()).isEqualTo("server");
        assertThat(e.errorClass()).isNull();
    }

    @Test
    void aShortRowDecodesTheFieldsItHoldsExceptTheLastOne() {
        decoder.decode("date,time,x-cs-ssl-version,x-cs-ssl-cipher,x-cs-sni,x-r-cert-expired", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode("2026-03-10,18:24:06,TLSv1.3,TLS_AES_128_GCM_SHA256,www.exa",
                RECORD_TIME));
        assertThat(e.tls().version()).isEqualTo("TLSv1.3");
        assertThat(e.tls().cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(e.tls().sni()).isNull(); // cut mid-value
    }

    @Test
    void aRowCutInsideAQuotedValueKeepsTheWholeFieldsBeforeIt() {
        decoder.decode("date,time,x-cs-ssl-version,cs-user-agent,x-cs-sni", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode("2026-03-10,18:24:06,TLSv1.3,\"Mozilla/5.0 (Win", RECORD_TIME));
        assertThat(e.tls().version()).isEqualTo("TLSv1.3");
    }

    @Test
    void aShortRowWithoutTlsFieldsIsRejectedWithAReason() {
        decoder.decode("date,time,x-cs-ssl-version,x-cs-ssl-cipher", RECORD_TIME);
        LogDecodeResult.Rejected r = rejected(decoder.decode("2026-03-10,18:2", RECORD_TIME),
                RejectReason.MALFORMED_SSL_MESSAGE);
        assertThat(r.detail()).contains("short row").contains("1 of 4");
    }

    @Test
    void aLongRowIsRejectedButTrailingSeparatorsAreFine() {
        decoder.decode("date,time,x-cs-ssl-version", RECORD_TIME);
        LogDecodeResult.Rejected r = rejected(decoder.decode("2026-03-10,18:24:06,TLSv1.3,extra", RECORD_TIME),
                RejectReason.MALFORMED_SSL_MESSAGE);
        assertThat(r.detail()).contains("4 fields, header has 3");
        assertThat(event(decoder.decode("2026-03-10,18:24:06,TLSv1.3,,", RECORD_TIME)).tls().version())
                .isEqualTo("TLSv1.3");
    }

    @Test
    void aBadQuoteInAFullRowIsRejected() {
        decoder.decode("date,time,x-cs-ssl-version", RECORD_TIME);
        rejected(decoder.decode("2026-03-10,\"18:24:06\"x,TLSv1.3", RECORD_TIME), RejectReason.MALFORMED_SSL_MESSAGE);
    }

    @Test
    void aRowBeforeAnyHeaderIsRejected() {
        LogDecodeResult.Rejected r = rejected(decoder.decode("2026-03-10,18:24:06,TLSv1.3", RECORD_TIME),
                RejectReason.MISSING_HEADER);
        assertThat(r.detail()).contains("before any header");
    }

    @Test
    void w3cRowsSeparatedBySpacesWithQuotedValues() {
        decoder.decode("#Fields: date time cs-user-agent x-cs-ssl-version x-cs-ssl-handshake-error c-ip", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode(
                "2026-03-10 18:24:06 \"Mozilla/5.0 (X11; Linux)\" TLSv1.0 \"unsupported protocol\" 10.9.8.7",
                RECORD_TIME));
        assertThat(e.errorClass()).isEqualTo("protocol_version");
        assertThat(e.reason()).isEqualTo("unsupported protocol");
        assertThat(e.tls().version()).isEqualTo("TLSv1.0");
        assertThat(e.clientIp()).isEqualTo("10.9.8.7");
    }

    @Test
    void timestamps() {
        decoder.decode("date,time,x-cs-timestamp,x-cs-ssl-version", RECORD_TIME);
        assertThat(event(decoder.decode("2026-03-10,18:24:06.250,1,TLSv1.3", RECORD_TIME)).timestampMs())
                .isEqualTo(Instant.parse("2026-03-10T18:24:06.250Z").toEpochMilli());
        // no date: x-cs-timestamp (epoch seconds)
        assertThat(event(decoder.decode("-,-,1770410130,TLSv1.3", RECORD_TIME)).timestampMs())
                .isEqualTo(1_770_410_130_000L);
        // nothing usable: the record time, flagged
        HandshakeEvent none = event(decoder.decode("2026-02-30,25:00:00,-,TLSv1.3", RECORD_TIME));
        assertThat(none.timestampMs()).isEqualTo(RECORD_TIME);
        assertThat(none.timestampAdjusted()).isTrue();
        // more than an hour ahead of the record: a clock or zone mistake
        HandshakeEvent future = event(decoder.decode("2026-03-11,02:00:01,-,TLSv1.3", RECORD_TIME));
        assertThat(future.timestampMs()).isEqualTo(RECORD_TIME);
        assertThat(future.timestampAdjusted()).isTrue();
        // a record without a time (-1) and a row without one: 0, never negative
        assertThat(event(decoder.decode("-,-,-,TLSv1.3", -1)).timestampMs()).isZero();
    }

    @Test
    void theEvidenceLineIsCutTo2048Characters() {
        decoder.decode("x-cs-ssl-version,cs-uri", RECORD_TIME);
        HandshakeEvent e = event(decoder.decode("TLSv1.3,/" + "a".repeat(5000), RECORD_TIME));
        assertThat(e.line()).hasSize(NetskopeDecoder.MAX_EVIDENCE_CHARS).startsWith("TLSv1.3,/a");
    }

    @Test
    void badInputIsRejectedWithAReason() {
        rejected(decoder.decode((String) null, RECORD_TIME), RejectReason.EMPTY);
        rejected(decoder.decode("", RECORD_TIME), RejectReason.EMPTY);
        rejected(decoder.decode("  \r\n", RECORD_TIME), RejectReason.EMPTY);
        rejected(decoder.decode("a\u0000b", RECORD_TIME), RejectReason.CONTROL_CHARACTERS);
        rejected(decoder.decode("x".repeat(NetskopeDecoder.MAX_LINE_CHARS + 1), RECORD_TIME), RejectReason.OVERSIZED);
        rejected(decoder.decode(new byte[] {(byte) 0xC3, (byte) 0x28}, RECORD_TIME), RejectReason.NOT_UTF8);
        rejected(decoder.decode(new byte[0], RECORD_TIME), RejectReason.EMPTY);
    }

    @Test
    void bytesLineTerminatorsAndByteOrderMarkAreHandled() {
        assertDropped(decoder.decode("\uFEFFdate,time,x-cs-ssl-version\r\n".getBytes(StandardCharsets.UTF_8),
                RECORD_TIME), NetskopeDecoder.DROPPED_HEADER);
        HandshakeEvent e = event(decoder.decode("2026-03-10,18:24:06,TLSv1.3\r\n".getBytes(StandardCharsets.UTF_8),
                RECORD_TIME));
        assertThat(e.line()).isEqualTo("2026-03-10,18:24:06,TLSv1.3");
    }
}
