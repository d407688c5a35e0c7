package io.tlswatch.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.topology.StreamsSettings;
import io.tlswatch.processors.alerts.AlertPolicy;
import io.tlswatch.processors.alerts.ClassKind;
import io.tlswatch.processors.classify.ErrorClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
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
                "TLSWATCH_ALERTS_SERVER_MIN_FAILURES", "7",
                "PATH", "/usr/bin"));
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "env:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.topics().alerts()).isEqualTo("ops.alerts");
        assertThat(config.topics().logs()).isEqualTo("f5.logs");
        assertThat(config.alertPolicy().shortWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.alertPolicy().rule(ErrorClass.CERT_EXPIRED).minFailures()).isEqualTo(7);
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
    void producersGetLargeLz4BatchesUnlessTheOperatorSaysOtherwise() {
        Map<String, Object> byDefault = new StreamsConfig(StreamsSettings.from(TlswatchConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092")))).getProducerConfigs("p");
        assertThat(byDefault).containsEntry("compression.type", "lz4").containsEntry("batch.size", 262144);

        // either spelling of the operator's setting reaches the producer Kafka Streams builds
        Map<String, Object> plain = new StreamsConfig(StreamsSettings.from(TlswatchConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092", "kafka.compression.type", "zstd",
                "kafka.batch.size", "16384")))).getProducerConfigs("p");
        assertThat(plain).containsEntry("compression.type", "zstd").containsEntry("batch.size", "16384");
        Map<String, Object> prefixed = new StreamsConfig(StreamsSettings.from(TlswatchConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092", "kafka.producer.compression.type", "none")))).getProducerConfigs("p");
        assertThat(prefixed).containsEntry("compression.type", "none");
    }

    @Test
    void twoStreamThreadsUnlessTheOperatorSaysOtherwise() {
        StreamsConfig byDefault = new StreamsConfig(StreamsSettings.from(TlswatchConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092"))));
        assertThat(byDefault.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        StreamsConfig one = new StreamsConfig(StreamsSettings.from(TlswatchConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092", "kafka.num.stream.threads", "1"))));
        assertThat(one.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
        // Kafka would start with none and process nothing
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("kafka.num.stream.threads", "0")).validate())
                .hasMessageStartingWith("kafka.num.stream.threads: must be at least 1, got 0");
    }

    @Test
    void netskopeHeadersAreKeptThirtyDaysByDefaultOrForever() {
        assertThat(TlswatchConfig.of(Map.of()).netskopeHeaderRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(TlswatchConfig.of(Map.of("netskope.header.retention", "7d")).netskopeHeaderRetention())
                .isEqualTo(Duration.ofDays(7));
        assertThat(TlswatchConfig.of(Map.of("netskope.header.retention", "0s")).netskopeHeaderRetention()).isZero();
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("netskope.header.retention", "soon"))
                .netskopeHeaderRetention()).hasMessageContaining("netskope.header.retention");
        // checked at start, with the other settings, not when the topology is built
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("netskope.header.retention", "-1d")).validate())
                .hasMessageContaining("netskope.header.retention");
    }

    @Test
    void badSettingsFailWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.window", "soon")).alertPolicy())
                .hasMessageContaining("alerts.window").hasMessageContaining("soon");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.window", "5m", "alerts.window.long", "1m"))
                .alertPolicy()).hasMessageContaining("alerts.window.long");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.server.ratio", "20")).alertPolicy())
                .hasMessageContaining("alerts.server.ratio").hasMessageContaining("0.1 is 10 %");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.class.cert_expird.kind", "server")).alertPolicy())
                .hasMessageContaining("unknown error class 'cert_expird'");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.class.not_tls.kind", "loud")).alertPolicy())
                .hasMessageContaining("alerts.class.not_tls.kind").hasMessageContaining("server, client or noise");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("alerts.fire.failures", "3")).alertPolicy())
                .hasMessageContaining("alerts.fire.failures is no longer a setting");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("syslog.timezone", "Mars/Olympus")).syslogZone())
                .hasMessageContaining("syslog.timezone");
        assertThatThrownBy(() -> StreamsSettings.from(TlswatchConfig.of(Map.of())))
                .hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void perClassPolicyOverridesTheKindsDefaults() {
        AlertPolicy policy = TlswatchConfig.of(Map.of(
                "alerts.client.ratio", "0.08",
                "alerts.class.not_tls.kind", "server",
                "alerts.class.cert_bad.ratio", "0.5",
                "alerts.class.cert_bad.min.failures", "20")).alertPolicy();
        assertThat(policy.rule(ErrorClass.PROTOCOL_VERSION)).isEqualTo(new AlertPolicy.ClassRule(ClassKind.CLIENT, 0.08, 10));
        assertThat(policy.rule(ErrorClass.NOT_TLS)).isEqualTo(new AlertPolicy.ClassRule(ClassKind.SERVER, 0.10, 5));
        assertThat(policy.rule(ErrorClass.CERT_BAD)).isEqualTo(new AlertPolicy.ClassRule(ClassKind.SERVER, 0.5, 20));
        assertThat(policy.rule(ErrorClass.PEER_ABORT).kind()).isEqualTo(ClassKind.NOISE);
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
