package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDecoderTest {
    /** A fixed processing clock: 2026-03-01, so "Feb  1" lines fall in 2026 and "Dec 17" in 2025. */
    private static final long NOW = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private final LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown");

    private LogDecodeResult decode(String line) {
        return decoder.decode(line.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private HandshakeEvent decoded(String line) {
        LogDecodeResult r = decode(line);
        assertThat(r).as(line).isInstanceOf(LogDecodeResult.Decoded.class);
        return ((LogDecodeResult.Decoded) r).event();
    }

    @Test
    void handshakeFailedWithFullEnvelope() {
        HandshakeEvent e = decoded(
                "Jan 17 03:37:54 SV5-F5-5600-2 warning tmm[23068]: 01260013:4: SSL Handshake failed for TCP 10.160.23.133:50365 -> 10.156.1.150:443");
        assertThat(e.observer()).isEqualTo("sv5-f5-5600-2");
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-01-17T03:37:54Z").toEpochMilli());
        assertThat(e.process()).isEqualTo("tmm");
        assertThat(e.pid()).isEqualTo(23068);
        assertThat(e.msgid()).isEqualTo("01260013");
        assertThat(e.kind()).isEqualTo(Kind.HANDSHAKE_FAILED);
        assertThat(e.transport()).isEqualTo("tcp");
        assertThat(e.clientIp()).isEqualTo("10.160.23.133");
        assertThat(e.clientPort()).isEqualTo(50365);
        assertThat(e.serverIp()).isEqualTo("10.156.1.150");
        assertThat(e.serverPort()).isEqualTo(443);
        assertThat(e.errorClass()).isEqualTo("unclassified");
    }

    @Test
    void olderConnectionErrorCarriesReasonAndAlertSentButNoAddress() {
        HandshakeEvent e = decoded(
                "Feb  1 08:12:14 pua-bigip warning tmm1[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)");
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-02-01T08:12:14Z").toEpochMilli());
        assertThat(e.process()).isEqualTo("tmm1");
        assertThat(e.func()).isEqualTo("ssl_select_suite");
        assertThat(e.reason()).isEqualTo("no shared ciphers");
        assertThat(e.alertCode()).isEqualTo(40);
        assertThat(e.alertReceived()).isFalse();
        assertThat(e.hasAddresses()).isFalse();
        assertThat(e.errorClass()).isEqualTo("no_shared_cipher");
    }

    @Test
    void headerStrippedReasonsMapToTheirClasses() {
        assertThat(decoded("warning tmm1[23068]: 01260009:4: Connection error: ssl_passthru:5234: not SSL (40)")
                .errorClass()).isEqualTo("not_tls");
        assertThat(decoded("warning tmm1[75593]: 01260009:4: Connection error: ssl_hs_rxhello:10026: unsupported version (40)")
                .errorClass()).isEqualTo("protocol_version");
        HandshakeEvent fallback = decoded(
                "warning tmm2[217019]: 01260009:4: Connection error: ssl_select_suite:9301: TLS_FALLBACK_SCSV with a lower protocol (86)");
        assertThat(fallback.errorClass()).isEqualTo("inappropriate_fallback");
        assertThat(fallback.alertCode()).isEqualTo(86);
        assertThat(fallback.observer()).isEqualTo("unknown");
    }

    @Test
    void newerConnectionErrorHasAddressesAndAReceivedAlert() {
        HandshakeEvent e = decoded("Mar  1 00:00:01 bigip1 warning tmm3[100]: 01260009:4: 10.0.0.5:51000 -> 10.0.0.9%2:443: "
                + "Connection error: ssl_codec_rx:2314: alert(45) received alert");
        assertThat(e.clientIp()).isEqualTo("10.0.0.5");
        assertThat(e.serverIp()).isEqualTo("10.0.0.9");
        assertThat(e.routeDomain()).isEqualTo(2);
        assertThat(e.alertCode()).isEqualTo(45);
        assertThat(e.alertReceived()).isTrue();
        assertThat(e.errorClass()).isEqualTo("cert_expired");
    }

    @Test
    void noSharedCiphersDotPortFormAndIpv6() {
        HandshakeEvent v4 = decoded("Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260026:4: "
                + "No shared ciphers between SSL peers 192.168.99.86.32962:192.168.20.230.636.");
        assertThat(v4.clientIp()).isEqualTo("192.168.99.86");
        assertThat(v4.clientPort()).isEqualTo(32962);
        assertThat(v4.serverIp()).isEqualTo("192.168.20.230");
        assertThat(v4.serverPort()).isEqualTo(636);
        HandshakeEvent v6 = decoded("tmm[1]: 01260026:4: No shared ciphers between SSL peers 2001:db8::1.40000:2001:db8::2.443.");
        assertThat(v6.clientIp()).isEqualTo("2001:db8::1");
        assertThat(v6.serverIp()).isEqualTo("2001:db8::2");
        assertThat(v6.serverPort()).isEqualTo(443);
        HandshakeEvent v6colon = decoded("tmm[1]: 01260013:4: SSL Handshake failed for UDP 2001:db8::1:40000 -> 2001:db8::2:443");
        assertThat(v6colon.clientIp()).isEqualTo("2001:db8::1");
        assertThat(v6colon.transport()).isEqualTo("udp");
    }

    @Test
    void telemetryStreamingWrapsASyslogLine() {
        String ts = "{\"data\":\"<134>Feb  1 08:12:14 bigip-ts.example warning tmm[9244]: 01260013:4: SSL Handshake failed for TCP "
                + "1.2.3.4:5 -> 6.7.8.9:443\",\"hostname\":\"bigip-ts.example\",\"telemetryEventCategory\":\"syslog\"}";
        HandshakeEvent e = decoded(ts);
        assertThat(e.observer()).isEqualTo("bigip-ts");
        assertThat(e.serverPort()).isEqualTo(443);
        assertThat(decode("{\"telemetryEventCategory\":\"LTM\",\"virtual_name\":\"/Common/vs\"}"))
                .isEqualTo(new LogDecodeResult.Dropped("telemetry_ltm"));
    }

    @Test
    void theSystemPollerSampleGivesInventoryAndCounters() throws IOException {
        byte[] poller = Files.readAllBytes(SharedData.f5("ts-system-poller-output.json"));
        LogDecodeResult r = decoder.decode(poller, NOW);
        assertThat(r).isInstanceOf(LogDecodeResult.Telemetry.class);
        LogDecodeResult.Telemetry t = (LogDecodeResult.Telemetry) r;
        assertThat(t.virtualServers()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.observer()).isEqualTo("telemetry"));
        assertThat(t.virtualServers()).anySatisfy(v -> {
            assertThat(v.name()).isEqualTo("/Common/app.app/app_vs");
            assertThat(v.address()).isEqualTo("10.5.6.7");
            assertThat(v.port()).isEqualTo(80);
        });
        assertThat(t.samples()).isNotEmpty();
    }

    @Test
    void rfc5424Envelope() {
        HandshakeEvent e = decoded("<141>1 2026-02-14T14:39:05.271965+00:00 bigip5424 tmm 7389 01260013:5: "
                + "SSL Handshake failed for TCP 10.1.1.1:1000 -> 10.2.2.2:443");
        assertThat(e.observer()).isEqualTo("bigip5424");
        assertThat(e.pid()).isEqualTo(7389);
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-02-14T14:39:05.271Z").toEpochMilli());
    }

    @Test
    void yearIsTheOneClosestToTheClockAcrossNewYear() {
        LogDecoder january = new LogDecoder(ZoneId.of("UTC"), () -> Instant.parse("2027-01-01T00:05:00Z").toEpochMilli(), "x");
        LogDecodeResult r = january.decode("Dec 31 23:59:59 h warning tmm[1]: 01260008:3: SSL transaction (TPS) rate limit reached"
                .getBytes(StandardCharsets.UTF_8), 0);
        assertThat(((LogDecodeResult.Decoded) r).event().timestampMs())
                .isEqualTo(Instant.parse("2026-12-31T23:59:59Z").toEpochMilli());
    }

    @Test
    void timestampsFarInTheFutureFallBackToTheRecordTime() {
        // a line stamped 10 hours ahead of the clock (a zone mistake) must not reach the broker as is
        LogDecoder decoderAt = new LogDecoder(ZoneId.of("UTC"), () -> Instant.parse("2026-02-01T00:00:00Z").toEpochMilli(), "x");
        long recordTime = Instant.parse("2026-01-31T23:59:58Z").toEpochMilli();
        LogDecodeResult r = decoderAt.decode("Feb  1 10:00:00 h warning tmm[1]: 01260008:3: SSL transaction (TPS) rate limit reached"
                .getBytes(StandardCharsets.UTF_8), recordTime);
        assertThat(((LogDecodeResult.Decoded) r).event().timestampMs()).isEqualTo(recordTime);
    }

    @Test
    void badInputIsRejectedWithAReason() {
        assertThat(reason(new byte[0])).isEqualTo(RejectReason.EMPTY);
        assertThat(reason(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41})).isEqualTo(RejectReason.NOT_UTF8);
        assertThat(reason("abc\u0000def".getBytes(StandardCharsets.UTF_8))).isEqualTo(RejectReason.CONTROL_CHARACTERS);
        assertThat(reason("{\"data\": ".getBytes(StandardCharsets.UTF_8))).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(reason("[".repeat(10_000).replaceFirst("\\[", "{\"a\":").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RejectReason.INVALID_JSON);
        assertThat(reason(new byte[LogDecoder.MAX_RECORD_BYTES + 1])).isEqualTo(RejectReason.OVERSIZED);
        assertThat(reason("tmm[1]: 01260013:4: SSL Handshake failed for TCP nonsense".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RejectReason.MALFORMED_SSL_MESSAGE);
        assertThat(reason("tmm[1]: 01260026:4: No shared ciphers between SSL peers x".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RejectReason.MALFORMED_SSL_MESSAGE);
    }

    @Test
    void aTlsLineLongerThanAnySyslogLineIsOversizedAnOtherLineStillDropped() {
        // under the record bound, yet its event would carry it (and its reason) through topics the broker bounds
        String head = "Feb  1 10:00:00 h warning tmm[1]: 01260009:4: 10.0.0.1:5 -> 10.0.0.2:443: Connection error:"
                + " ssl_codec_rx:2314: alert(45) received alert ";
        String fits = head + "x".repeat(LogDecoder.MAX_LINE_BYTES - head.length());
        assertThat(decode(fits)).isInstanceOf(LogDecodeResult.Decoded.class);
        assertThat(reason((fits + "x").getBytes(StandardCharsets.UTF_8))).isEqualTo(RejectReason.OVERSIZED);
        String wrapped = "{\"data\":\"" + fits + "x\",\"hostname\":\"h\"}";
        assertThat(reason(wrapped.getBytes(StandardCharsets.UTF_8))).isEqualTo(RejectReason.OVERSIZED);
        String audit = "Feb  1 10:00:00 h notice mcpd[1]: 01070638:5: " + "y".repeat(LogDecoder.MAX_LINE_BYTES);
        assertThat(decode(audit)).isInstanceOf(LogDecodeResult.Dropped.class);
    }

    @Test
    void prettyPrintedTelemetryJsonIsNotMistakenForBinary() {
        String ts = "{\n  \"data\": \"tmm[9]: 01260013:4: SSL Handshake failed for TCP 1.2.3.4:5 -> 6.7.8.9:443\",\n"
                + "  \"hostname\": \"pretty.example\"\n}\n";
        assertThat(decoded(ts).observer()).isEqualTo("pretty");
    }

    @Test
    void envelopeVariantsHostlessAndTabSeparated() {
        HandshakeEvent hostless = decoded("Mar  1 00:00:01 tmm1[77]: 01260013:4: SSL Handshake failed for TCP 1.1.1.1:1 -> 2.2.2.2:443");
        assertThat(hostless.observer()).isEqualTo("unknown");
        assertThat(hostless.process()).isEqualTo("tmm1");
        assertThat(hostless.pid()).isEqualTo(77);
        HandshakeEvent tabs = decoded("Mar  1 00:00:01\tbigip-tab\twarning\ttmm2[78]: 01260013:4: SSL Handshake failed for TCP 1.1.1.1:1 -> 2.2.2.2:443");
        assertThat(tabs.observer()).isEqualTo("bigip-tab");
        assertThat(tabs.process()).isEqualTo("tmm2");
    }

    @Test
    void connectionErrorLineNumberMayBeBracketedOrAbsent() {
        HandshakeEvent bracketed = decoded("tmm[1]: 01260009:4: Connection error: ssl_select_suite:<8181>: no shared ciphers (40)");
        assertThat(bracketed.func()).isEqualTo("ssl_select_suite");
        assertThat(bracketed.reason()).isEqualTo("no shared ciphers");
        // no line number: the text after the function is all reason, colons included
        HandshakeEvent noLine = decoded("tmm[1]: 01260009:4: Connection error: ssl_passthru: not SSL: x (40)");
        assertThat(noLine.reason()).isEqualTo("not SSL: x");
        assertThat(noLine.errorClass()).isEqualTo("not_tls");
    }

    @Test
    void ipv6WithoutDigitsIsStillAnAddress() {
        HandshakeEvent e = decoded("tmm[1]: 01260013:4: SSL Handshake failed for TCP abcd::ef:1000 -> [fe80::a%3]:443");
        assertThat(e.clientIp()).isEqualTo("abcd::ef");
        assertThat(e.serverIp()).isEqualTo("fe80::a");
        assertThat(e.routeDomain()).isEqualTo(3);
    }

    @Test
    void aStampMonthsAheadOfTheClockIsLastYearsNotAFutureOne() {
        // read on 1 March 2026, "Jun 10" can only be from an old file: June 2025
        HandshakeEvent e = decoded("Jun 10 12:00:00 h warning tmm[1]: 01260008:3: SSL transaction (TPS) rate limit reached");
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2025-06-10T12:00:00Z").toEpochMilli());
    }

    @Test
    void addressesMustBeRealAddresses() {
        // found by LogDecoderProperties: lax address checks let these through as IPs
        for (String bad : java.util.List.of(":92.168.99.86:32962", "a192.168.20.230:636", "092.168.99.86:1",
                "1.2.3:4", "1.2.3.256:5", "1:2:3:4:5:6:7:8:9:10", "fe80:::1:443")) {
            assertThat(reason(("tmm[1]: 01260013:4: SSL Handshake failed for TCP " + bad + " -> 10.0.0.1:443")
                    .getBytes(StandardCharsets.UTF_8))).as(bad).isEqualTo(RejectReason.MALFORMED_SSL_MESSAGE);
        }
        assertThat(decoded("tmm[1]: 01260013:4: SSL Handshake failed for TCP ::ffff:10.1.2.3:99 -> 1:2:3:4:5:6:7:8:443")
                .clientIp()).isEqualTo("::ffff:10.1.2.3");
    }

    @Test
    void hslLinesWithTlsFieldsAreEnrichmentAndOthersAreDropped() {
        HandshakeEvent e = decoded("Feb 28 11:39:47 192.168.128.217,f5_irule=tls-log,src_ip=198.51.100.9,src_port=50123,"
                + "vip=10.1.1.10,vip_port=443,virtual_server=\"/Common/app vs\",ssl_version=TLSv1.2,"
                + "ssl_cipher=ECDHE-RSA-AES128-GCM-SHA256,sni=shop.example.com");
        assertThat(e.kind()).isEqualTo(Kind.IRULE_CIPHER_NEGOTIATED);
        assertThat(e.observer()).isEqualTo("192.168.128.217");
        assertThat(e.timestampMs()).isEqualTo(Instant.parse("2026-02-28T11:39:47Z").toEpochMilli());
        assertThat(List.of(e.clientIp(), e.clientPort(), e.serverIp(), e.serverPort()))
                .containsExactly("198.51.100.9", 50123, "10.1.1.10", 443);
        assertThat(e.vipName()).isEqualTo("/Common/app vs");
        assertThat(e.tls().version()).isEqualTo("TLSv1.2");
        assertThat(e.tls().cipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(e.tls().sni()).isEqualTo("shop.example.com");
        HandshakeEvent ja4 = decoded("Feb 28 11:39:47 10.0.0.1,f5_irule=ja4,src_ip=198.51.100.9,ja4=t13d1516h2_8daaf6152771_e5627efa2ab1");
        assertThat(ja4.kind()).isEqualTo(Kind.IRULE_JA4);
        assertThat(ja4.tls().ja4()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
        // HTTP request logs: not about TLS, values with commas inside quotes do not break the split
        assertThat(decode("Apr 07 11:39:47 192.168.128.217,f5_irule=Splunk-iRule-HTTP,src_ip=192.168.128.62,"
                + "http_uri=\"/a,b=c\",vip=192.168.131.188")).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
        assertThat(HslLines.pairs("x,f5_irule=a,k=\"v, w=z\",n=1", 2))
                .containsEntry("f5_irule", "a").containsEntry("k", "v, w=z").containsEntry("n", "1");
    }

    @Test
    void ja4IRuleLine() {
        HandshakeEvent e = decoded("Feb 28 10:00:00 bigip1 info tmm2[4000]: Rule /Common/ja4_irule <CLIENTSSL_CLIENTHELLO>: "
                + "JA4=t13d1516h2_8daaf6152771_e5627efa2ab1 src=198.51.100.7:50123");
        assertThat(e.kind()).isEqualTo(Kind.IRULE_JA4);
        assertThat(e.tls().ja4()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
        assertThat(e.clientIp()).isEqualTo("198.51.100.7");
        assertThat(e.clientPort()).isEqualTo(50123);
        assertThat(e.isFailureEvidence()).isFalse();
        assertThat(reason(("Feb 28 10:00:00 bigip1 info tmm2[4000]: Rule /Common/ja4_irule <X>: JA4=nonsense src=1.2.3.4:5")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(RejectReason.MALFORMED_SSL_MESSAGE);
    }

    @Test
    void structuredDataBeforeTheSslTextIsSkipped() {
        HandshakeEvent e = decoded("<132>1 2026-02-14T14:39:05Z bigip5424 tmm 7389 01260013:4: [F5@12276 hostname=\"b]x\" "
                + "errdefs_msgno=\"01260013\"] SSL Handshake failed for TCP 10.1.1.1:1000 -> 10.2.2.2:443");
        assertThat(e.serverIp()).isEqualTo("10.2.2.2");
        assertThat(e.observer()).isEqualTo("bigip5424");
    }

    @Test
    void otherSslMessageIdsAreKeptAsUnclassified() {
        HandshakeEvent e = decoded("Mar  1 00:00:01 b err tmm[5]: 01260027:3: Some certificate verification text");
        assertThat(e.kind()).isEqualTo(Kind.OTHER_SSL);
        assertThat(e.errorClass()).isEqualTo("unclassified");
        assertThat(e.reason()).isEqualTo("Some certificate verification text");
    }

    private RejectReason reason(byte[] bytes) {
        LogDecodeResult r = decoder.decode(bytes, NOW);
        assertThat(r).isInstanceOf(LogDecodeResult.Rejected.class);
        return ((LogDecodeResult.Rejected) r).reason();
    }
}
