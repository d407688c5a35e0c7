package io.tlswatch.processors.decode.netskope;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.Texts;
import io.tlswatch.schemas.testing.SharedData;
import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The decoder answers every line once, and reads back any header and row a correct writer produces. */
class NetskopeDecoderProperties {
    /** Later than every generated row, so that no line time is "in the future". */
    private static final long RECORD_TIME = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> SAMPLES = List.of(
            "sumologic-docs_netskope-webtx-streaming_sample_csv.txt",
            "sumologic-docs_netskope-webtx-streaming_sample_w3c_v1.txt");

    // ---- never throws -----------------------------------------------------------------------------------

    private static void assertSane(LogDecodeResult r) {
        assertThat(r).isNotNull();
        if (r instanceof LogDecodeResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(300);
        } else if (r instanceof LogDecodeResult.Decoded decoded) {
            assertValidRecord(Schema.HANDSHAKE_EVENT, decoded.event());
            assertThat(decoded.event().line().length()).isLessThanOrEqualTo(NetskopeDecoder.MAX_EVIDENCE_CHARS);
        }
    }

    @Test
    void arbitraryStringsNeverThrow() {
        PropertyCheck.forAll(2000, g -> g.string(400), Shrink.string(), line -> {
            NetskopeDecoder fresh = new NetskopeDecoder();
            assertSane(fresh.decode(line, RECORD_TIME));
            NetskopeDecoder primed = new NetskopeDecoder(null,
                    "date,time,c-ip,x-cs-ssl-version,x-cs-ssl-handshake-error");
            assertSane(primed.decode(line, RECORD_TIME));
            primed.decodeEachSide(line, RECORD_TIME).forEach(NetskopeDecoderProperties::assertSane);
        });
    }

    @Test
    void arbitraryBytesNeverThrow() {
        PropertyCheck.forAll(1000, g -> g.bytes(400), Shrink.bytes(), bytes -> {
            NetskopeDecoder primed = new NetskopeDecoder(null, "#Fields: date time x-sr-ssl-version x-r-cert-expired");
            assertSane(primed.decode(bytes, RECORD_TIME));
        });
    }

    record HeaderAndRow(String header, String row) {}

    @Test
    void mutatedSampleRowsNeverThrow() {
        List<HeaderAndRow> samples = sampleRows();
        PropertyCheck.forAll(300, g -> mutate(g, g.of(samples)), in -> {
            NetskopeDecoder d = new NetskopeDecoder(null, in.header());
            assertSane(d.decode(in.row(), RECORD_TIME));
            d.decodeEachSide(in.row(), RECORD_TIME).forEach(NetskopeDecoderProperties::assertSane);
        });
    }

    private static List<HeaderAndRow> sampleRows() {
        List<HeaderAndRow> samples = new ArrayList<>();
        for (String name : SAMPLES) {
            try {
                List<String> lines = Files.readAllLines(SharedData.root().resolve("netskope").resolve(name),
                        StandardCharsets.UTF_8);
                samples.add(new HeaderAndRow(lines.get(0), lines.get(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }

    /** The sample's row with up to 3 chars deleted at one place and up to 4 separator-like chars put there. */
    private static HeaderAndRow mutate(Gen g, HeaderAndRow sample) {
        int at = g.between(0, sample.row().length());
        List<Character> chars = g.list(0, 4, c -> c.of(',', '"', ' ', '-', '\t', '#', 'x', '9', '.', ':'));
        int deleted = g.between(0, 3);
        StringBuilder row = new StringBuilder(sample.row());
        row.delete(at, Math.min(row.length(), at + deleted));
        for (char c : chars) {
            row.insert(Math.min(at, row.length()), c);
        }
        return new HeaderAndRow(sample.header(), row.toString());
    }

    // ---- round trip -------------------------------------------------------------------------------------

    enum Format { CSV, W3C_BARE, W3C_DIRECTIVES }

    /** An error text written into {@code x-cs-ssl-handshake-error} and the class it must give (null: none). */
    record ClientError(String text, String errorClass) {}

    /** A certificate flag set on the server side (null field: none). */
    record CertCase(String field, String errorClass) {}

    record Endpoints(String clientIp, int clientPort, String vipIp, int vipPort, String egressIp, int egressPort,
            String originIp, int originPort) {}

    record Scenario(long epochSecond, String cVersion, String cCipher, String ja3, String sni, ClientError error,
            String sVersion, String sCipher, String ja3s, CertCase cert, Endpoints endpoints, String dataPlane,
            List<String> fillers, Format format, long shuffleSeed) {}

    private static Scenario scenario(Gen g) {
        long when = g.between(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2030-12-31T00:00:00Z").getEpochSecond());
        String cVersion = version(g);
        String cCipher = cipher(g);
        String ja3 = md5(g);
        String sni = g.of("www.example.com", "a.b.example", "-");
        ClientError error = g.of(
                new ClientError("-", null), new ClientError("No", null), new ClientError("NotChecked", null),
                new ClientError("no shared cipher", "no_shared_cipher"),
                new ClientError("unsupported protocol", "protocol_version"),
                new ClientError("certificate expired", "cert_expired"),
                new ClientError("Yes", "unclassified"),
                new ClientError("odd, \"quoted\" failure", "unclassified"));
        String sVersion = version(g);
        String sCipher = cipher(g);
        String ja3s = md5(g);
        // no flag a third of the time: client successes need it, and must be common enough to count below
        CertCase cert = g.weighted(1, 2) == 0 ? new CertCase(null, null) : g.of(
                new CertCase("x-r-cert-expired", "cert_expired"),
                new CertCase("x-r-cert-revoked", "cert_revoked"),
                new CertCase("x-r-cert-untrusted-root", "cert_untrusted"),
                new CertCase("x-r-cert-self-signed", "cert_untrusted"),
                new CertCase("x-r-cert-incomplete-chain", "cert_untrusted"),
                new CertCase("x-r-cert-mismatch", "cert_bad"));
        Endpoints endpoints = new Endpoints(ip(g), port(g), ip(g), port(g), ip(g), port(g), ip(g), port(g));
        String dataPlane = g.of("US-SFO1", "-");
        List<String> fillers = g.list(0, 12, f -> f.string(" ,\"-abABCDE", 0, 10));
        return new Scenario(when, cVersion, cCipher, ja3, sni, error, sVersion, sCipher, ja3s, cert, endpoints,
                dataPlane, fillers, g.of(Format.values()), g.anyLong());
    }

    private static String version(Gen g) {
        return g.of("TLSv1.2", "TLSv1.3", "TLSv1", "-", "NotChecked");
    }

    private static String cipher(Gen g) {
        return g.of("TLS_AES_256_GCM_SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "-");
    }

    private static String md5(Gen g) {
        return g.bool() ? g.string("0123456789abcdef", 32, 32) : g.of("-", "NotAvailable");
    }

    private static String ip(Gen g) {
        return g.between(1, 223) + "." + g.between(1, 223) + "." + g.between(1, 223) + "." + g.between(1, 223);
    }

    private static int port(Gen g) {
        return g.between(0, 65535);
    }

    private static Map<String, String> fields(Scenario sc) {
        Map<String, String> m = new LinkedHashMap<>();
        Instant t = Instant.ofEpochSecond(sc.epochSecond());
        m.put("date", DATE.format(t));
        m.put("time", TIME.format(t));
        Endpoints ep = sc.endpoints();
        m.put("x-cs-src-ip", ep.clientIp());
        m.put("x-cs-src-port", Integer.toString(ep.clientPort()));
        m.put("x-cs-dst-ip", ep.vipIp());
        m.put("x-cs-dst-port", Integer.toString(ep.vipPort()));
        m.put("x-sr-src-ip", ep.egressIp());
        m.put("x-sr-src-port", Integer.toString(ep.egressPort()));
        m.put("x-sr-dst-ip", ep.originIp());
        m.put("x-sr-dst-port", Integer.toString(ep.originPort()));
        m.put("x-cs-ssl-version", sc.cVersion());
        m.put("x-cs-ssl-cipher", sc.cCipher());
        m.put("x-cs-ssl-ja3", sc.ja3());
        m.put("x-cs-sni", sc.sni());
        m.put("x-cs-ssl-handshake-error", sc.error().text());
        m.put("x-sr-ssl-version", sc.sVersion());
        m.put("x-sr-ssl-cipher", sc.sCipher());
        m.put("x-sr-ssl-ja3s", sc.ja3s());
        for (NetskopeErrorTable.CertFlag flag : NetskopeErrorTable.CertFlag.values()) {
            m.put(flag.field(), flag.field().equals(sc.cert().field()) ? "Yes" : "No");
        }
        m.put("x-s-dp-name", sc.dataPlane());
        for (int i = 0; i < sc.fillers().size(); i++) {
            m.put("x-filler-" + i, sc.fillers().get(i));
        }
        return m;
    }

    private static List<String> write(Scenario sc) {
        List<Map.Entry<String, String>> columns = new ArrayList<>(fields(sc).entrySet());
        Collections.shuffle(columns, new Random(sc.shuffleSeed()));
        char sep = sc.format() == Format.CSV ? ',' : ' ';
        List<String> lines = new ArrayList<>();
        String names = String.join(String.valueOf(sep), columns.stream().map(Map.Entry::getKey).toList());
        if (sc.format() == Format.W3C_DIRECTIVES) {
            lines.add("#Version: 1.0");
            lines.add("#Fields: " + names);
            lines.add("#Date: 2026-03-10 00:00:00");
        } else {
            lines.add(names);
        }
        lines.add(NetskopeFieldSplitterProperties.write(columns.stream().map(Map.Entry::getValue).toList(), sep));
        return lines;
    }

    private static String valueOrNull(String v) {
        return NetskopeErrorTable.isValue(v) ? v : null;
    }

    @Test
    void headerAndRowInAnyColumnOrderReadBack() {
        Map<String, Integer> sides = new TreeMap<>();
        PropertyCheck.forAll(500, NetskopeDecoderProperties::scenario, sc -> sides.merge(readBack(sc), 1, Integer::sum));
        // the generator must reach every side and outcome, not only one of them
        assertThat(sides.getOrDefault("client failure", 0)).as("%s", sides).isGreaterThan(500 * 20 / 100);
        assertThat(sides.getOrDefault("server failure", 0)).as("%s", sides).isGreaterThan(500 * 10 / 100);
        assertThat(sides.getOrDefault("client success", 0)).as("%s", sides).isGreaterThan(500 * 5 / 100);
    }

    /** Writes the scenario, reads it back, checks every field; answers "side outcome". */
    private static String readBack(Scenario sc) {
        NetskopeDecoder decoder = new NetskopeDecoder();
        List<String> lines = write(sc);
        for (int i = 0; i < lines.size() - 1; i++) {
            assertThat(decoder.decode(lines.get(i), RECORD_TIME))
                    .isEqualTo(new LogDecodeResult.Dropped(NetskopeDecoder.DROPPED_HEADER));
        }
        LogDecodeResult r = decoder.decode(lines.get(lines.size() - 1), RECORD_TIME);
        assertThat(r).isInstanceOf(LogDecodeResult.Decoded.class);
        HandshakeEvent e = ((LogDecodeResult.Decoded) r).event();
        assertValidRecord(Schema.HANDSHAKE_EVENT, e);

        boolean clientObserved = valueOrNull(sc.cVersion()) != null || valueOrNull(sc.cCipher()) != null
                || valueOrNull(sc.ja3()) != null || valueOrNull(sc.sni()) != null
                || !NetskopeErrorTable.isPlaceholder(sc.error().text());
        String expectedSide = sc.error().errorClass() != null ? "client"
                : sc.cert().errorClass() != null ? "server"
                : clientObserved ? "client" : "server";
        Endpoints ep = sc.endpoints();

        assertThat(e.source()).isEqualTo(HandshakeEvent.SOURCE_NETSKOPE);
        assertThat(e.kind()).isEqualTo(Kind.PROXY_TLS);
        assertThat(e.timestampMs()).isEqualTo(sc.epochSecond() * 1000L);
        assertThat(e.observer()).isEqualTo(sc.dataPlane().equals("-") ? "netskope" : "us-sfo1");
        assertThat(e.side()).isEqualTo(expectedSide);
        if (expectedSide.equals("client")) {
            assertThat(e.errorClass()).isEqualTo(sc.error().errorClass());
            assertThat(e.reason()).isEqualTo(sc.error().errorClass() == null ? null : sc.error().text());
            assertThat(e.clientIp()).isEqualTo(ep.clientIp());
            assertThat(e.clientPort()).isEqualTo(ep.clientPort());
            assertThat(e.serverIp()).isEqualTo(ep.vipIp());
            assertThat(e.serverPort()).isEqualTo(ep.vipPort());
            assertThat(e.tls() == null ? null : e.tls().version()).isEqualTo(valueOrNull(sc.cVersion()));
            assertThat(e.tls() == null ? null : e.tls().cipher()).isEqualTo(valueOrNull(sc.cCipher()));
            assertThat(e.tls() == null ? null : e.tls().ja3()).isEqualTo(valueOrNull(NetskopeDecoder.md5Hex(sc.ja3())));
            assertThat(e.tls() == null ? null : e.tls().ja3s()).isNull();
        } else {
            assertThat(e.errorClass()).isEqualTo(sc.cert().errorClass());
            assertThat(e.reason()).isEqualTo(sc.cert().field() == null ? null : sc.cert().field() + "=Yes");
            assertThat(e.clientIp()).isEqualTo(ep.egressIp());
            assertThat(e.clientPort()).isEqualTo(ep.egressPort());
            assertThat(e.serverIp()).isEqualTo(ep.originIp());
            assertThat(e.serverPort()).isEqualTo(ep.originPort());
            assertThat(e.tls() == null ? null : e.tls().version()).isEqualTo(valueOrNull(sc.sVersion()));
            assertThat(e.tls() == null ? null : e.tls().cipher()).isEqualTo(valueOrNull(sc.sCipher()));
            assertThat(e.tls() == null ? null : e.tls().ja3s()).isEqualTo(valueOrNull(NetskopeDecoder.md5Hex(sc.ja3s())));
            assertThat(e.tls() == null ? null : e.tls().ja3()).isNull();
        }
        assertThat(e.tls() == null ? null : e.tls().sni()).isEqualTo(valueOrNull(sc.sni()));
        assertThat(e.line()).isEqualTo(Texts.cut(lines.get(lines.size() - 1), NetskopeDecoder.MAX_EVIDENCE_CHARS));
        return expectedSide + (e.errorClass() == null ? " success" : " failure");
    }
}
