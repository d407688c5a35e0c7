package io.tlswatch.app.analyze;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes {@link Quiescence.Offsets} snapshots of a running Streams application with an {@link Admin} client:
 * the end offsets of the topics it reads, its committed offsets (its consumer group is its application id),
 * and the end offsets of its output topics. Thread-safe, like the Admin client.
 */
public final class PipelineOffsets implements AutoCloseable {
    private final Admin admin;
    private final String groupId;
    private final List<TopicPartition> sources;
    private final List<TopicPartition> outputs;
    private final Duration timeout;

    public PipelineOffsets(Map<String, Object> clientSettings, String groupId, Collection<String> sourceTopics,
            Collection<String> outputTopics, Duration timeout) {
        this.admin = Admin.create(clientSettings);
        this.groupId = groupId;
        this.timeout = timeout;
        try {
            this.sources = partitions(sourceTopics);
            this.outputs = partitions(outputTopics);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    public Quiescence.Offsets snapshot() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            sources.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            outputs.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> sourceEnds = new HashMap<>();
            Map<TopicPartition, Long> outputEnds = new HashMap<>();
            Map<TopicPartition, Long> done = new HashMap<>();
            sources.forEach(tp -> sourceEnds.put(tp, ends.get(tp).offset()));
            outputs.forEach(tp -> outputEnds.put(tp, ends.get(tp).offset()));
            committed.forEach((tp, offset) -> {
                if (offset != null && sourceEnds.containsKey(tp)) {
                    done.put(tp, offset.offset());
                }
            });
            return new Quiescence.Offsets(sourceEnds, done, outputEnds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the pipeline's offsets: " + e, e);
        }
    }

    private List<TopicPartition> partitions(Collection<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> out = new ArrayList<>();
            described.values().forEach(d -> d.partitions()
                    .forEach(p -> out.add(new TopicPartition(d.name(), p.partition()))));
            return List.copyOf(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
