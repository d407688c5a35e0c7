package io.tlswatch.app.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes state restoration visible (DESIGN §11: a clean restart keeps its checkpointed stores, only a crash may
 * restore from the changelog): {@code tlswatch_state_restored_records_total{store}} counts the records read
 * back from changelogs, and each restore that read any record logs one INFO line. Store names are the
 * topology's, a small fixed set.
 */
final class StateRestoreCounter implements StateRestoreListener {
    static final String METRIC = "tlswatch_state_restored_records_total";
    private static final Logger LOG = LoggerFactory.getLogger(StateRestoreCounter.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** When each changelog partition started restoring, for the log line; restoring threads differ per task. */
    private final Map<TopicPartition, Long> startedNanos = new ConcurrentHashMap<>();

    StateRestoreCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        startedNanos.put(partition, System.nanoTime());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        counter(storeName).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        Long started = startedNanos.remove(partition);
        if (totalRestored > 0) {
            long ms = started == null ? -1 : (System.nanoTime() - started) / 1_000_000;
            LOG.info("state store {} restored {} records from changelog {} in {} ms", storeName, totalRestored,
                    partition, ms);
        }
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        // the task moved to another instance mid-restore: the records read so far were counted batch by batch
        startedNanos.remove(partition);
    }

    private Counter counter(String storeName) {
        return counters.computeIfAbsent(storeName, store -> Counter.builder(METRIC)
                .description("records restored into a state store from its changelog")
                .tag("store", store)
                .register(registry));
    }
}
