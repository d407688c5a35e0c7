package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaCatalogTest {
    @Test
    void mapsEveryDefaultTopic() {
        assertThat(SchemaCatalog.forTopic(Topics.F5_LOGS)).contains(Schema.F5_LOGS_TS);
        assertThat(SchemaCatalog.forTopic(Topics.F5_PACKETS)).contains(Schema.PACKET_SUMMARY);
        assertThat(SchemaCatalog.forTopic(Topics.INVENTORY)).contains(Schema.VIRTUAL_SERVER);
        assertThat(SchemaCatalog.forTopic(Topics.HANDSHAKES)).contains(Schema.HANDSHAKE_ECS);
        assertThat(SchemaCatalog.forTopic(Topics.RATES)).contains(Schema.VIP_RATE);
        assertThat(SchemaCatalog.forTopic(Topics.ALERTS)).contains(Schema.ALERT_EVENT);
        assertThat(SchemaCatalog.forTopic(Topics.DLQ)).contains(Schema.DEAD_LETTER);
        assertThat(SchemaCatalog.forTopic(Topics.PROBES)).contains(Schema.PROBE_REPORT);
        assertThat(SchemaCatalog.forTopic(Topics.CHANGES)).contains(Schema.CHANGE_EVENT);
        assertThat(SchemaCatalog.forTopic("other")).isEmpty();
        assertThat(SchemaCatalog.forTopic((String) null)).isEmpty();
    }

    @Test
    void followsConfiguredTopicNames() {
        TopicNames names = TopicNames.from(Map.of("topics.alerts", "paging.alerts"));

        assertThat(SchemaCatalog.forTopic(names, "paging.alerts")).contains(Schema.ALERT_EVENT);
        assertThat(SchemaCatalog.forTopic(names, Topics.ALERTS)).isEmpty();
    }

    @Test
    void everyTopicOfTheCatalogueHasASchemaButTheNetskopeLines() {
        for (String topic : TopicNames.defaults().all()) {
            if (!topic.equals(Topics.NETSKOPE_WEBTX)) {
                assertThat(SchemaCatalog.forTopic(topic)).as(topic).isPresent();
            }
        }
        // lines of a W3C/CSV export, not JSON: the README's "Feeding Netskope" describes them
        assertThat(SchemaCatalog.forTopic(Topics.NETSKOPE_WEBTX)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Schema.class)
    void findsBackEverySchemaByItsNamesAndType(Schema schema) {
        assertThat(SchemaCatalog.forName(schema.name())).contains(schema);
        assertThat(SchemaCatalog.forName(schema.baseName())).contains(schema);
        assertThat(SchemaCatalog.forName(schema.fileName())).contains(schema);
        assertThat(SchemaCatalog.forName(schema.resourcePath())).contains(schema);
        schema.recordType().ifPresent(type -> {
            assertThat(SchemaCatalog.forRecord(type)).contains(schema);
            assertThat(SchemaCatalog.forName(type.getSimpleName())).contains(schema);
        });
        schema.defaultTopic().ifPresent(topic -> assertThat(SchemaCatalog.forTopic(topic)).contains(schema));
    }

    @Test
    void knowsNoOtherNames() {
        assertThat(SchemaCatalog.forName("nope")).isEmpty();
        assertThat(SchemaCatalog.forName(null)).isEmpty();
        assertThat(SchemaCatalog.forRecord(String.class)).isEmpty();
    }

    @Test
    void resourcePaths() {
        assertThat(Schema.ALERT_EVENT.resourcePath()).isEqualTo("schemas/alert-event.schema.json");
        assertThat(Schema.F5_LOGS_TS.recordType()).isEmpty();
        assertThat(Schema.HANDSHAKE_EVENT.defaultTopic()).isEmpty();
        assertThat(SchemaCatalog.read(Schema.HANDSHAKE_ECS)).contains("\"@timestamp\"");
    }
}
