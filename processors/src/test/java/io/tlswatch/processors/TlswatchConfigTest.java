package io.tlswatch.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.topology.StreamsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlswatchConfigTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFileAndKafkaSettingsPassThrough() throws IOException {
        Path file = dir.resolve("tlswatch.properties");
        Files.writeString(file, String.join("\n",
                "kafka.bootstrap.servers=file:9092",
                "kafka.security.protocol=SASL_SSL",
                "topics.alerts=ops.alerts",
                "alerts.window=5m",
                "syslog.timezone=Europe/Paris"));
        TlswatchConfig config = TlswatchConfig.load(file, Map.of(
                "TLSWATCH_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "TLSWATCH_ALERTS_FIRE_FAILURES", "7",
                "PATH", "/usr/bin"));
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "env:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.topics().alerts()).isEqualTo("ops.alerts");
        assertThat(config.topics().logs()).isEqualTo("f5.logs");
        assertThat(config.alertRules().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.alertRules().fireFailures()).isEqualTo(7);
        assertThat(config.syslogZone().getId()).isEqualTo("Europe/Paris");

        Properties streams = StreamsSettings.from(config);
        assertThat(streams.getProperty("bootstrap.servers")).isEqualTo("env:9092");
        assertThat(streams.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(streams.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    }

    @Test
    void exactlyOnceCanBeOverriddenButIsTheDefault() {
        TlswatchConfig config = TlswatchConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092", "kafka.processing.guarantee", "at_least_once"));
        assertThat(StreamsSettings.from(config).getProperty("processing.guarantee")).isEqualTo("at_least_once");
    }

    @Test
    void badSettingsFailWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.window", "soon")).alertRules())
                .hasMessageContaining("alerts.window").hasMessageContaining("soon");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.fire.failures", "3", "alerts.resolve.failures", "9"))
                .alertRules()).hasMessageContaining("alerts.resolve.failures");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("syslog.timezone", "Mars/Olympus")).syslogZone())
                .hasMessageContaining("syslog.timezone");
        assertThatThrownBy(() -> StreamsSettings.from(TlswatchConfig.of(Map.of())))
                .hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void ratesGraceFollowsTheAlertRuleUnlessSet() {
        assertThat(TlswatchConfig.of(Map.of("alerts.grace", "45s")).ratesGrace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(TlswatchConfig.of(Map.of("alerts.grace", "45s", "rates.grace", "PT87600H")).ratesGrace())
                .isEqualTo(Duration.ofDays(3650));
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("rates.grace", "-PT1S")).ratesGrace())
                .hasMessageContaining("rates.grace");
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(TlswatchConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(TlswatchConfig.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TlswatchConfig.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(TlswatchConfig.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(TlswatchConfig.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> TlswatchConfig.parseDuration("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlswatchConfig.parseDuration("5x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetJoinSettingsHaveDefaultsAndChecks() {
        assertThat(TlswatchConfig.of(Map.of()).packetJoin())
                .isEqualTo(io.tlswatch.processors.connection.PacketJoinSettings.defaults());
        var custom = TlswatchConfig.of(Map.of("packets.wait", "800ms", "packets.max.summaries", "4",
                "packets.max.bytes", "1000")).packetJoin();
        assertThat(custom.quiet()).isEqualTo(Duration.ofMillis(800));
        assertThat(custom.maxSummaries()).isEqualTo(4);
        assertThat(custom.maxBytes()).isEqualTo(1000);
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("packets.wait", "0s")).packetJoin())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packets.wait");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("packets.max.summaries", "0")).packetJoin())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packets.max.summaries");
    }
}
