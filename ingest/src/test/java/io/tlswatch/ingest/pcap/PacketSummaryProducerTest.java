package io.tlswatch.ingest.pcap;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PacketSummaryProducerTest {

    private static final Path G08 = SharedData.root().resolve("tls/pcap/g08-tls12-alert45-cert-expired.pcap");

    @Test
    void sendsEachSummaryAsSchemaValidJsonKeyedByConnectionId() throws IOException {
        MockProducer<String, byte[]> mock = mock(true);
        try (PacketSummaryProducer producer = new PacketSummaryProducer(mock, "f5.packets");
                InputStream in = Files.newInputStream(G08)) {
            CaptureStats stats = CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), producer::send);
            producer.flush();

            List<ProducerRecord<String, byte[]>> history = mock.history();
            assertThat(history).hasSize((int) stats.get(CaptureStats.Counter.SUMMARIES_EMITTED)).isNotEmpty();
            for (ProducerRecord<String, byte[]> r : history) {
                String json = new String(r.value(), StandardCharsets.UTF_8);
                assertValid(Schema.PACKET_SUMMARY, json);
                PacketSummary s = Json.MAPPER.readValue(json, PacketSummary.class);
                assertThat(r.topic()).isEqualTo("f5.packets");
                assertThat(r.key()).isEqualTo(s.connectionId()).startsWith("bigip-01/");
                // the producer's clock stamps the record: the time it entered Kafka
                assertThat(r.timestamp()).isNull();
            }
            assertThat(producer.sent()).isEqualTo(history.size());
            assertThat(producer.acknowledged()).isEqualTo(history.size());
        }
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void aGivenTimestampStampsTheRecordForReplaysOfOldCaptures() throws IOException {
        MockProducer<String, byte[]> mock = mock(true);
        try (PacketSummaryProducer producer = new PacketSummaryProducer(mock, "f5.packets");
                InputStream in = Files.newInputStream(G08)) {
            CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), s -> producer.send(s, s.firstSeenMs()));
            producer.flush();
            assertThat(mock.history()).isNotEmpty().allSatisfy(r -> {
                PacketSummary s = Json.MAPPER.readValue(r.value(), PacketSummary.class);
                assertThat(r.key()).isEqualTo(s.connectionId());
                assertThat(r.timestamp()).isEqualTo(s.firstSeenMs());
            });
            PacketSummary first = Json.MAPPER.readValue(mock.history().get(0).value(), PacketSummary.class);
            assertThatThrownBy(() -> producer.send(first, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailedSendIsReportedByFlush() throws IOException {
        MockProducer<String, byte[]> mock = mock(false);
        try (PacketSummaryProducer producer = new PacketSummaryProducer(mock, "f5.packets");
                InputStream in = Files.newInputStream(G08)) {
            CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), producer::send);
            assertThat(mock.errorNext(new TimeoutException("broker gone"))).isTrue();
            while (mock.completeNext()) {
                // acknowledge the rest
            }
            assertThatThrownBy(producer::flush).isInstanceOf(KafkaException.class)
                    .hasMessageContaining("f5.packets").hasMessageContaining("1 of " + producer.sent())
                    .hasRootCauseInstanceOf(TimeoutException.class);
            assertThat(producer.failed()).isEqualTo(1);
        }
    }

    @Test
    void countingStreamCountsReadsAndSkips() throws IOException {
        byte[] data = new byte[10_000];
        try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data))) {
            assertThat(in.read()).isZero();
            assertThat(in.read(new byte[100], 0, 100)).isEqualTo(100);
            assertThat(in.skip(900)).isEqualTo(900);
            assertThat(in.count()).isEqualTo(1_001);
            assertThat(in.readAllBytes()).hasSize(8_999);
            assertThat(in.count()).isEqualTo(10_000);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.count()).isEqualTo(10_000);
            assertThat(in.markSupported()).isFalse();
        }
    }

    @Test
    void rejectsABlankTopic() {
        assertThatThrownBy(() -> new PacketSummaryProducer(mock(true), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockProducer<String, byte[]> mock(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }
}
