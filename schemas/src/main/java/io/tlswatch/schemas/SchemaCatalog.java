package io.tlswatch.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the JSON Schema of a topic value or a record and reads it from the class path. Plain Java: no
 * validator here (validation lives in the test kit, {@code io.tlswatch.schemas.testing.SchemaAssertions}).
 */
public final class SchemaCatalog {
    private SchemaCatalog() {}

    /** Every schema, in declaration order. */
    public static List<Schema> all() {
        return List.of(Schema.values());
    }

    /** The schema of a topic value under the default topic names of {@link Topics}. */
    public static Optional<Schema> forTopic(String topic) {
        return forTopic(TopicNames.defaults(), topic);
    }

    /**
     * The schema of a topic value under the topic names one deployment uses; none for the Netskope WebTx topic,
     * whose values are lines of an export (CSV or W3C), not JSON.
     */
    public static Optional<Schema> forTopic(TopicNames names, String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        if (topic.equals(names.logs())) {
            return Optional.of(Schema.F5_LOGS_TS);
        } else if (topic.equals(names.packets())) {
            return Optional.of(Schema.PACKET_SUMMARY);
        } else if (topic.equals(names.inventory())) {
            return Optional.of(Schema.VIRTUAL_SERVER);
        } else if (topic.equals(names.handshakes())) {
            return Optional.of(Schema.HANDSHAKE_ECS);
        } else if (topic.equals(names.attempts())) {
            return Optional.of(Schema.VIP_ATTEMPTS);
        } else if (topic.equals(names.rates())) {
            return Optional.of(Schema.VIP_RATE);
        } else if (topic.equals(names.alerts())) {
            return Optional.of(Schema.ALERT_EVENT);
        } else if (topic.equals(names.changes())) {
            return Optional.of(Schema.CHANGE_EVENT);
        } else if (topic.equals(names.dlq())) {
            return Optional.of(Schema.DEAD_LETTER);
        } else if (topic.equals(names.probes())) {
            return Optional.of(Schema.PROBE_REPORT);
        }
        return Optional.empty();
    }

    /** The schema a record type serialises to (with {@link Json#MAPPER}). */
    public static Optional<Schema> forRecord(Class<?> type) {
        for (Schema s : Schema.values()) {
            if (s.recordType().filter(t -> t.equals(type)).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * A schema by any of its names: the enum constant ({@code ALERT_EVENT}), the base name
     * ({@code alert-event}), the file name ({@code alert-event.schema.json}) or the record's simple name
     * ({@code AlertEvent}).
     */
    public static Optional<Schema> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Schema s : Schema.values()) {
            if (s.name().equals(name.toUpperCase(Locale.ROOT).replace('-', '_'))
                    || s.baseName().equals(name)
                    || s.fileName().equals(name)
                    || s.resourcePath().equals(name)
                    || s.recordType().filter(t -> t.getSimpleName().equals(name)).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Opens the schema file; the caller closes the stream. */
    public static InputStream open(Schema schema) {
        InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(schema.resourcePath());
        if (in == null) {
            throw new IllegalStateException("schema resource missing from the class path: " + schema.resourcePath());
        }
        return in;
    }

    /** The schema file's text (UTF-8). */
    public static String read(Schema schema) {
        try (InputStream in = open(schema)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + schema.resourcePath(), e);
        }
    }
}
