package io.tlswatch.app.run;

import io.tlswatch.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the input and output topics tlswatch uses when they are missing (inventory compacted). */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final int TIMEOUT_MS = 30_000;

    private TopicSetup() {}

    /**
     * @param adminSettings Kafka client settings (bootstrap, security)
     * @param replication   replication factor; empty takes the broker's {@code default.replication.factor}
     * @return the topics that were created
     */
    public static List<String> ensure(
            Map<String, Object> adminSettings, TopicNames topics, int partitions, Optional<Short> replication) {
        return ensure(adminSettings, topics, List.of(), partitions, replication);
    }

    /** @param extra topics beyond the catalogue (an analysis' outcomes topic) */
    public static List<String> ensure(Map<String, Object> adminSettings, TopicNames topics, List<String> extra,
            int partitions, Optional<Short> replication) {
        try (Admin admin = Admin.create(adminSettings)) {
            // operation timeouts, not only future timeouts: Admin.close() waits for pending operations
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS))
                    .names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<String> inputs = List.of(topics.logs(), topics.packets(), topics.netskope());
            int inputPartitions = Math.max(partitions, largestPartitionCount(admin, inputs, existing));
            List<NewTopic> missing = new ArrayList<>();
            List<String> names = new ArrayList<>(topics.all());
            names.addAll(extra);
            for (String name : names) {
                if (!existing.contains(name)) {
                    int count = inputs.contains(name) ? inputPartitions : partitions;
                    NewTopic topic = new NewTopic(name, Optional.of(count), replication);
                    if (name.equals(topics.inventory())) {
                        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(topic);
                }
            }
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(TIMEOUT_MS))
                            .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            if (!missing.isEmpty()) {
                // another instance may have created some of them a moment before: wait for those too
                awaitVisible(admin, missing.stream().map(NewTopic::name).toList());
            }
            return created;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException("no answer from Kafka at " + adminSettings.get("bootstrap.servers")
                        + " within " + TIMEOUT_MS / 1000 + " s", e.getCause());
            }
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + adminSettings.get("bootstrap.servers")
                    + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Waits until the brokers answer for the topics just created. A created topic reaches the brokers' metadata a
     * moment after the controller has it; Kafka Streams initializes a global store (the inventory, the changes)
     * from one metadata answer and stops for good when that answer has no partitions yet.
     */
    private static void awaitVisible(Admin admin, List<String> created)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                boolean ready = admin.describeTopics(created, new DescribeTopicsOptions().timeoutMs((int) left))
                        .allTopicNames().get(left, TimeUnit.MILLISECONDS)
                        .values().stream().noneMatch(d -> d.partitions().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("created topics " + created + ", but the brokers did not list them within "
                        + TIMEOUT_MS / 1000 + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The most partitions an existing input has. A missing input is created with as many: Kafka Streams sizes a
     * repartition topic from the inputs upstream of it, and an input with fewer partitions (the Netskope topic
     * merges after the connection join) can leave a downstream stage with fewer tasks, depending on the order in
     * which Streams resolves the counts.
     */
    private static int largestPartitionCount(Admin admin, List<String> inputs, Set<String> existing)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> present = inputs.stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return 0;
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        admin.describeTopics(present, new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
                .allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((name, d) -> counts.put(name, d.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            LOG.warn("input topics have different partition counts {}: give them the same count, or a stage after "
                    + "the join may run with fewer tasks than the inputs (docs/operations.md, Topics)", counts);
        }
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
