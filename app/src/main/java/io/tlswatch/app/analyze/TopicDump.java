package io.tlswatch.app.analyze;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes one topic, from its beginning to its end at the time of the call, into a file: each record's value
 * (a JSON document, as the pipeline wrote it) on its own line. Reads committed records only (the pipeline is
 * exactly-once), with no consumer group. Partitions are written one after the other; {@code tlswatch analyze}
 * gives its topics one partition, so a file keeps the order in which the pipeline wrote.
 */
final class TopicDump {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final byte NEWLINE = '\n';

    private final Map<String, Object> clientSettings;
    private final Duration timeout;

    /**
     * @param clientSettings Kafka client settings (bootstrap servers)
     * @param timeout        how long one topic may take to read
     */
    TopicDump(Map<String, Object> clientSettings, Duration timeout) {
        this.clientSettings = Map.copyOf(clientSettings);
        this.timeout = timeout;
    }

    /**
     * Writes {@code topic} into {@code file} (replacing it); {@code each} sees every value written.
     *
     * @return the number of records (lines) written
     */
    long write(String topic, Path file, Consumer<byte[]> each) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return forEach(topic, record -> {
                if (record.value() == null) {
                    return;
                }
                try {
                    out.write(record.value());
                    out.write(NEWLINE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                each.accept(record.value());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Hands every committed record of {@code topic} (tombstones too), from its beginning to its end at the time of the
     * call, to {@code each}, partition after partition.
     *
     * @return the number of records with a value
     */
    long forEach(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tlswatch-analyze-dump");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .toList();
            // with read_committed, the end offsets are the last stable offsets: everything committed so far
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                while (consumer.position(partition, timeout) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds()
                                + " s; " + read + " records read");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        if (record.offset() >= end) {
                            continue;
                        }
                        each.accept(record);
                        read += record.value() == null ? 0 : 1;
                    }
                }
            }
        }
        return read;
    }
}
