package io.tlswatch.processors.decode.telemetry;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryDecoderTest {
    private static final long RECORD_MS = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private final TelemetryDecoder decoder = new TelemetryDecoder();

    static JsonNode shared(String name) throws IOException {
        return Json.MAPPER.readTree(Files.readString(SharedData.f5(name)));
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = TelemetryDecoderTest.class.getResourceAsStream("/telemetry/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }

    static LogDecodeResult.Telemetry telemetry(LogDecodeResult r) {
        assertThat(r).isInstanceOf(LogDecodeResult.Telemetry.class);
        LogDecodeResult.Telemetry t = (LogDecodeResult.Telemetry) r;
        // everything the decoder produces is a valid record of its schema
        t.virtualServers().forEach(vs -> assertValidRecord(Schema.VIRTUAL_SERVER, vs));
        t.samples().forEach(s -> assertValidRecord(Schema.VIP_TRAFFIC_SAMPLE, s));
        t.virtualServers().forEach(vs -> assertValidRecord(vs));
        t.samples().forEach(s -> assertValidRecord(s));
        return t;
    }

    static Map<String, VirtualServer> byName(List<VirtualServer> servers) {
        return servers.stream().collect(Collectors.toMap(VirtualServer::name, Function.identity()));
    }

    static Map<String, VipTrafficSample> samplesByName(List<VipTrafficSample> samples) {
        return samples.stream().collect(Collectors.toMap(VipTrafficSample::vipName, Function.identity()));
    }

    @Nested
    class RealPollerSample {
        private final LogDecodeResult.Telemetry t;

        RealPollerSample() throws IOException {
            t = telemetry(decoder.decode(shared("ts-system-poller-output.json"), RECORD_MS));
        }

        @Test
        void oneVirtualServerAndOneSamplePerEntry() {
            assertThat(t.virtualServers()).extracting(VirtualServer::name).containsExactly(
                    "/Common/app.app/app_vs", "/Example_Tenant/A1/serviceMain",
                    "/Example_Tenant/A1/serviceMain-Redirect");
            assertThat(t.samples()).hasSize(3);
        }

        @Test
        void theNamedVirtualServerFieldByField() {
            VirtualServer vs = byName(t.virtualServers()).get("/Example_Tenant/A1/serviceMain");

            assertThat(vs.observer()).isEqualTo("telemetry");
            assertThat(vs.address()).isEqualTo("192.168.2.11");
            assertThat(vs.port()).isEqualTo(443);
            assertThat(vs.partition()).isEqualTo("Example_Tenant");
            assertThat(vs.application()).isEqualTo("A1");
            assertThat(vs.owner()).isNull();
            assertThat(vs.pagingRoute()).isNull();
            // its profiles map is empty in the sample
            assertThat(vs.clientSslProfiles()).isEmpty();
            assertThat(vs.source()).isEqualTo(TelemetryDecoder.SOURCE).isEqualTo("ts_system_poller");
        }

        @Test
        void theMapKeyNamesTheVirtualServerNotItsNameField() {
            // the sample's first entry is keyed /Common/app.app/app_vs but says name /Common/foofoo.app/foofoo_vs;
            // the key is the full path TS builds the map from, and what request logs call virtual_name
            VirtualServer vs = byName(t.virtualServers()).get("/Common/app.app/app_vs");

            assertThat(vs.address()).isEqualTo("10.5.6.7");
            assertThat(vs.port()).isEqualTo(80);
            assertThat(vs.partition()).isEqualTo("Common");
            assertThat(vs.application()).isEqualTo("foofoo.app");
            // /Common/tcp and /Common/app/http are not client-ssl profiles of this document
            assertThat(vs.clientSslProfiles()).isEmpty();

            VirtualServer redirect = byName(t.virtualServers()).get("/Example_Tenant/A1/serviceMain-Redirect");
            assertThat(redirect.address()).isEqualTo("192.168.2.11");
            assertThat(redirect.port()).isEqualTo(80);
        }

        @Test
        void samplesCarryTotConnsAndTheSystemTimestamp() {
            long polled = Instant.parse("2019-01-01T01:01:01Z").toEpochMilli();

            assertThat(t.samples()).allSatisfy(s -> {
                assertThat(s.observer()).isEqualTo("telemetry");
                assertThat(s.timestampMs()).isEqualTo(polled);
                assertThat(s.totalConnections()).isZero();
                assertThat(s.routeDomain()).isNull();
            });
            VipTrafficSample main = samplesByName(t.samples()).get("/Example_Tenant/A1/serviceMain");
            assertThat(main.address()).isEqualTo("192.168.2.11");
            assertThat(main.port()).isEqualTo(443);
        }
    }

    @Nested
    class HandWrittenPoller {
        private final LogDecodeResult.Telemetry t;
        private final Map<String, VirtualServer> servers;
        private final Map<String, VipTrafficSample> samples;

        HandWrittenPoller() throws IOException {
            t = telemetry(decoder.decode(resource("poller-route-domains-ipv6.json"), RECORD_MS));
            servers = byName(t.virtualServers());
            samples = samplesByName(t.samples());
        }

        @Test
        void routeDomainStaysOnTheInventoryAddressAndIsSeparateOnTheSample() {
            VirtualServer vs = servers.get("/Tenant_A/app/https_vs");
            assertThat(vs.address()).isEqualTo("10.1.1.1%2");
            assertThat(vs.port()).isEqualTo(443);
            assertThat(vs.partition()).isEqualTo("Tenant_A");
            assertThat(vs.application()).isEqualTo("app");

            VipTrafficSample s = samples.get("/Tenant_A/app/https_vs");
            assertThat(s.address()).isEqualTo("10.1.1.1");
            assertThat(s.port()).isEqualTo(443);
            assertThat(s.routeDomain()).isEqualTo(2);
            assertThat(s.totalConnections()).isEqualTo(1234);
            assertThat(s.timestampMs()).isEqualTo(Instant.parse("2026-02-01T08:12:14.500Z").toEpochMilli());
        }

        @Test
        void clientSslProfilesAreThoseOfTheDocumentsClientSslMap() {
            // tcp, http and serverssl are not in clientSslProfiles; document order is kept
            assertThat(servers.get("/Tenant_A/app/https_vs").clientSslProfiles())
                    .containsExactly("/Tenant_A/app/webtls", "/Common/clientssl");
            assertThat(servers.get("/Tenant_A/app/v6_vs").clientSslProfiles()).containsExactly("/Common/clientssl");
            assertThat(servers.get("/Tenant_A/app/v6_rd_vs").clientSslProfiles()).isEmpty();
        }

        @Test
        void ipv6DestinationsWithTheDotBeforeThePort() {
            VirtualServer v6 = servers.get("/Tenant_A/app/v6_vs");
            assertThat(v6.address()).isEqualTo("2001:db8::10");
            assertThat(v6.port()).isEqualTo(443);

            VirtualServer v6rd = servers.get("/Tenant_A/app/v6_rd_vs");
            assertThat(v6rd.address()).isEqualTo("2001:db8::20%3");
            assertThat(v6rd.port()).isEqualTo(8443);
            VipTrafficSample s = samples.get("/Tenant_A/app/v6_rd_vs");
            assertThat(s.address()).isEqualTo("2001:db8::20");
            assertThat(s.routeDomain()).isEqualTo(3);
            assertThat(s.totalConnections()).isZero();
        }

        @Test
        void routeDomainZeroIsTheDefaultDomainAndABlankApplicationIsNone() {
            VirtualServer vs = servers.get("/Common/rd0_vs");
            assertThat(vs.address()).isEqualTo("10.9.9.9");
            assertThat(vs.application()).isNull();
            assertThat(samples.get("/Common/rd0_vs").routeDomain()).isNull();
            assertThat(samples.get("/Common/rd0_vs").totalConnections()).isEqualTo(5); // 5.0: an exact integer
        }

        @Test
        void aMissingOrNonNumericCounterGivesAnInventoryEntryButNoSample() {
            for (String name : List.of("/Common/no_conns_vs", "/Common/text_conns_vs", "/Common/negative_conns_vs",
                    "/Common/fraction_conns_vs")) {
                assertThat(servers).as(name).containsKey(name);
                assertThat(samples).as(name).doesNotContainKey(name);
            }
        }

        @Test
        void aCounterWithoutAUsableDestinationGivesASampleButNoInventoryEntry() {
            for (String name : List.of("/Common/no_destination_vs", "/Common/hostname_destination_vs")) {
                assertThat(servers).as(name).doesNotContainKey(name);
                VipTrafficSample s = samples.get(name);
                assertThat(s.address()).isNull();
                assertThat(s.port()).isNull();
                assertThat(s.routeDomain()).isNull();
            }
            assertThat(samples.get("/Common/no_destination_vs").totalConnections()).isEqualTo(99);
        }

        @Test
        void wildcardDestination() {
            assertThat(servers.get("/Common/wildcard_vs").address()).isEqualTo("0.0.0.0");
            assertThat(servers.get("/Common/wildcard_vs").port()).isZero();
        }

        @Test
        void countsAndSkips() {
            // 12 entries: one not an object; two without a usable destination; four without a usable counter
            assertThat(t.virtualServers()).hasSize(9);
            assertThat(t.samples()).hasSize(7);
            assertThat(servers).doesNotContainKey("/Common/not_an_object");
        }
    }

    @Nested
    class OtherDocuments {
        @Test
        void theLtmRequestLogSampleIsDroppedItCarriesNoTlsField() throws IOException {
            JsonNode doc = shared("ts-ltm-request-log.json");
            assertThat(doc.properties()).extracting(e -> e.getKey().toLowerCase(Locale.ROOT))
                    .noneMatch(f -> f.contains("ssl") || f.contains("tls") || f.contains("cipher"));

            assertThat(decoder.decode(doc, RECORD_MS)).isEqualTo(new LogDecodeResult.Dropped("telemetry_ltm"));
        }

        @Test
        void aTsDeclarationIsNotAnEvent() throws IOException {
            assertThat(decoder.decode(shared("ts-kafka-consumer-declaration.json"), RECORD_MS))
                    .isEqualTo(new LogDecodeResult.Dropped(TelemetryDecoder.DROPPED_OTHER));
        }

        @ParameterizedTest
        @CsvSource({
            "LTM, telemetry_ltm", "ASM, telemetry_asm", "APM, telemetry_apm", "AFM, telemetry_afm",
            "AVR, telemetry_avr", "CGNAT, telemetry_cgnat", "syslog, telemetry_syslog", "event, telemetry_event",
            "raw, telemetry_raw", "ihealthInfo, telemetry_ihealth", "ltm, telemetry_ltm",
            "SomethingNew, telemetry_other", "'', telemetry_other", "systeminfo, telemetry_other"})
        void categoriesMapToAFixedSetOfLabels(String category, String label) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", category).put("k", "v");

            LogDecodeResult r = decoder.decode(doc, RECORD_MS);

            assertThat(r).isEqualTo(new LogDecodeResult.Dropped(label));
            assertThat(TelemetryDecoder.dropLabels()).contains(label);
        }

        @Test
        void theLabelSetIsBoundedWhateverTheCategory() {
            for (int i = 0; i < 1000; i++) {
                ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "cat" + i + "x".repeat(i));
                LogDecodeResult r = decoder.decode(doc, RECORD_MS);
                assertThat(TelemetryDecoder.dropLabels()).contains(((LogDecodeResult.Dropped) r).category());
            }
            assertThat(TelemetryDecoder.dropLabels()).hasSize(11);
        }

        @Test
        void aPollerWithoutCategoryIsRecognisedByItsShape() throws IOException {
            ObjectNode doc = (ObjectNode) shared("ts-system-poller-output.json");
            doc.remove("telemetryEventCategory");

            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).virtualServers()).hasSize(3);
        }

        @Test
        void noCategoryAndNoPollerShapeIsOther() {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.putObject("system").put("hostname", "b");
            assertThat(decoder.decode(doc, RECORD_MS)).isEqualTo(new LogDecodeResult.Dropped("telemetry_other"));
            assertThat(decoder.decode(Json.MAPPER.createObjectNode(), RECORD_MS))
                    .isEqualTo(new LogDecodeResult.Dropped("telemetry_other"));
        }
    }

    @Nested
    class MalformedPollers {
        private ObjectNode poller() {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
            doc.putObject("system").put("hostname", "b1.example.com").put("systemTimestamp", "2026-02-01T08:00:00Z");
            doc.putObject("virtualServers").putObject("/Common/vs")
                    .put("destination", "10.0.0.1:443").put("clientside.totConns", 10);
            return doc;
        }

        private RejectReason rejected(JsonNode doc) {
            LogDecodeResult r = decoder.decode(doc, RECORD_MS);
            assertThat(r).isInstanceOf(LogDecodeResult.Rejected.class);
            assertThat(((LogDecodeResult.Rejected) r).detail()).isNotBlank().hasSizeLessThan(300);
            return ((LogDecodeResult.Rejected) r).reason();
        }

        @Test
        void theBaseDocumentDecodes() {
            assertThat(telemetry(decoder.decode(poller(), RECORD_MS)).samples()).hasSize(1);
        }

        @Test
        void notAnObject() {
            assertThat(rejected(null)).isEqualTo(RejectReason.INVALID_JSON);
            assertThat(rejected(Json.MAPPER.createArrayNode())).isEqualTo(RejectReason.INVALID_JSON);
            assertThat(rejected(JsonNodeFactory.instance.textNode("systemInfo"))).isEqualTo(RejectReason.INVALID_JSON);
            assertThat(rejected(JsonNodeFactory.instance.nullNode())).isEqualTo(RejectReason.INVALID_JSON);
        }

        @Test
        void virtualServersNotAnObject() {
            ObjectNode doc = poller();
            doc.putArray("virtualServers").add(1);
            assertThat(rejected(doc)).isEqualTo(RejectReason.INVALID_JSON);
            assertThat(rejected(poller().put("virtualServers", "many"))).isEqualTo(RejectReason.INVALID_JSON);
        }

        @Test
        void systemOrHostnameUnusable() {
            assertThat(rejected(poller().put("system", 3))).isEqualTo(RejectReason.INVALID_JSON);
            ObjectNode noSystem = poller();
            noSystem.remove("system");
            assertThat(rejected(noSystem)).isEqualTo(RejectReason.INVALID_JSON);
            for (JsonNode bad : List.<JsonNode>of(JsonNodeFactory.instance.numberNode(1),
                    JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("   "),
                    JsonNodeFactory.instance.textNode("bad\u0000host"), JsonNodeFactory.instance.textNode("two words"),
                    JsonNodeFactory.instance.textNode("h".repeat(256)))) {
                ObjectNode doc = poller();
                ((ObjectNode) doc.get("system")).set("hostname", bad);
                assertThat(rejected(doc)).as("hostname %s", bad).isEqualTo(RejectReason.INVALID_JSON);
            }
        }

        @Test
        void noVirtualServersIsAnEmptyInventory() {
            ObjectNode doc = poller();
            doc.remove("virtualServers");
            assertThat(decoder.decode(doc, RECORD_MS)).isEqualTo(new LogDecodeResult.Telemetry(List.of(), List.of()));
            doc.putNull("virtualServers");
            assertThat(decoder.decode(doc, RECORD_MS)).isEqualTo(new LogDecodeResult.Telemetry(List.of(), List.of()));
            doc.putObject("virtualServers");
            assertThat(decoder.decode(doc, RECORD_MS)).isEqualTo(new LogDecodeResult.Telemetry(List.of(), List.of()));
        }

        @Test
        void atTheVirtualServerLimitEverythingIsKeptAndBeyondItTheDocumentIsRejected() {
            ObjectNode doc = poller();
            ObjectNode vss = doc.putObject("virtualServers");
            for (int i = 0; i < TelemetryDecoder.MAX_VIRTUAL_SERVERS; i++) {
                vss.putObject("/Common/vs" + i).put("destination", "10.0." + (i >> 8 & 255) + "." + (i & 255) + ":443")
                        .put("clientside.totConns", i);
            }
            LogDecodeResult r = decoder.decode(doc, RECORD_MS);
            assertThat(((LogDecodeResult.Telemetry) r).virtualServers()).hasSize(TelemetryDecoder.MAX_VIRTUAL_SERVERS);
            assertThat(((LogDecodeResult.Telemetry) r).samples()).hasSize(TelemetryDecoder.MAX_VIRTUAL_SERVERS);

            vss.putObject("/Common/one_more").put("destination", "10.9.9.9:443");
            assertThat(rejected(doc)).isEqualTo(RejectReason.OVERSIZED);
        }

        @Test
        void profilesAndNamesThatAreNotWhatTheyShouldBe() {
            ObjectNode doc = poller();
            doc.putObject("clientSslProfiles").putObject("/Common/clientssl").put("name", 7);
            ObjectNode vs = (ObjectNode) doc.get("virtualServers").get("/Common/vs");
            vs.put("profiles", "not a map");
            vs.put("tenant", 12).putArray("application").add("x");
            ObjectNode weird = ((ObjectNode) doc.get("virtualServers")).putObject("");
            weird.put("destination", "10.0.0.2:443").put("name", "/Common/named_by_field");
            ((ObjectNode) doc.get("virtualServers")).putObject("x".repeat(TelemetryDecoder.MAX_NAME_LENGTH + 1))
                    .put("destination", "10.0.0.3:443");
            ((ObjectNode) doc.get("virtualServers")).putObject("/Common/ctl\u0001").put("destination", "10.0.0.4:443");

            LogDecodeResult.Telemetry t = telemetry(decoder.decode(doc, RECORD_MS));

            assertThat(t.virtualServers()).extracting(VirtualServer::name)
                    .containsExactly("/Common/vs", "/Common/named_by_field");
            VirtualServer first = t.virtualServers().get(0);
            assertThat(first.clientSslProfiles()).isEmpty();
            assertThat(first.partition()).isNull();
            assertThat(first.application()).isNull();
        }

        @Test
        void aVirtualServerWithManyProfilesIsBounded() {
            ObjectNode doc = poller();
            ObjectNode ssl = doc.putObject("clientSslProfiles");
            ObjectNode profiles = ((ObjectNode) doc.get("virtualServers").get("/Common/vs")).putObject("profiles");
            for (int i = 0; i < 10_000; i++) {
                ssl.putObject("/Common/p" + i);
                profiles.putObject("/Common/p" + i);
            }
            VirtualServer vs = telemetry(decoder.decode(doc, RECORD_MS)).virtualServers().get(0);
            assertThat(vs.clientSslProfiles()).hasSize(TelemetryDecoder.MAX_PROFILES_PER_VIRTUAL_SERVER);
        }
    }

    @Nested
    class Timestamps {
        private ObjectNode poller(JsonNode systemTimestamp) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
            ObjectNode system = doc.putObject("system").put("hostname", "b1");
            if (systemTimestamp != null) {
                system.set("systemTimestamp", systemTimestamp);
            }
            doc.putObject("virtualServers").putObject("/Common/vs")
                    .put("destination", "10.0.0.1:443").put("clientside.totConns", 10);
            return doc;
        }

        private long sampleTime(JsonNode systemTimestamp, long recordMs) {
            return telemetry(decoder.decode(poller(systemTimestamp), recordMs)).samples().get(0).timestampMs();
        }

        @Test
        void theSystemTimestampWithAnOffset() {
            assertThat(sampleTime(JsonNodeFactory.instance.textNode("2026-02-01T09:12:14+01:00"), RECORD_MS))
                    .isEqualTo(Instant.parse("2026-02-01T08:12:14Z").toEpochMilli());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "yesterday", "2019-01-01T01:01:01", "2019-01-01", "Tue Jan  1 01:01:01 UTC 2019",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
            "1970-01-01T00:30:00+01:00", "2019-13-01T01:01:01Z"})
        void otherwiseTheRecordTime(String text) {
            assertThat(sampleTime(JsonNodeFactory.instance.textNode(text), RECORD_MS)).isEqualTo(RECORD_MS);
        }

        @Test
        void aClockMoreThanAnHourAheadOfTheProcessingClockLies() {
            // alerts stamped from it would be refused by the broker (issue 12: a poller claiming year 9999)
            long now = RECORD_MS + 5_000;
            assertThat(sampleTimeAt(JsonNodeFactory.instance.textNode("9999-12-30T00:00:00Z"), now)).isEqualTo(RECORD_MS);
            long anHourAhead = now + LogDecoder.MAX_FUTURE_MS;
            assertThat(sampleTimeAt(JsonNodeFactory.instance.textNode(Instant.ofEpochMilli(anHourAhead).toString()),
                    now)).isEqualTo(anHourAhead);
            assertThat(sampleTimeAt(JsonNodeFactory.instance.textNode(Instant.ofEpochMilli(anHourAhead + 1000)
                    .toString()), now)).isEqualTo(RECORD_MS);
            // without a clock (the two-argument decode) the poller's time stands
            assertThat(sampleTime(JsonNodeFactory.instance.textNode("9999-12-30T00:00:00Z"), RECORD_MS))
                    .isEqualTo(Instant.parse("9999-12-30T00:00:00Z").toEpochMilli());
        }

        private long sampleTimeAt(JsonNode systemTimestamp, long nowMs) {
            return telemetry(decoder.decode(poller(systemTimestamp), RECORD_MS, nowMs)).samples().get(0).timestampMs();
        }

        @Test
        void aMissingOrNonTextTimestampFallsBackToo() {
            assertThat(sampleTime(null, RECORD_MS)).isEqualTo(RECORD_MS);
            assertThat(sampleTime(JsonNodeFactory.instance.numberNode(1_546_304_461L), RECORD_MS)).isEqualTo(RECORD_MS);
            assertThat(sampleTime(JsonNodeFactory.instance.textNode("2".repeat(100_000)), RECORD_MS)).isEqualTo(RECORD_MS);
        }

        @Test
        void withNoTimeAtAllThereAreNoSamplesButTheInventoryStays() {
            LogDecodeResult.Telemetry t = telemetry(decoder.decode(poller(null), -1));
            assertThat(t.samples()).isEmpty();
            assertThat(t.virtualServers()).hasSize(1);
        }
    }

    @Nested
    class Counters {
        @Test
        void numericForms() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            assertThat(TelemetryDecoder.counter(f.numberNode(0))).isZero();
            assertThat(TelemetryDecoder.counter(f.numberNode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
            assertThat(TelemetryDecoder.counter(f.numberNode(12.0))).isEqualTo(12);
            assertThat(TelemetryDecoder.counter(f.numberNode(9.007199254740992E15))).isEqualTo(9_007_199_254_740_992L);
            assertThat(TelemetryDecoder.counter(f.numberNode(BigInteger.TWO.pow(64)))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.numberNode(1e300))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.numberNode(Double.NaN))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.numberNode(Double.POSITIVE_INFINITY))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.numberNode(-0.5))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.numberNode(-3))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.textNode("12"))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.booleanNode(true))).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(f.nullNode())).isEqualTo(-1);
            assertThat(TelemetryDecoder.counter(null)).isEqualTo(-1);
        }

        @Test
        void aNestedClientsideObjectIsReadToo() {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
            doc.putObject("system").put("hostname", "b1");
            doc.putObject("virtualServers").putObject("/Common/vs").put("destination", "10.0.0.1:443")
                    .putObject("clientside").put("totConns", 41);

            assertThat(telemetry(decoder.decode(doc, RECORD_MS)).samples().get(0).totalConnections()).isEqualTo(41);
        }
    }

    @Nested
    class GarbageNeverThrows {
        @Test
        void deeplyNestedTreesBuiltInMemory() {
            // the parser caps nesting at 64; a tree built by hand is not capped, and the decoder does not recurse
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
            doc.putObject("system").put("hostname", "b1");
            ObjectNode vs = doc.putObject("virtualServers").putObject("/Common/vs").put("destination", "10.0.0.1:443");
            ObjectNode deep = vs.putObject("profiles");
            ArrayNode deepArray = vs.putArray("clientside.totConns");
            for (int i = 0; i < 100_000; i++) {
                deep = deep.putObject("p");
                deepArray = deepArray.addArray();
            }
            LogDecodeResult.Telemetry t = telemetry(decoder.decode(doc, RECORD_MS));
            assertThat(t.virtualServers()).hasSize(1);
            assertThat(t.samples()).isEmpty();
        }

        @Test
        void hugeStrings() {
            String huge = "9".repeat(1 << 20);
            ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
            doc.putObject("system").put("hostname", "b1").put("systemTimestamp", huge);
            ObjectNode vss = doc.putObject("virtualServers");
            vss.putObject("/Common/vs").put("destination", huge).put("tenant", huge).put("clientside.totConns", 1);
            vss.putObject(huge).put("destination", "10.0.0.1:1").put("name", huge);
            doc.putObject("clientSslProfiles").putObject(huge).put("name", huge);

            LogDecodeResult.Telemetry t = telemetry(decoder.decode(doc, RECORD_MS));
            assertThat(t.virtualServers()).isEmpty();
            assertThat(t.samples()).singleElement().satisfies(s -> assertThat(s.address()).isNull());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"telemetryEventCategory\":\"systemInfo\"}",
            "{\"telemetryEventCategory\":\"systemInfo\",\"system\":null,\"virtualServers\":{}}",
            "{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"h\"},\"virtualServers\":{\"a\":null,\"b\":[],\"c\":\"d\",\"e\":{}}}",
            "{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"h\"},\"virtualServers\":{\"a\":{\"destination\":null,\"profiles\":[1,2],\"clientside.totConns\":{}}},\"clientSslProfiles\":[]}",
            "{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"h\"},\"virtualServers\":{\"a\":{\"destination\":\":\",\"clientside\":[]}},\"clientSslProfiles\":{\"x\":null,\"y\":3}}",
            "{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"h\"},\"virtualServers\":{\"a\":{\"destination\":\"[::1]:\",\"profiles\":{\"p\":null,\"q\":7}}},\"clientSslProfiles\":{\"p\":{},\"q\":{\"name\":\"q\"}}}",
            "{\"telemetryEventCategory\":42,\"system\":{},\"virtualServers\":{}}",
            "{\"telemetryEventCategory\":[\"systemInfo\"]}",
            "{\"telemetryEventCategory\":{\"a\":1}}",
            "[]", "42", "\"systemInfo\"", "null", "true"
        })
        void fragments(String json) throws IOException {
            JsonNode doc = Json.MAPPER.readTree(json);
            LogDecodeResult r = decoder.decode(doc, RECORD_MS);

            assertThat(r).isNotNull();
            if (r instanceof LogDecodeResult.Telemetry) {
                telemetry(r);
            }
            if (r instanceof LogDecodeResult.Rejected) {
                assertThat(((LogDecodeResult.Rejected) r).reason()).isNotEqualTo(RejectReason.PROCESSING_ERROR);
            }
        }
    }
}
