package io.tlswatch.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.app.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's throughput measurement on a real broker: a consumer group that commits as it goes is timed from
 * its first commit to the commit of the last input record, and only the records committed in between count.
 */
class GroupProgressIT {
    private static final int RECORDS = 3_000;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBrokerAndProduce() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(3, "in.a", "in.b");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(i % 3 == 0 ? "in.b" : "in.a", new byte[] {(byte) i}));
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void timesTheGroupFromItsFirstCommitToTheEndOfEveryInputPartition() throws Exception {
        AtomicBoolean consumed = new AtomicBoolean();
        Thread group = new Thread(() -> consumeAndCommit("g1", consumed), "g1");
        try (GroupProgress progress = new GroupProgress(broker.bootstrapServers(), List.of("in.a", "in.b"))) {
            assertThat(progress.endTotal()).isEqualTo(RECORDS);
            long launched = System.currentTimeMillis();
            group.start();

            GroupProgress.Result result = progress.await("g1", launched, Duration.ofSeconds(60), () -> true);

            // records committed after the first commit seen: none when one 100 ms look already finds the end
            assertThat(result.records()).isBetween(0L, (long) RECORDS);
            if (result.records() == 0) {
                assertThat(result.doneMs()).isEqualTo(result.firstCommitMs());
            }
            assertThat(result.firstCommitMs()).isGreaterThanOrEqualTo(launched);
            assertThat(result.doneMs()).isGreaterThanOrEqualTo(result.firstCommitMs());
            assertThat(result.wallSeconds()).isGreaterThanOrEqualTo(result.seconds());
            assertThat(progress.lag("g1")).isZero();
        } finally {
            group.join(30_000);
        }
        assertThat(consumed).isTrue();
    }

    @Test
    void aDeadApplicationStopsTheWaitWithWhatItCommitted() {
        try (GroupProgress progress = new GroupProgress(broker.bootstrapServers(), List.of("in.a", "in.b"))) {
            assertThatThrownBy(() -> progress.await("nobody", System.currentTimeMillis(), Duration.ofSeconds(60),
                    () -> false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nobody stopped after committing 0 of " + RECORDS);
            assertThat(progress.lag("nobody")).isEqualTo(RECORDS);
        }
    }

    private static void consumeAndCommit(String groupId, AtomicBoolean done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50); // many commits, so that most runs see several
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("in.a", "in.b"));
            int seen = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (seen < RECORDS && System.currentTimeMillis() < deadline) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
                consumer.commitSync();
            }
            done.set(seen == RECORDS);
        }
    }
}
