package io.tlswatch.schemas.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.SchemaCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;

/**
 * Test kit: validates JSON against the tlswatch schemas (draft 2020-12, {@code format} asserted) with
 * networknt json-schema-validator 3.x, and fails with an {@link AssertionError} that lists every
 * validation message.
 *
 * <p>Use from another module with {@code tlswatch-schemas} as {@code <type>test-jar</type><scope>test</scope>}
 * plus {@code com.networknt:json-schema-validator} (test scope):
 *
 * <pre>{@code
 * SchemaAssertions.assertValid(Schema.HANDSHAKE_ECS, Json.write(doc));
 * SchemaAssertions.assertValidRecord(alertEvent);          // schema found from the record type
 * List<String> why = SchemaAssertions.assertInvalid(Schema.ALERT_EVENT, json);
 * }</pre>
 */
public final class SchemaAssertions {
    /** Longest JSON excerpt quoted in a failure message. */
    private static final int MAX_QUOTED_JSON = 2_000;

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<Schema, com.networknt.schema.Schema> COMPILED = new ConcurrentHashMap<>();

    private SchemaAssertions() {}

    /** Fails unless {@code json} is valid against {@code schema}. */
    public static void assertValid(Schema schema, String json) {
        List<String> messages = validate(schema, json);
        if (!messages.isEmpty()) {
            throw new AssertionError(report(schema, json, messages));
        }
    }

    /** Fails unless the Jackson tree is valid against {@code schema}. */
    public static void assertValid(Schema schema, JsonNode json) {
        assertValid(schema, write(json));
    }

    /** Serialises {@code value} with {@link Json#MAPPER} and fails unless the result is valid. */
    public static void assertValidRecord(Schema schema, Object value) {
        assertValid(schema, Json.write(value));
    }

    /** Like {@link #assertValidRecord(Schema, Object)}, with the schema found from the record's type. */
    public static void assertValidRecord(Object value) {
        Schema schema = SchemaCatalog.forRecord(value.getClass())
                .orElseThrow(() -> new AssertionError("no schema for " + value.getClass().getName()));
        assertValidRecord(schema, value);
    }

    /** Fails if {@code json} is valid against {@code schema}; returns the validation messages otherwise. */
    public static List<String> assertInvalid(Schema schema, String json) {
        List<String> messages = validate(schema, json);
        if (messages.isEmpty()) {
            throw new AssertionError(schema.fileName() + ": expected validation errors, but this is valid: "
                    + quote(json));
        }
        return messages;
    }

    /** Fails if the Jackson tree is valid against {@code schema}; returns the validation messages otherwise. */
    public static List<String> assertInvalid(Schema schema, JsonNode json) {
        return assertInvalid(schema, write(json));
    }

    /**
     * Every validation message for {@code json}, empty when it is valid. Each message reads
     * {@code <instance location>: <message> [<keyword> at <schema location>]}.
     *
     * @throws AssertionError when {@code json} is not JSON at all
     */
    public static List<String> validate(Schema schema, String json) {
        List<com.networknt.schema.Error> errors;
        try {
            errors = compiled(schema).validate(json, InputFormat.JSON);
        } catch (JacksonException e) {
            throw new AssertionError(schema.fileName() + ": not JSON: " + e.getOriginalMessage() + " in " + quote(json), e);
        }
        return errors.stream().map(SchemaAssertions::describe).toList();
    }

    /** The compiled schema (cached), for callers that need the networknt API itself. */
    public static com.networknt.schema.Schema compiled(Schema schema) {
        return COMPILED.computeIfAbsent(schema, SchemaAssertions::compile);
    }

    private static com.networknt.schema.Schema compile(Schema schema) {
        try (InputStream in = SchemaCatalog.open(schema)) {
            com.networknt.schema.Schema compiled = REGISTRY.getSchema(in, InputFormat.JSON);
            compiled.initializeValidators(); // fail on a broken schema here, not on first use
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + schema.resourcePath(), e);
        }
    }

    private static String describe(com.networknt.schema.Error error) {
        String at = String.valueOf(error.getInstanceLocation());
        return (at.isEmpty() ? "/" : at) + ": " + error.getMessage()
                + " [" + error.getKeyword() + " at " + error.getSchemaLocation() + "]";
    }

    private static String report(Schema schema, String json, List<String> messages) {
        StringBuilder sb = new StringBuilder()
                .append(schema.fileName()).append(": ").append(messages.size())
                .append(messages.size() == 1 ? " validation error" : " validation errors");
        for (String m : messages) {
            sb.append("\n  - ").append(m);
        }
        return sb.append("\nin ").append(quote(json)).toString();
    }

    private static String quote(String json) {
        if (json == null) {
            return "null";
        }
        return json.length() <= MAX_QUOTED_JSON ? json : json.substring(0, MAX_QUOTED_JSON) + "…";
    }

    private static String write(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot serialise the JSON tree", e);
        }
    }
}
