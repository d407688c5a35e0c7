package io.tlswatch.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlswatch inventory delete} on a real broker: it reads the topic, tombstones the VIP under every spelling
 * it was loaded with, names the keys, and warns for a VIP it never saw loaded.
 */
class InventoryDeleteIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    @TempDir
    Path dir;

    @Test
    void tombstonesTheLoadedKeysOfAVipAndWarnsForOneNeverLoaded() throws Exception {
        String topic = KAFKA.uniqueName("inventory-delete-it");
        Path csv = Files.writeString(dir.resolve("vips.csv"), """
                observer,name,address
                bigip-it,/Common/v6_vs,[2001:0DB8::0010]:443
                bigip-it,/Common/v4_vs,10.0.0.1:443
                """);
        CommandRun load = new CommandRun();
        assertThat(load.run("inventory", "load", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic", topic,
                csv.toString())).as(load.err()).isZero();
        // a row loaded by an older tlswatch, which kept the address as written
        String legacy = "bigip-it/[2001:0db8::0010]:443#csv";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, legacy, "{\"observer\":\"bigip-it\"}")).get();
        }

        CommandRun delete = new CommandRun();
        int exit = delete.run("inventory", "delete", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic", topic,
                "bigip-it/[2001:db8:0::10]:443", "bigip-it/10.9.9.9:443");

        assertThat(exit).as(delete.err()).isZero();
        assertThat(delete.out().strip().split("\n")).containsExactly(
                "bigip-it/[2001:db8::10]:443#csv", legacy, "bigip-it/10.9.9.9:443#csv");
        assertThat(delete.err())
                .contains("warning: bigip-it/10.9.9.9:443#csv was never loaded into " + topic)
                .contains("1 virtual servers removed from " + topic)
                .doesNotContain("warning: bigip-it/[2001:db8::10]");
        Map<String, String> last = lastValues(topic);
        assertThat(last).containsEntry("bigip-it/[2001:db8::10]:443#csv", null).containsEntry(legacy, null)
                .containsEntry("bigip-it/10.9.9.9:443#csv", null);
        assertThat(last.get("bigip-it/10.0.0.1:443#csv")).as("the other VIP stays").isNotNull();
    }

    private static Map<String, String> lastValues(String topic) {
        Map<String, String> last = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    last.put(r.key(), r.value());
                }
            }
        }
        return last;
    }
}
