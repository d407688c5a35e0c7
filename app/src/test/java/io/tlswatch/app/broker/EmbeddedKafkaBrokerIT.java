package io.tlswatch.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tlswatch.app.testing.KafkaCluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The broker the other {@code *IT} tests stand on: real topics, consumer groups and transactions. */
class EmbeddedKafkaBrokerIT {

    @RegisterExtension
    static KafkaCluster kafka = KafkaCluster.create();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void createsTopicsWithTheRequestedPartitions() throws Exception {
        String first = kafka.uniqueName("broker-it-topic");
        String second = kafka.uniqueName("broker-it-topic");

        kafka.createTopics(4, first, second);
        kafka.createTopics(4, first); // existing topics are tolerated

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(first, second)).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(first, second);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(4));
        }
    }

    @Test
    void consumerGroupReadsProducedRecordsAndCommitsOffsets() {
        String topic = kafka.uniqueName("broker-it-group");
        String group = kafka.uniqueName("broker-it-group");
        kafka.createTopics(3, topic);

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }

        try (KafkaConsumer<String, String> consumer = consumer(group, "read_uncommitted")) {
            consumer.subscribe(List.of(topic));
            List<String> values = pollValues(consumer, 10);
            assertThat(values).hasSize(10).contains("value-0", "value-9");

            consumer.commitSync();
            // The group coordinator lives on __consumer_offsets: this only works when that topic could be created.
            Set<TopicPartition> partitions = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, WAIT);
            long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(partitions).hasSize(3);
            assertThat(total).isEqualTo(10);
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        String topic = kafka.uniqueName("broker-it-tx");
        kafka.createTopics(1, topic);

        try (KafkaProducer<String, String> producer =
                     producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueName("broker-it-tx")))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, "k", "aborted-2"));
            producer.flush(); // the aborted records really reach the log
            producer.abortTransaction();

            // Committed after the aborted ones: once the consumer has it, it has read past them.
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> committed = consumer(kafka.uniqueName("broker-it-tx"), "read_committed")) {
            committed.subscribe(List.of(topic));
            assertThat(pollValues(committed, 3)).containsExactly("committed-1", "committed-2", "committed-3");
        }
        // Proof that the aborted records exist: a read_uncommitted consumer does see them.
        try (KafkaConsumer<String, String> uncommitted = consumer(kafka.uniqueName("broker-it-tx"), "read_uncommitted")) {
            uncommitted.subscribe(List.of(topic));
            assertThat(pollValues(uncommitted, 5))
                    .containsExactly("committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
        }
    }

    @Test
    void brokerInAGivenDirectoryStartsStopsAndRestartsWithItsData(@TempDir Path dir) {
        Path dataDir = dir.resolve("kafka");
        String topic = "kept-topic";
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withDataDir(dataDir).withPartitions(2);

        String clusterId;
        String address;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            System.err.printf("Embedded Kafka broker started in %d ms (second broker in this JVM)%n", broker.startupTime().toMillis());
            assertThat(broker.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
            clusterId = broker.clusterId();
            address = broker.bootstrapServers();
            options = options.withPort(broker.port());

            broker.createTopics(2, topic);
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers(), Map.of())) {
                producer.send(new ProducerRecord<>(topic, "k", "survives-restart"));
            }
        }
        assertThat(dataDir.resolve("kraft-logs").resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            System.err.printf("Embedded Kafka broker restarted in %d ms on existing data%n", broker.startupTime().toMillis());
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            assertThat(broker.bootstrapServers()).as("restarted on the port it had").isEqualTo(address);
            try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers(), "restart-check", "read_committed")) {
                consumer.subscribe(List.of(topic));
                assertThat(pollValues(consumer, 1)).containsExactly("survives-restart");
            }
        }
        assertThat(Files.isDirectory(dataDir)).as("a given directory is kept").isTrue();
    }

    @Test
    void temporaryDirectoryIsDeletedOnClose() {
        Path dataDir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            dataDir = broker.dataDir();
            assertThat(dataDir).isDirectory();
        }
        assertThat(dataDir).doesNotExist();
    }

    /**
     * Reads until {@code expected} values arrived and the consumer stands at the end of every partition it reads
     * (the end its isolation level sees): anything beyond the expected count (e.g. aborted records leaking) shows.
     */
    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                values.add(record.value());
            }
            Set<TopicPartition> assigned = consumer.assignment();
            return values.size() >= expected && !assigned.isEmpty() && consumer.endOffsets(assigned).entrySet()
                    .stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return values;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        return producer(kafka.bootstrapServers(), extra);
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String group, String isolationLevel) {
        return consumer(kafka.bootstrapServers(), group, isolationLevel);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, String group, String isolationLevel) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
