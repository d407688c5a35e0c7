package io.tlswatch.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaKeysTest {
    @Test
    void aMisspeltKafkaSettingIsNamedWithWhatWasMeant() {
        TlswatchConfig config = TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "b:9092",
                "kafka.num.stream.thread", "1", "kafka.producer.lingr.ms", "5"));
        assertThat(KafkaKeys.unknown(config)).containsExactly(
                "kafka.num.stream.thread is not a Kafka setting (did you mean kafka.num.stream.threads?); passed on,"
                        + " but Kafka ignores what it does not know",
                "kafka.producer.lingr.ms is not a Kafka setting (did you mean kafka.producer.linger.ms?); passed on, but Kafka"
                        + " ignores what it does not know");
    }

    @Test
    void kafkasOwnSettingsPassQuietly() {
        TlswatchConfig config = TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "b:9092",
                "kafka.num.stream.threads", "4", "kafka.producer.batch.size", "16384",
                "kafka.main.consumer.max.poll.records", "500", "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.jaas.config", "x", "kafka.topic.min.insync.replicas", "2", "kafka.state.dir", "/tmp/s",
                "kafka.admin.retries", "3"));
        assertThat(KafkaKeys.unknown(config)).isEmpty();
    }
}
