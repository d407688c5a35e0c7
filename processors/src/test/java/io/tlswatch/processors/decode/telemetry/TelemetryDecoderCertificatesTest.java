package io.tlswatch.processors.decode.telemetry;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.schemas.CertificateSample;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverSignal;
import io.tlswatch.schemas.ProfileTrafficSample;
import io.tlswatch.schemas.Schema;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The poller's certificates ({@code sslCerts}) and client-ssl profile counters, field by field. */
class TelemetryDecoderCertificatesTest {
    private static final long RECORD_MS = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private final TelemetryDecoder decoder = new TelemetryDecoder();

    static LogDecodeResult.Telemetry telemetry(LogDecodeResult r) {
        LogDecodeResult.Telemetry t = TelemetryDecoderTest.telemetry(r);
        t.certificates().forEach(c -> assertValidRecord(Schema.CERTIFICATE_SAMPLE, c));
        t.profiles().forEach(p -> assertValidRecord(Schema.PROFILE_TRAFFIC_SAMPLE, p));
        if (t.certificatesPolled() != null) {
            assertValidRecord(Schema.OBSERVER_SIGNAL, t.certificatesPolled());
        }
        return t;
    }

    static Map<String, CertificateSample> certs(LogDecodeResult.Telemetry t) {
        return t.certificates().stream().collect(Collectors.toMap(CertificateSample::name, Function.identity()));
    }

    static Map<String, ProfileTrafficSample> profiles(LogDecodeResult.Telemetry t) {
        return t.profiles().stream().collect(Collectors.toMap(ProfileTrafficSample::profile, Function.identity()));
    }

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Nested
    class RealPollerSample {
        private final LogDecodeResult.Telemetry t;

        RealPollerSample() throws IOException {
            t = telemetry(decoder.decode(TelemetryDecoderTest.shared("ts-system-poller-output.json"), RECORD_MS));
        }

        @Test
        void fourCertificatesWithTheExamplesPlaceholderDate() {
            // TS's example output writes expirationDate 0 and an ISO expirationString: the string is the date
            assertThat(certs(t)).containsOnlyKeys("ca-bundle.crt", "default.crt", "f5-ca-bundle.crt", "f5-irule.crt");
            CertificateSample c = certs(t).get("default.crt");
            assertThat(c.observer()).isEqualTo("telemetry");
            assertThat(c.subject()).isEqualTo("emailAddress=root@localhost.localdomain,CN=localhost.localdomain,"
                    + "OU=IT,O=MyCompany,L=Seattle,ST=WA,C=US");
            assertThat(c.issuer()).isEqualTo(c.subject());
            assertThat(c.notAfterMs()).isEqualTo(ms("2019-01-01T01:01:01Z"));
            assertThat(c.timestampMs()).as("system.systemTimestamp").isEqualTo(ms("2019-01-01T01:01:01Z"));
            assertThat(certs(t).get("ca-bundle.crt").issuer())
                    .startsWith("CN=Starfield Services Root Certificate Authority,OU=http://certificates.starfieldtech");
        }

        @Test
        void theListIsCompleteSoItsEndIsSignalled() {
            assertThat(t.certificatesPolled()).isEqualTo(
                    ObserverSignal.certificatesPolled("telemetry", ms("2019-01-01T01:01:01Z"), 4));
        }

        @Test
        void twoProfilesWithTheirCounters() {
            assertThat(profiles(t)).containsOnlyKeys("/Common/clientssl", "/Example_Tenant/A1/webtls");
            assertThat(profiles(t).get("/Example_Tenant/A1/webtls")).isEqualTo(new ProfileTrafficSample(
                    "telemetry", "/Example_Tenant/A1/webtls", ms("2019-01-01T01:01:01Z"), 0, 0L, 0L, 200L));
            assertThat(profiles(t).get("/Common/clientssl").connections()).isZero();
        }
    }

    @Nested
    class HandWrittenPoller {
        private final LogDecodeResult.Telemetry t;
        private final Map<String, CertificateSample> certs;

        HandWrittenPoller() throws IOException {
            t = telemetry(decoder.decode(TelemetryDecoderTest.resource("poller-certificates-profiles.json"), RECORD_MS));
            certs = certs(t);
        }

        @Test
        void everyObjectEntryIsListedEvenWithoutAUsableDate() {
            assertThat(certs).containsOnlyKeys("default.crt", "/Shop/shop.example.com.crt", "placeholder.crt",
                    "millis.crt", "nodate.crt");
            assertThat(t.certificatesPolled().certificates()).isEqualTo(5);
            assertThat(t.certificatesPolled().timestampMs()).isEqualTo(ms("2026-03-01T00:00:00Z"));
            assertThat(certs.get("nodate.crt").notAfterMs()).as("'soon', 30 February").isNull();
            assertThat(certs.get("nodate.crt").subject()).as("a number is not a DN").isNull();
        }

        @Test
        void expirationDateIsEpochSecondsAndAgreesWithTheString() {
            assertThat(certs.get("default.crt").notAfterMs()).isEqualTo(1_859_497_229_000L);
            // the same certificate's two forms, as TS sends them: the parser reads the string to the same instant
            assertThat(CertificateEntries.parseDate("Dec  3 23:00:29 2028 GMT")).isEqualTo(1_859_497_229_000L);
            assertThat(certs.get("default.crt").issuer()).startsWith("emailAddress=root@localhost.localdomain,CN=");
        }

        @Test
        void theStringWhenTheNumberIsMissingZeroOrImplausible() {
            assertThat(certs.get("/Shop/shop.example.com.crt").notAfterMs()).isEqualTo(ms("2026-03-20T12:00:00Z"));
            assertThat(certs.get("/Shop/shop.example.com.crt").subject())
                    .isEqualTo("CN=shop.example.com,O=Example Inc.,C=US");
            assertThat(certs.get("placeholder.crt").notAfterMs()).isEqualTo(ms("2019-01-01T01:01:01Z"));
            // milliseconds by mistake: past year 9999 as seconds, so the string decides
            assertThat(certs.get("millis.crt").notAfterMs()).isEqualTo(ms("2027-01-02T03:04:05Z"));
            assertThat(certs.get("millis.crt").subject()).as("a control character").isNull();
        }

        @Test
        void profileCountersAndTheirDenominator() {
            Map<String, ProfileTrafficSample> p = profiles(t);
            assertThat(p).containsOnlyKeys("/Common/clientssl", "/Shop/A1/webtls", "/Shop/A1/half");
            assertThat(p.get("/Common/clientssl")).isEqualTo(new ProfileTrafficSample("bigip-07",
                    "/Common/clientssl", ms("2026-03-01T00:00:00Z"), 40, 12L, 2L, 24_456L));
            assertThat(p.get("/Shop/A1/webtls").connections()).as("neither connection counter").isNull();
            assertThat(p.get("/Shop/A1/webtls").sniRejects()).isNull();
            assertThat(p.get("/Shop/A1/half").connections()).as("half a denominator is none").isNull();
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Dec  3 23:00:29 2028 GMT | 2028-12-03T23:00:29Z",
            "Jan 1 00:00:00 2030 GMT  | 2030-01-01T00:00:00Z",
            "jan 02 03:04:05 2027 UTC | 2027-01-02T03:04:05Z",
            "Feb 29 12:00:00 2028 GMT | 2028-02-29T12:00:00Z",
            "Jan  2 03:04:05.5 2027 GMT | 2027-01-02T03:04:05Z",
            "2031-04-09T19:51:46.000Z | 2031-04-09T19:51:46Z",
            "2027-01-02T05:04:05+02:00 | 2027-01-02T03:04:05Z"})
        void openSslAndIsoForms(String text, String expected) {
            assertThat(CertificateEntries.parseDate(text)).isEqualTo(ms(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "Jan  2 03:04:05 2027", "Jan  2 03:04:05 2027 PST", "Foo  2 03:04:05 2027 GMT",
            "Feb 30 00:00:00 2027 GMT", "Feb 29 00:00:00 2027 GMT", "Jan 32 00:00:00 2027 GMT",
            "Jan  2 24:00:00 2027 GMT", "Jan  2 23:59:60 2027 GMT", "Jan  2 3:04:05 2027 GMT", "Jan  2 03:04 2027 GMT",
            "Jan  2 03:04:05. 2027 GMT", "Jan  2 03:04:05 27 GMT", "Jan  2 03:04:05 1969 GMT",
            "Jan -2 03:04:05 2027 GMT", "Jan  2 03:04:05 2027 GMT extra", "Jan  ² 03:04:05 2027 GMT",
            "1969-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "2027-01-02T03:04:05", "2027-13-02T03:04:05Z"})
        void anythingElseIsNoDate(String text) {
            assertThat(CertificateEntries.parseDate(text)).isEqualTo(-1);
        }

        @Test
        void longTextIsNotParsed() {
            assertThat(CertificateEntries.parseDate("Jan  2 03:04:05 2027 GMT" + " ".repeat(60))).isEqualTo(-1);
            assertThat(CertificateEntries.parseDate(null)).isEqualTo(-1);
        }

        @Test
        void epochSecondsMustBePositiveAndBeforeYear10000() {
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            for (long bad : new long[] {0, -1, 253_402_300_800L, Long.MAX_VALUE}) {
                assertThat(CertificateEntries.notAfterMs(c.put("expirationDate", bad))).as("%d", bad).isNull();
            }
            assertThat(CertificateEntries.notAfterMs(c.put("expirationDate", 253_402_300_799L)))
                    .isEqualTo(253_402_300_799_000L);
            assertThat(CertificateEntries.notAfterMs(c.put("expirationDate", 1.8594972290E9))).isEqualTo(1_859_497_229_000L);
            assertThat(CertificateEntries.notAfterMs(c.put("expirationDate", 1.5))).isNull();
        }
    }

    @Nested
    class HostileDocuments {
        private ObjectNode poller() {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
            doc.putObject("system").put("hostname", "b1").put("systemTimestamp", "2026-02-01T08:00:00Z");
            return doc;
        }

        @Test
        void noListNoEnd() {
            ObjectNode doc = poller();
            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).certificatesPolled())
                    .as("TS told not to collect certificates: nothing is removed").isNull();
            doc.putArray("sslCerts").addObject().put("name", "a.crt").put("expirationDate", 1_859_497_229L);
            LogDecodeResult.Telemetry t = telemetry(decoder.decode(doc, RECORD_MS));
            assertThat(t.certificates()).as("TS writes a map, never an array").isEmpty();
            assertThat(t.certificatesPolled()).isNull();
            doc.put("sslCerts", "x");
            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).certificatesPolled()).isNull();
        }

        @Test
        void anEmptyMapIsACompleteEmptyList() {
            ObjectNode doc = poller();
            doc.putObject("sslCerts");
            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).certificatesPolled().certificates()).isZero();
        }

        @Test
        void theOldNameTlsCertsIsReadToo() {
            ObjectNode doc = poller();
            doc.putObject("tlsCerts").putObject("default.crt").put("expirationString", "Oct 12 17:07:04 2028 GMT");
            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).certificates()).extracting(CertificateSample::notAfterMs)
                    .containsExactly(ms("2028-10-12T17:07:04Z"));
        }

        @Test
        void withoutAnyTimeNothingIsListed() {
            ObjectNode doc = poller();
            ((ObjectNode) doc.get("system")).remove("systemTimestamp");
            doc.putObject("sslCerts").putObject("a.crt").put("expirationDate", 1_859_497_229L);
            doc.putObject("clientSslProfiles").putObject("/Common/clientssl").put("handshakeFailures", 3);
            LogDecodeResult.Telemetry t = telemetry(decoder.decode(doc, -1));
            assertThat(t.certificates()).isEmpty();
            assertThat(t.certificatesPolled()).isNull();
            assertThat(t.profiles()).isEmpty();
            // with the record's time instead
            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).certificates()).hasSize(1);
        }

        @Test
        void atTheCertificateLimitTheListIsCompleteAndBeyondItIsNot() {
            ObjectNode doc = poller();
            ObjectNode certs = doc.putObject("sslCerts");
            for (int i = 0; i < CertificateEntries.MAX_CERTIFICATES; i++) {
                certs.putObject("c" + i + ".crt").put("expirationDate", 1_859_497_229L);
            }
            LogDecodeResult.Telemetry full = decoder.decode(doc, RECORD_MS) instanceof LogDecodeResult.Telemetry t ? t : null;
            assertThat(full.certificates()).hasSize(CertificateEntries.MAX_CERTIFICATES);
            assertThat(full.certificatesPolled()).isNotNull();

            certs.putObject("one-more.crt").put("expirationDate", 1_859_497_229L);
            LogDecodeResult.Telemetry over = (LogDecodeResult.Telemetry) decoder.decode(doc, RECORD_MS);
            assertThat(over.certificates()).hasSize(CertificateEntries.MAX_CERTIFICATES);
            assertThat(over.certificatesPolled()).as("a cut list cannot tell what was removed").isNull();
        }

        @Test
        void namesAndDnsThatAreNotWhatTheyShouldBe() {
            ObjectNode doc = poller();
            ObjectNode certs = doc.putObject("sslCerts");
            certs.putObject("n".repeat(TelemetryDecoder.MAX_NAME_LENGTH + 1)).put("name", "inner.crt");
            certs.putObject("bad\u0000key");
            certs.putObject("long-dn.crt").put("subject", "CN=" + "x".repeat(CertificateEntries.MAX_DN_LENGTH))
                    .put("issuer", "   ");
            certs.putObject("").put("name", 7);
            Map<String, CertificateSample> byName = certs(telemetry(decoder.decode(doc, RECORD_MS)));
            assertThat(byName).containsOnlyKeys("inner.crt", "long-dn.crt");
            assertThat(byName.get("long-dn.crt").subject()).isNull();
            assertThat(byName.get("long-dn.crt").issuer()).isNull();
        }

        @Test
        void countersOfEveryWrongShape() {
            ObjectNode doc = poller();
            ObjectNode profiles = doc.putObject("clientSslProfiles");
            profiles.putObject("/Common/a").put("handshakeFailures", 1.5);
            profiles.putObject("/Common/b").put("handshakeFailures", "9");
            profiles.putObject("/Common/c").put("handshakeFailures", 9.0).put("totNativeConns", Long.MAX_VALUE)
                    .put("totCompatConns", 1);
            profiles.putObject("/Common/d").put("handshakeFailures", 0).put("fatalAlerts", -1).put("sniRejects", true)
                    .put("totCompatConns", 5);
            profiles.put("/Common/e", 3);
            Map<String, ProfileTrafficSample> p = profiles(telemetry(decoder.decode(doc, RECORD_MS)));
            assertThat(p).containsOnlyKeys("/Common/c", "/Common/d");
            assertThat(p.get("/Common/c").handshakeFailures()).isEqualTo(9);
            assertThat(p.get("/Common/c").connections()).as("the sum would overflow").isNull();
            assertThat(p.get("/Common/d").fatalAlerts()).isNull();
            assertThat(p.get("/Common/d").sniRejects()).isNull();
            assertThat(p.get("/Common/d").connections()).as("compat only").isEqualTo(5);
        }
    }
}
