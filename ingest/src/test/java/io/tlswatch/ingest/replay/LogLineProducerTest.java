package io.tlswatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class LogLineProducerTest {

    private static final String LINE = "Feb  1 08:12:14 pua-bigip warning tmm1[9244]: 01260026:4: "
            + "No shared ciphers between SSL peers 192.168.99.86.32963:192.168.20.230.636.";

    @Test
    void sendsUtf8LinesWithoutKeyAtTheGivenTimestamp() {
        MockProducer<byte[], byte[]> mock = mock(true);
        try (LogLineProducer producer = new LogLineProducer(mock, "f5.logs")) {
            producer.send(LINE, 1_769_933_534_000L);
            producer.send("caf\u00e9", 7L);
            producer.flush();

            List<ProducerRecord<byte[], byte[]>> history = mock.history();
            assertThat(history).hasSize(2);
            assertThat(history).allSatisfy(r -> {
                assertThat(r.topic()).isEqualTo("f5.logs");
                assertThat(r.key()).isNull();
                assertThat(r.partition()).isNull();
            });
            assertThat(new String(history.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(LINE);
            assertThat(history.get(0).timestamp()).isEqualTo(1_769_933_534_000L);
            assertThat(history.get(1).value()).containsExactly('c', 'a', 'f', 0xC3, 0xA9);
            assertThat(producer.sent()).isEqualTo(2);
            assertThat(producer.acknowledged()).isEqualTo(2);
            assertThat(producer.failed()).isZero();
        }
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void linesOfOneExportShareTheirKey() {
        MockProducer<byte[], byte[]> mock = mock(true);
        try (LogLineProducer producer = new LogLineProducer(mock, "netskope.webtx")) {
            producer.send("webtx.csv", "date,time,x-cs-ssl-version", 1L);
            producer.send("webtx.csv", "2026-02-06,20:35:30,TLSv1.3", 2L);
            producer.send(null, "unkeyed", 3L);
        }
        List<ProducerRecord<byte[], byte[]>> history = mock.history();
        assertThat(history).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("webtx.csv", "webtx.csv", null);
        assertThat(history).extracting(ProducerRecord::timestamp).containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> new LogLineProducer(mock(true), "t").send("k", "x", -1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawBytesCarryTheGivenHeaders() {
        MockProducer<byte[], byte[]> mock = mock(true);
        try (LogLineProducer producer = new LogLineProducer(mock, "f5.logs")) {
            producer.sendBytes(new byte[] {'<', '1', '>', 'x'}, 5L,
                    List.of(new RecordHeader("tlswatch.sender", "10.0.0.1:514".getBytes(StandardCharsets.UTF_8))));
            producer.sendBytes(new byte[] {'y'}, 6L);
        }
        ProducerRecord<byte[], byte[]> first = mock.history().get(0);
        assertThat(first.key()).isNull();
        assertThat(first.headers().lastHeader("tlswatch.sender").value())
                .isEqualTo("10.0.0.1:514".getBytes(StandardCharsets.UTF_8));
        assertThat(mock.history().get(1).headers().toArray()).isEmpty();
    }

    @Test
    void aFailedSendIsReportedByTheNextFlushOnce() {
        MockProducer<byte[], byte[]> mock = mock(false);
        try (LogLineProducer producer = new LogLineProducer(mock, "f5.logs")) {
            producer.send("one", 1L);
            producer.send("two", 2L);
            assertThat(mock.errorNext(new TimeoutException("broker gone"))).isTrue();

            assertThatThrownBy(producer::flush).isInstanceOf(KafkaException.class)
                    .hasMessageContaining("f5.logs").hasMessageContaining("1 of 2")
                    .hasRootCauseInstanceOf(TimeoutException.class);
            assertThat(producer.sent()).isEqualTo(2);
            assertThat(producer.acknowledged()).isEqualTo(1);
            assertThat(producer.failed()).isEqualTo(1);

            // reported once: the next flush with no new failure passes
            producer.send("three", 3L);
            producer.flush();
            assertThat(producer.acknowledged()).isEqualTo(2);
        }
    }

    @Test
    void closeReportsAFailureThatNoFlushReported() {
        MockProducer<byte[], byte[]> mock = mock(false);
        LogLineProducer producer = new LogLineProducer(mock, "f5.logs");
        producer.send("one", 1L);
        mock.errorNext(new TimeoutException("broker gone"));
        assertThatThrownBy(producer::close).isInstanceOf(KafkaException.class);
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void rejectsANegativeTimestamp() {
        try (LogLineProducer producer = new LogLineProducer(mock(true), "f5.logs")) {
            assertThatThrownBy(() -> producer.send(LINE, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(producer.sent()).isZero();
        }
    }

    @Test
    void configurationIsDurableWhateverTheCallerAsks() {
        Map<String, Object> config = LogLineProducer.producerConfig(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "org.example.Whatever",
                "compression.type", "zstd"));

        assertThat(config)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry("compression.type", "zstd")
                .doesNotContainKey(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        assertThat(LogLineProducer.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092",
                ProducerConfig.LINGER_MS_CONFIG, 50))).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 50);
        assertThatThrownBy(() -> LogLineProducer.producerConfig(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void buildsARealKafkaProducerWithoutABroker() {
        // the client connects lazily: construction checks that the configuration is accepted
        try (LogLineProducer producer = new LogLineProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 100), "f5.logs")) {
            assertThat(producer.topic()).isEqualTo("f5.logs");
            assertThat(producer.sent()).isZero();
        }
    }

    private static MockProducer<byte[], byte[]> mock(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
