package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.tlswatch.schemas.testing.SchemaAssertions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every schema file loads, is JSON, is a valid draft 2020-12 schema and agrees with the rest of the catalogue. */
class SchemaFilesTest {
    /** DESIGN §7, in the order of the table. */
    static final List<String> ERROR_CLASSES = List.of(
            "protocol_version", "no_shared_cipher", "inappropriate_fallback", "cert_untrusted", "cert_expired",
            "cert_bad", "cert_revoked", "sni_unrecognized", "no_application_protocol", "client_cert_required",
            "client_cert_rejected", "not_tls", "proxy_protocol_mismatch", "sslv2_hello", "tps_limit", "peer_abort",
            "timeout", "decode_error", "internal_error", "other_alert", "unclassified");

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @ParameterizedTest
    @EnumSource(Schema.class)
    void isJsonWithDraft202012AndItsId(Schema schema) throws IOException {
        JsonNode node = Json.MAPPER.readTree(SchemaCatalog.read(schema));

        assertThat(node.isObject()).isTrue();
        assertThat(node.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(node.path("$id").asText()).isEqualTo(schema.id());
        assertThat(node.path("title").asText()).isNotBlank();
        assertThat(node.path("description").asText()).isNotBlank();
        assertThat(node.path("type").asText()).isEqualTo("object");
    }

    @ParameterizedTest
    @EnumSource(Schema.class)
    void isValidAgainstTheDraft202012MetaSchema(Schema schema) {
        // the meta-schema is bundled in the validator jar: no network
        com.networknt.schema.Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(DRAFT_2020_12));

        List<com.networknt.schema.Error> errors = meta.validate(SchemaCatalog.read(schema), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Schema.class)
    void compiles(Schema schema) {
        assertThat(SchemaAssertions.compiled(schema)).isNotNull();
    }

    @Test
    void everyFileInTheFolderIsCatalogued() throws IOException, URISyntaxException {
        URL dir = SchemaCatalog.class.getClassLoader().getResource(Schema.RESOURCE_DIR);
        assertThat(dir).isNotNull();
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            list.forEach(p -> files.add(p.getFileName().toString()));
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(
                SchemaCatalog.all().stream().map(Schema::fileName).toList());
    }

    /** The error-class enum is copied into several files: the copies must not drift from DESIGN §7. */
    @ParameterizedTest
    @EnumSource(value = Schema.class, names = {"HANDSHAKE_ECS", "VIP_RATE", "HANDSHAKE_EVENT", "HANDSHAKE_OUTCOME"})
    void errorClassesAreThoseOfTheDesign(Schema schema) throws IOException {
        JsonNode errorClass = Json.MAPPER.readTree(SchemaCatalog.read(schema)).path("$defs").path("errorClass");

        assertThat(texts(errorClass.path("enum"))).containsExactlyElementsOf(ERROR_CLASSES);
    }

    @Test
    void deadLetterReasonsAreTheFixedSet() throws IOException {
        JsonNode reason = Json.MAPPER.readTree(SchemaCatalog.read(Schema.DEAD_LETTER))
                .path("properties").path("reason");

        assertThat(texts(reason.path("enum"))).containsExactly(
                "empty", "oversized", "not_utf8", "control_characters", "invalid_json", "malformed_ssl_message",
                "invalid_packet_summary", "missing_header", "processing_error");
    }

    @Test
    void summaryLimitMatchesTheRecordConstant() throws IOException {
        JsonNode summary = Json.MAPPER.readTree(SchemaCatalog.read(Schema.ALERT_EVENT))
                .path("properties").path("payload").path("properties").path("summary");

        assertThat(summary.path("maxLength").asInt()).isEqualTo(AlertEvent.MAX_SUMMARY);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
