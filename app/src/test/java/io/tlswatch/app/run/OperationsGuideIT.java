package io.tlswatch.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.processors.TlswatchConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docs/operations.md} tells operators about the cluster side, on a real broker: the internal topics
 * take the larger partition count of the two inputs, and every resource the ACL section grants by prefix (internal
 * topics, transactional ids) or by name (the consumer group) is named after the application id.
 */
class OperationsGuideIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void internalResourcesFollowTheInputsAndTheApplicationId() throws Exception {
        String app = KAFKA.uniqueName("ops");
        Map<String, String> settings = PipelineSettings.of(KAFKA, app, stateDir);
        settings.put("topics.partitions", "1");
        KAFKA.createTopics(2, app + ".logs");
        KAFKA.createTopics(4, app + ".packets");
        pipeline = Pipeline.start(TlswatchConfig.of(settings), new SimpleMeterRegistry());
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(90))).as("pipeline running").isTrue();

        Properties client = new Properties();
        client.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(client)) {
            // a record through every partition makes every task's producer start its transactions
            for (int p = 0; p < 2; p++) {
                producer.send(new ProducerRecord<>(app + ".logs", p, null, "not tls".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();

            Set<String> internal = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(app + "-")).collect(Collectors.toSet());
            assertThat(internal).hasSize(21); // 7 repartition + 14 changelog topics
            Map<String, TopicDescription> described = admin.describeTopics(internal).allTopicNames().get();
            Map<String, Integer> partitions = new TreeMap<>();
            described.forEach((name, d) -> partitions.put(name, d.partitions().size()));
            // the alert board reads the alerts topic back (topics.partitions: 1): its changelog follows that topic
            String board = app + "-alert-board-changelog";
            assertThat(partitions).containsEntry(board, 1);
            partitions.remove(board);
            assertThat(partitions).as("internal topics take the larger input partition count").allSatisfy(
                    (name, count) -> assertThat(count).as(name).isEqualTo(4));
            assertThat(partitions.keySet()).allMatch(t -> t.endsWith("-repartition") || t.endsWith("-changelog"));

            assertThat(admin.listGroups().all().get()).anyMatch(g -> g.groupId().equals(app));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<String> ids = admin.listTransactions().all().get().stream()
                        .map(TransactionListing::transactionalId)
                        .filter(id -> id.startsWith(app))
                        .toList();
                assertThat(ids).isNotEmpty().allMatch(id -> id.startsWith(app + "-"));
            });
        }
    }
}
