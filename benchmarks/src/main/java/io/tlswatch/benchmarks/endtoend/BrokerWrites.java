package io.tlswatch.benchmarks.endtoend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What an application wrote to the broker, topic by topic: end offsets (records, plus one transaction marker per
 * partition and commit under exactly-once) and the bytes of the log segments still on disk (Kafka Streams purges
 * what its repartition topics' readers have committed, so those undercount). The broker's share of the machine
 * follows these writes, so this is where a repartition or changelog that costs more than it should shows.
 */
final class BrokerWrites {
    /** One topic's writes. */
    record Topic(String name, long offsets, long bytes) {}

    private BrokerWrites() {}

    /**
     * @param owned which topics the application wrote (its internal topics and its outputs)
     * @param logDir the broker's data directory, whose {@code topic-partition} folders hold the bytes
     */
    static List<Topic> of(String bootstrapServers, Path logDir, Predicate<String> owned) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> mine = names.stream().filter(owned).sorted().toList();
            Map<String, TopicDescription> described = admin.describeTopics(mine).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p ->
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> offsets.merge(tp.topic(), info.offset(), Long::sum));
            List<Topic> out = new ArrayList<>();
            for (String topic : mine) {
                long bytes = 0;
                for (var p : described.get(topic).partitions()) {
                    // the .log segments only: the broker pre-allocates its index files at 10 MB each
                    bytes += Machine.du(logDir.resolve(topic + "-" + p.partition()),
                            f -> f.getFileName().toString().endsWith(".log"));
                }
                out.add(new Topic(topic, offsets.getOrDefault(topic, 0L), bytes));
            }
            out.sort(Comparator.comparingLong(Topic::bytes).reversed());
            return out;
        }
    }

    /**
     * Deletes the topics an application wrote once its round is over, so that every round starts on a broker that
     * holds the input alone (a pass-through round leaves a copy of the input, gigabytes the next round's writes
     * would share the disk with). Returns how many were deleted.
     */
    static int drop(String bootstrapServers, Predicate<String> owned) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(owned).toList();
            admin.deleteTopics(mine).all().get(60, TimeUnit.SECONDS);
            return mine.size();
        }
    }

    /** A Markdown table, with records and bytes per input record. */
    static String render(String title, List<Topic> topics, long inputRecords) {
        StringBuilder b = new StringBuilder("#### ").append(title).append("\n\n")
                .append("| topic | end offsets | per input record | MB on disk | bytes on disk per input record |\n")
                .append("|---|---:|---:|---:|---:|\n");
        long offsets = 0;
        long bytes = 0;
        for (Topic t : topics) {
            offsets += t.offsets();
            bytes += t.bytes();
            b.append(row(t.name(), t.offsets(), t.bytes(), inputRecords));
        }
        b.append(row("**all**", offsets, bytes, inputRecords));
        return b.toString();
    }

    private static String row(String name, long offsets, long bytes, long inputRecords) {
        double in = Math.max(1, inputRecords);
        return String.format(Locale.ROOT, "| %s | %,d | %.3f | %,.1f | %,.1f |%n", name, offsets, offsets / in,
                bytes / 1e6, bytes / in);
    }

}
