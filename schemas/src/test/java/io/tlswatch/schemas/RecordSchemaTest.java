package io.tlswatch.schemas;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertInvalid;
import static io.tlswatch.schemas.testing.SchemaAssertions.assertValid;
import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.schemas.testing.SampleRecords;
import io.tlswatch.schemas.testing.SchemaAssertions;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Realistic records, serialised with {@link Json#MAPPER}, validate against their schemas; broken variants
 * (a missing required field, a wrong enum value, a renamed or extra field, an out-of-range port...) do not.
 */
class RecordSchemaTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                arguments(Schema.HANDSHAKE_EVENT, SampleRecords.handshakeEvent()),
                arguments(Schema.HANDSHAKE_EVENT, SampleRecords.connectionErrorEvent()),
                arguments(Schema.HANDSHAKE_OUTCOME, SampleRecords.handshakeOutcome()),
                arguments(Schema.HANDSHAKE_OUTCOME, SampleRecords.packetOutcome()),
                arguments(Schema.HANDSHAKE_ECS, SampleRecords.ecsHandshake()),
                arguments(Schema.PACKET_SUMMARY, SampleRecords.packetSummary()),
                arguments(Schema.VIRTUAL_SERVER, SampleRecords.virtualServer()),
                arguments(Schema.VIP_RATE, SampleRecords.vipRate()),
                arguments(Schema.ALERT_EVENT, SampleRecords.alertFiring()),
                arguments(Schema.ALERT_EVENT, SampleRecords.alertResolved()),
                arguments(Schema.DEAD_LETTER, SampleRecords.deadLetter()),
                arguments(Schema.PROBE_REPORT, SampleRecords.probeReport()),
                arguments(Schema.CHANGE_EVENT, SampleRecords.cipherChange()),
                arguments(Schema.VIP_TRAFFIC_SAMPLE, SampleRecords.vipTrafficSample()),
                arguments(Schema.VIP_ATTEMPTS, SampleRecords.vipAttempts()),
                arguments(Schema.CERTIFICATE_SAMPLE, SampleRecords.certificateSample()),
                arguments(Schema.PROFILE_TRAFFIC_SAMPLE, SampleRecords.profileTrafficSample()),
                arguments(Schema.OBSERVER_SIGNAL, SampleRecords.certificateSignal()),
                arguments(Schema.OBSERVER_SIGNAL, SampleRecords.profileSignal()),
                arguments(Schema.OBSERVER_SIGNAL, SampleRecords.certificatesPolledSignal()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aRealisticRecordIsValid(Schema schema, Object record) {
        assertValidRecord(schema, record);
        assertValidRecord(record);
        assertValid(schema, tree(record));
    }

    @Test
    void everyRecordSchemaHasASample() {
        Set<Schema> covered = EnumSet.noneOf(Schema.class);
        samples().forEach(a -> covered.add((Schema) a.get()[0]));

        for (Schema s : Schema.values()) {
            if (s.recordType().isPresent()) {
                assertThat(covered).as("sample for %s", s).contains(s);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void anUnknownFieldAtTheRootIsRejected(Schema schema, Object record) {
        ObjectNode doc = tree(record).put("extra_field", "x");

        assertThat(assertInvalid(schema, doc)).anyMatch(m -> m.contains("extra_field"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyRequiredFieldIsEnforced(Schema schema, Object record) throws IOException {
        JsonNode required = Json.MAPPER.readTree(SchemaCatalog.read(schema)).path("required");
        assertThat(required.size()).isPositive();

        for (JsonNode name : required) {
            ObjectNode doc = tree(record);
            assertThat(doc.has(name.asText())).as("sample carries %s", name).isTrue();
            doc.remove(name.asText());

            assertThat(assertInvalid(schema, doc)).as("without %s", name).anyMatch(m -> m.contains(name.asText()));
        }
    }

    @Test
    void theFailureListsEveryMessage() {
        ObjectNode doc = set(tree(SampleRecords.packetSummary()), "/client_port", 70_000);
        set(doc, "/direction", "inbound");

        assertThatThrownBy(() -> assertValid(Schema.PACKET_SUMMARY, doc))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("packet-summary.schema.json")
                .hasMessageContaining("client_port")
                .hasMessageContaining("direction")
                .hasMessageContaining("\"inbound\"");
    }

    @Test
    void textThatIsNotJsonFailsClearly() {
        assertThatThrownBy(() -> SchemaAssertions.validate(Schema.F5_LOGS_TS,
                        "<134>Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260013:4: SSL Handshake failed"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not JSON");
    }

    @Nested
    class HandshakeEcs {
        private ObjectNode doc() {
            return tree(SampleRecords.ecsHandshake());
        }

        @Test
        void writesTheTimestampAsAtTimestamp() {
            assertThat(doc().path("@timestamp").asText()).isEqualTo(SampleRecords.TIMESTAMP);
            assertThat(doc().path("network").has("community_id")).isTrue();
            assertThat(doc().path("tlswatch").has("error_class")).isTrue();
        }

        @Test
        void aSuccessNeedsNoErrorClass() {
            EcsHandshake ok = new EcsHandshake("2026-02-01T08:12:14.123Z",
                    SampleRecords.ecsEvent("success", null, null),
                    new EcsHandshake.Observer("F5", "BIG-IP", "bigip1.example.com"),
                    new EcsHandshake.Endpoint("2001:db8::7", 51000), new EcsHandshake.Endpoint("2001:db8::443", 443),
                    new EcsHandshake.Network("tcp", null), new EcsHandshake.Related(List.of("2001:db8::7")),
                    new EcsHandshake.Tls(true, "1.3", "tls", "TLS_AES_128_GCM_SHA256"), null, null);

            assertValidRecord(ok);
        }

        @Test
        void acceptsTheOptionalFieldsOfTheDesign() {
            ObjectNode doc = doc();
            set(doc, "/tls/next_protocol", "h2");
            set(doc, "/tls/client", Json.MAPPER.createObjectNode()
                    .put("server_name", "ldap.example.com")
                    .put("ja3", "771d6e4a4f4d0d5b7e9c7a3a9a7e4c1a")
                    .set("supported_ciphers", Json.MAPPER.createArrayNode().add("TLS_RSA_WITH_RC4_128_SHA")));
            set(doc, "/tls/server", Json.MAPPER.createObjectNode().put("ja3s", "ae4edc6faf64d08308082ad26be60767"));
            set(doc, "/tlswatch/ja4", "t13d1516h2_8daaf6152771_e5627efa2ab1");
            set(doc, "/tlswatch/client", Json.MAPPER.createObjectNode()
                    .set("offered_versions", Json.MAPPER.createArrayNode().add("1.0").add("1.1")));
            set(doc, "/tlswatch/vip/address", "192.168.20.230%2");

            assertValid(Schema.HANDSHAKE_ECS, doc);
        }

        @Test
        void theJavaRecordWritesEveryPacketField() {
            EcsHandshake ok = new EcsHandshake("2026-02-01T08:12:14.123Z",
                    SampleRecords.ecsEvent("success", null, null),
                    new EcsHandshake.Observer("F5", "BIG-IP", "tap-1"),
                    new EcsHandshake.Endpoint("10.0.0.7", 51000), new EcsHandshake.Endpoint("10.0.0.1", 443),
                    new EcsHandshake.Network("tcp", "1:dfF3q6oEHG/n2vNkw9TD2OQB2S4="), null,
                    new EcsHandshake.Tls(true, "1.3", "tls", "TLS_AES_128_GCM_SHA256", "h2",
                            new EcsHandshake.TlsClient("www.example.com", List.of("TLS_AES_128_GCM_SHA256"),
                                    "771d6e4a4f4d0d5b7e9c7a3a9a7e4c1a"),
                            new EcsHandshake.TlsServer("ae4edc6faf64d08308082ad26be60767")),
                    null,
                    new EcsHandshake.Tlswatch(null, "client", null, "t13d1516h2_8daaf6152771_e5627efa2ab1",
                            new EcsHandshake.Client(List.of("1.3", "1.2")), null, true,
                            "failed on 7 VIPs in 5 minutes", new EcsHandshake.Evidence(List.of(), true, List.of()),
                            null));

            assertValidRecord(ok);
            ObjectNode doc = tree(ok);
            assertThat(doc.at("/tls/client/server_name").asText()).isEqualTo("www.example.com");
            assertThat(doc.at("/tls/server/ja3s").asText()).isEqualTo("ae4edc6faf64d08308082ad26be60767");
            assertThat(doc.at("/tlswatch/client/offered_versions/1").asText()).isEqualTo("1.2");
            assertThat(doc.at("/tlswatch/scanner_reason").asText()).isEqualTo("failed on 7 VIPs in 5 minutes");
        }

        @Test
        void rejectsAMissingTimestamp() {
            assertRejected(remove(doc(), "/@timestamp"), "@timestamp");
        }

        @Test
        void rejectsWrongConstants() {
            assertRejected(set(doc(), "/event/kind", "alert"), "kind");
            assertRejected(set(doc(), "/event/dataset", "f5.ltm"), "dataset");
            assertRejected(set(doc(), "/observer/vendor", "f5"), "vendor");
            assertRejected(set(doc(), "/observer/product", "BIG-IQ"), "product");
            assertRejected(set(doc(), "/event/category", List.of("host")), "category");
        }

        @Test
        void everyRecordSaysItsEcsVersionAndModule() {
            assertThat(doc().at("/ecs/version").asText()).isEqualTo(EcsHandshake.ECS_VERSION);
            assertThat(doc().at("/event/module").asText()).isEqualTo("tlswatch");
            assertRejected(remove(doc(), "/ecs"), "ecs");
            assertRejected(set(doc(), "/ecs/version", "9.3"), "version");
            assertRejected(remove(doc(), "/event/module"), "module");
            assertRejected(remove(doc(), "/event/created"), "created");
            assertRejected(set(doc(), "/event/duration", -1), "duration");
            assertRejected(set(doc(), "/network/type", "IPv4"), "type");
            assertRejected(set(doc(), "/network/protocol", "ssl"), "protocol");
        }

        @Test
        void theObserverIsABigIpOrASensorNeverBoth() {
            ObjectNode sensor = remove(remove(doc(), "/observer/vendor"), "/observer/product");
            assertValid(Schema.HANDSHAKE_ECS, set(sensor.deepCopy(), "/observer/type", "sensor"));
            assertRejected(sensor.deepCopy(), "observer");
            assertRejected(set(doc(), "/observer/type", "sensor"), "observer");
            assertRejected(remove(doc(), "/observer/product"), "product");
        }

        @Test
        void theServerCertificateUsesTheEcsX509Fields() {
            ObjectNode x509 = Json.MAPPER.createObjectNode()
                    .put("not_before", "2026-11-27T08:28:19Z")
                    .put("not_after", "2029-03-01T08:28:19Z");
            x509.putObject("subject").putArray("common_name").add("server.test");
            x509.putObject("issuer").putArray("common_name").add("Research Test CA");
            x509.putArray("alternative_names").add("server.test");
            ObjectNode server = Json.MAPPER.createObjectNode();
            server.set("x509", x509);
            server.putObject("hash").put("sha256",
                    "11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
            ObjectNode doc = set(doc(), "/tls/server", server);
            set(doc, "/destination/domain", "server.test");
            set(doc, "/related/hosts", List.of("server.test"));

            assertValid(Schema.HANDSHAKE_ECS, doc);
            assertRejected(set(doc.deepCopy(), "/tls/server/hash/sha256",
                    "11773d417b81b815c54b4b9226912a2d551696f80a0c77386ac21174e1010bf3"), "sha256");
            assertRejected(set(doc.deepCopy(), "/tls/server/x509/subject/common_name", "server.test"),
                    "common_name");
        }

        @Test
        void rejectsWrongEnumValues() {
            assertRejected(set(doc(), "/event/outcome", "failed"), "outcome");
            assertRejected(set(doc(), "/tlswatch/error_class", "cert_wrong"), "error_class");
            assertRejected(set(doc(), "/tlswatch/side", "pool"), "side");
            assertRejected(set(doc(), "/tlswatch/alert/sender", "f5"), "sender");
            assertRejected(set(doc(), "/network/transport", "sctp"), "transport");
        }

        @Test
        void rejectsBadPortsAndAddresses() {
            assertRejected(set(doc(), "/source/port", 70_000), "port");
            assertRejected(set(doc(), "/destination/port", -1), "port");
            assertRejected(set(doc(), "/destination/port", "636"), "port");
            assertRejected(set(doc(), "/source/ip", "300.1.2.3"), "ip");
            assertRejected(set(doc(), "/source/ip", "192.168.99.86%2"), "ip");
            assertRejected(set(doc(), "/related/ip", List.of("bigip")), "ip");
        }

        @Test
        void rejectsRenamedAndExtraNestedFields() {
            ObjectNode renamed = doc();
            JsonNode id = renamed.path("network").path("community_id");
            ((ObjectNode) renamed.path("network")).remove("community_id");
            set(renamed, "/network/communityId", id);

            assertRejected(renamed, "communityId");
            assertRejected(set(doc(), "/tlswatch/alert/severity", "fatal"), "severity");
        }

        @Test
        void anUnknownOutcomeSaysWhyAndHasNoErrorClass() {
            JsonNode unknown = set(set(remove(remove(doc(), "/tlswatch/error_class"), "/error"), "/event/outcome",
                    "unknown"), "/event/reason", "mid_stream");
            assertValid(Schema.HANDSHAKE_ECS, unknown);
            assertValid(Schema.HANDSHAKE_ECS, set(unknown.deepCopy(), "/event/reason", "incomplete"));
            assertRejected(set(unknown.deepCopy(), "/event/reason", "cert_expired"), "reason");
            assertRejected(set(unknown.deepCopy(), "/tlswatch/error_class", "timeout"), "error_class");
        }

        @Test
        void aWarningAlertAndAVersionWithoutANameAreValid() {
            assertValid(Schema.HANDSHAKE_ECS, set(doc(), "/tlswatch/alert/level", "warning"));
            assertValid(Schema.HANDSHAKE_ECS, set(doc(), "/tls/version", "0x7f1c"));
            assertRejected(set(doc(), "/tlswatch/alert/level", "notice"), "level");
            assertRejected(set(doc(), "/tls/version", "TLSv1.3"), "version");
        }

        @Test
        void aFailureNeedsAnErrorClass() {
            assertRejected(remove(doc(), "/tlswatch/error_class"), "error_class");
            assertRejected(remove(doc(), "/tlswatch"), "tlswatch");
        }

        @Test
        void rejectsOtherMalformedValues() {
            assertRejected(set(doc(), "/@timestamp", "Feb  1 08:12:14"), "@timestamp");
            assertRejected(set(doc(), "/network/community_id", "dfF3q6oEHG/n2vNkw9TD2OQB2S4="), "community_id");
            assertRejected(set(doc(), "/event/code", "1260013"), "code");
            assertRejected(set(doc(), "/tlswatch/ja4", "t13d1516h2_8daaf6152771"), "ja4");
            assertRejected(set(doc(), "/tlswatch/evidence/lines", List.of("a", "b", "c", "d")), "lines");
        }

        private void assertRejected(JsonNode doc, String fragment) {
            assertThat(assertInvalid(Schema.HANDSHAKE_ECS, doc)).anyMatch(m -> m.contains(fragment));
        }
    }

    @Nested
    class Alerts {
        private ObjectNode doc() {
            return tree(SampleRecords.alertFiring());
        }

        @Test
        void writesPagerDutysClassField() {
            assertThat(doc().path("payload").path("class").asText()).isEqualTo("no_shared_cipher");
            assertThat(doc().path("payload").has("class_name")).isFalse();
        }

        @Test
        void summaryIsAtMost1024Characters() {
            assertValid(Schema.ALERT_EVENT, set(doc(), "/payload/summary", "x".repeat(AlertEvent.MAX_SUMMARY)));
            assertRejected(set(doc(), "/payload/summary", "x".repeat(AlertEvent.MAX_SUMMARY + 1)), "summary");
            assertRejected(set(doc(), "/payload/summary", ""), "summary");
        }

        @Test
        void rejectsWrongEnumValues() {
            assertRejected(set(doc(), "/payload/severity", "high"), "severity");
            assertRejected(set(doc(), "/event_action", "acknowledge"), "event_action");
            assertRejected(set(doc(), "/status", "FIRED"), "status");
        }

        @Test
        void dedupKeyHasFourParts() {
            assertRejected(set(doc(), "/dedup_key", "pua-bigip/192.168.20.230:636/no_shared_cipher"), "dedup_key");
            assertRejected(set(doc(), "/dedup_key", "tlswatch/pua-bigip/no_shared_cipher"), "dedup_key");
        }

        @Test
        void payloadNeedsItsSource() {
            assertRejected(remove(doc(), "/payload/source"), "source");
        }

        @Test
        void theOldClassNameIsRejected() {
            ObjectNode doc = doc();
            ((ObjectNode) doc.path("payload")).remove("class");
            set(doc, "/payload/class_name", "no_shared_cipher");

            assertRejected(doc, "class_name");
        }

        @Test
        void lifecycleAndActionAgree() {
            assertRejected(set(doc(), "/event_action", "resolve"), "event_action");
            ObjectNode resolved = tree(SampleRecords.alertResolved());
            assertRejected(set(resolved.deepCopy(), "/event_action", "trigger"), "event_action");
            assertRejected(remove(resolved, "/ends_at"), "ends_at");
        }

        @Test
        void labelsAreStrings() {
            assertRejected(set(doc(), "/labels/count", 3), "count");
        }

        private void assertRejected(JsonNode doc, String fragment) {
            assertThat(assertInvalid(Schema.ALERT_EVENT, doc)).anyMatch(m -> m.contains(fragment));
        }
    }

    @Nested
    class OtherRecords {
        @Test
        void deadLetters() {
            ObjectNode doc = tree(SampleRecords.deadLetter());
            assertThat(assertInvalid(Schema.DEAD_LETTER, set(doc.deepCopy(), "/reason", "bad_bytes")))
                    .anyMatch(m -> m.contains("reason"));
            assertThat(assertInvalid(Schema.DEAD_LETTER, set(doc.deepCopy(), "/value_base64", "not base64!")))
                    .anyMatch(m -> m.contains("value_base64"));
            assertThat(assertInvalid(Schema.DEAD_LETTER, set(doc.deepCopy(), "/source_partition", -1)))
                    .anyMatch(m -> m.contains("source_partition"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"empty", "oversized", "not_utf8", "control_characters", "invalid_json",
                "malformed_ssl_message", "processing_error"})
        void everyDeadLetterReasonIsAccepted(String reason) {
            assertValid(Schema.DEAD_LETTER, set(tree(SampleRecords.deadLetter()), "/reason", reason));
        }

        @Test
        void packetSummaries() {
            ObjectNode doc = tree(SampleRecords.packetSummary());
            assertThat(assertInvalid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/client_port", 70_000)))
                    .anyMatch(m -> m.contains("client_port"));
            assertThat(assertInvalid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/direction", "inbound")))
                    .anyMatch(m -> m.contains("direction"));
            assertValid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/direction", "server_to_client"));
            assertValid(Schema.PACKET_SUMMARY, remove(doc.deepCopy(), "/payload_head_base64"));
            assertThat(assertInvalid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/emit_reason", "because")))
                    .anyMatch(m -> m.contains("emit_reason"));
            assertThat(assertInvalid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/f5_flow_id", "0xA1")))
                    .anyMatch(m -> m.contains("f5_flow_id"));
            assertThat(assertInvalid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/flight", -1)))
                    .anyMatch(m -> m.contains("flight"));
            for (String reason : PacketSummary.EMIT_REASONS) {
                assertValid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/emit_reason", reason));
            }
            assertValid(Schema.PACKET_SUMMARY, remove(remove(remove(remove(doc.deepCopy(), "/flight"),
                    "/emit_reason"), "/f5_flow_id"), "/f5_peer_flow_id"));
            // the capture host is optional: older readers' records stay valid
            assertValid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/capture_host", "sensor-7.example.net"));
            assertThat(assertInvalid(Schema.PACKET_SUMMARY, set(doc.deepCopy(), "/capture_host", "")))
                    .anyMatch(m -> m.contains("capture_host"));
        }

        @Test
        void virtualServers() {
            ObjectNode doc = tree(SampleRecords.virtualServer());
            assertThat(assertInvalid(Schema.VIRTUAL_SERVER, set(doc.deepCopy(), "/port", 70_000)))
                    .anyMatch(m -> m.contains("port"));
            assertThat(assertInvalid(Schema.VIRTUAL_SERVER, set(doc.deepCopy(), "/address", "vip.example.com")))
                    .anyMatch(m -> m.contains("address"));
            assertValid(Schema.VIRTUAL_SERVER, set(doc.deepCopy(), "/address", "10.1.1.1%2"));
            assertValid(Schema.VIRTUAL_SERVER, set(doc.deepCopy(), "/address", "2001:db8::10"));
        }

        @Test
        void vipRates() {
            ObjectNode doc = tree(SampleRecords.vipRate());
            assertValid(Schema.VIP_RATE, set(doc.deepCopy(), "/error_class", "all"));
            assertThat(assertInvalid(Schema.VIP_RATE, set(doc.deepCopy(), "/error_class", "everything")))
                    .anyMatch(m -> m.contains("error_class"));
            assertThat(assertInvalid(Schema.VIP_RATE, set(doc.deepCopy(), "/short_window/ratio", 1.5)))
                    .anyMatch(m -> m.contains("ratio"));
            assertThat(assertInvalid(Schema.VIP_RATE, set(doc.deepCopy(), "/at", "08:12")))
                    .anyMatch(m -> m.contains("at"));
            assertThat(assertInvalid(Schema.VIP_RATE, set(doc.deepCopy(), "/attempts_source", "guess")))
                    .anyMatch(m -> m.contains("attempts_source"));
            assertValid(Schema.VIP_RATE, set(doc.deepCopy(), "/vip", "unknown"));
            assertValid(Schema.VIP_RATE, set(doc.deepCopy(), "/vip", "[2001:db8::1%2]:443"));
            VipRate noDenominator = new VipRate("bigip1", "10.0.0.1:443", null, "cert_expired", 60_000,
                    "1970-01-01T00:01:00Z", "baseline", "none", new VipRate.Window(60_000, 3, 0, null, null),
                    new VipRate.Window(300_000, 3, 0, null, null), 0.5, null, false);
            assertValidRecord(noDenominator);
        }

        @Test
        void handshakeEvents() {
            ObjectNode doc = tree(SampleRecords.handshakeEvent());
            assertThat(assertInvalid(Schema.HANDSHAKE_EVENT, set(doc.deepCopy(), "/kind", "HANDSHAKE_OK")))
                    .anyMatch(m -> m.contains("kind"));
            assertThat(assertInvalid(Schema.HANDSHAKE_EVENT, set(doc.deepCopy(), "/msgid", "0126001")))
                    .anyMatch(m -> m.contains("msgid"));
            assertThat(assertInvalid(Schema.HANDSHAKE_EVENT, set(doc.deepCopy(), "/server_port", 70_000)))
                    .anyMatch(m -> m.contains("server_port"));
            assertThat(assertInvalid(Schema.HANDSHAKE_EVENT, set(doc.deepCopy(), "/alert_code", 256)))
                    .anyMatch(m -> m.contains("alert_code"));
            for (HandshakeEvent.Kind kind : HandshakeEvent.Kind.values()) {
                assertValid(Schema.HANDSHAKE_EVENT, set(doc.deepCopy(), "/kind", kind.name()));
            }
        }

        @Test
        void handshakeOutcomes() {
            ObjectNode doc = tree(SampleRecords.handshakeOutcome());
            assertThat(assertInvalid(Schema.HANDSHAKE_OUTCOME, remove(doc.deepCopy(), "/error_class")))
                    .anyMatch(m -> m.contains("error_class"));
            assertThat(assertInvalid(Schema.HANDSHAKE_OUTCOME, set(doc.deepCopy(), "/alert_sender", "pool")))
                    .anyMatch(m -> m.contains("alert_sender"));
            assertThat(assertInvalid(Schema.HANDSHAKE_OUTCOME, set(doc.deepCopy(), "/client_port", 70_000)))
                    .anyMatch(m -> m.contains("client_port"));
            assertThat(assertInvalid(Schema.HANDSHAKE_OUTCOME,
                            set(doc.deepCopy(), "/lines", List.of("1", "2", "3", "4"))))
                    .anyMatch(m -> m.contains("lines"));
            ObjectNode success = set(remove(doc.deepCopy(), "/error_class"), "/outcome", "success");
            assertValid(Schema.HANDSHAKE_OUTCOME, success);
        }

        @Test
        void handshakeOutcomesCarryPacketTimesTheCertificateAndTheCapturePoint() {
            ServerCertificate c = new ServerCertificate("2026-11-27T08:28:19Z", "2029-03-01T08:28:19Z",
                    List.of("server.test"), List.of("Research Test CA"), List.of("server.test"),
                    "11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
            WireFacts w = SampleRecords.packetOutcome().wire();
            WireFacts more = new WireFacts(w.sni(), w.version(), w.versionProtocol(), w.cipher(), w.alpn(),
                    w.offeredCiphers(), w.offeredVersions(), w.ja3(), w.ja3s(), w.ja4(), w.communityId(), true,
                    1_000L, 1_003L, c, "sensor-7", false);
            HandshakeOutcome o = SampleRecords.packetOutcome();
            ObjectNode doc = tree(new HandshakeOutcome(o.connectionId(), o.observer(), o.timestampMs(), o.transport(),
                    o.clientIp(), o.clientPort(), o.serverIp(), o.serverPort(), o.routeDomain(), o.outcome(),
                    o.errorClass(), o.side(), o.alertCode(), o.alertSender(), o.func(), o.reason(), o.msgids(),
                    o.lines(), more));

            assertValid(Schema.HANDSHAKE_OUTCOME, doc);
            assertThat(doc.at("/wire/certificate/not_after").asText()).isEqualTo("2029-03-01T08:28:19Z");
            assertThat(doc.at("/wire/capture_host").asText()).isEqualTo("sensor-7");
            assertThat(assertInvalid(Schema.HANDSHAKE_OUTCOME,
                            set(doc.deepCopy(), "/wire/certificate/sha256", "not a hash")))
                    .anyMatch(m -> m.contains("sha256"));
            // round trip through the one JSON mapper
            assertThat(Json.MAPPER.convertValue(doc, HandshakeOutcome.class).wire()).isEqualTo(more);
        }

        @Test
        void observerSignalsCarryWhatTheirKindNeeds() {
            ObjectNode cert = tree(SampleRecords.certificateSignal());
            assertThat(assertInvalid(Schema.OBSERVER_SIGNAL, remove(cert.deepCopy(), "/certificate")))
                    .anyMatch(m -> m.contains("certificate"));
            assertThat(assertInvalid(Schema.OBSERVER_SIGNAL, set(cert.deepCopy(), "/kind", "CERT")))
                    .anyMatch(m -> m.contains("kind"));
            assertThat(assertInvalid(Schema.OBSERVER_SIGNAL, remove(tree(SampleRecords.profileSignal()), "/profile")))
                    .anyMatch(m -> m.contains("profile"));
            assertThat(assertInvalid(Schema.OBSERVER_SIGNAL,
                            remove(tree(SampleRecords.certificatesPolledSignal()), "/certificates")))
                    .anyMatch(m -> m.contains("certificates"));
            assertValidRecord(ObserverSignal.tlsFailuresSeen("bigip-01", 1_700_000_000_000L));
            // a certificate whose dates were unusable is still listed (it is not "removed")
            assertValidRecord(new CertificateSample("bigip-01", "default.crt", null, null, null, 0));
            assertThat(assertInvalid(Schema.PROFILE_TRAFFIC_SAMPLE,
                            set(tree(SampleRecords.profileTrafficSample()), "/handshake_failures", -1)))
                    .anyMatch(m -> m.contains("handshake_failures"));
        }
    }

    // ---- helpers: JSON-pointer edits on a copy of the serialised record ----

    static ObjectNode tree(Object record) {
        return Json.MAPPER.valueToTree(record);
    }

    static ObjectNode set(ObjectNode root, String pointer, Object value) {
        JsonPointer p = JsonPointer.compile(pointer);
        parent(root, p).set(p.last().getMatchingProperty(), Json.MAPPER.valueToTree(value));
        return root;
    }

    static ObjectNode remove(ObjectNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        parent(root, p).remove(p.last().getMatchingProperty());
        return root;
    }

    private static ObjectNode parent(ObjectNode root, JsonPointer p) {
        JsonNode parent = root.at(p.head());
        if (!parent.isObject()) {
            throw new IllegalArgumentException("no object at " + p.head() + " in " + root);
        }
        return (ObjectNode) parent;
    }
}
