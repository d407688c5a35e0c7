package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.JsonSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the notifier starts on each partition it is given. With a committed offset: the history below it is
 * replayed into the {@link AlertLedger} without sending (it was delivered), and reading goes on from it. Without
 * one (a new group): the whole history is replayed, the alerts it leaves firing are delivered ("catch-up"), and
 * reading starts at the end, so a first start does not page the topic's past. {@code --from-beginning}: no replay,
 * everything is read and delivered. Also tells the loop when a revocation made its batch stale.
 */
final class PartitionStarts implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(PartitionStarts.class);
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);

    /** A fresh partition's firing alerts, delivered before its end offset is committed. */
    record CatchUp(TopicPartition partition, long endOffset, List<AlertEvent> firing) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Object> client;
    private final NotifyOptions options;
    private final AlertLedger ledger;
    private final Clock clock;
    private final Deserializer<AlertEvent> alerts = JsonSerde.of(AlertEvent.class).deserializer();
    private final Deque<CatchUp> catchUps = new ArrayDeque<>();
    private final Set<TopicPartition> startedFromBeginning = new HashSet<>();
    private Map<TopicPartition, Long> dryRunEnd = Map.of();
    private boolean stale;
    private boolean waiting;
    private volatile int ready;

    PartitionStarts(KafkaConsumer<byte[], byte[]> consumer, Map<String, Object> client, NotifyOptions options,
            AlertLedger ledger, Clock clock) {
        this.consumer = consumer;
        this.client = client;
        this.options = options;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Dry run: every partition, without joining the group (a running notifier keeps its partitions). */
    void assignAll() {
        List<PartitionInfo> infos = consumer.partitionsFor(options.alertsTopic());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + options.alertsTopic() + " does not exist");
        }
        List<TopicPartition> all = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(all);
        dryRunEnd = consumer.endOffsets(all);
        onPartitionsAssigned(all);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (waiting) {
            consumer.pause(partitions); // a retry is in progress: nothing new until it is done
        }
        ledger.forget(numbers(partitions));
        if (options.fromBeginning() && !startedFromBeginning.containsAll(partitions)) {
            startedFromBeginning.addAll(partitions);
            consumer.seekToBeginning(partitions);
            ready = consumer.assignment().size();
            log.info("reading {} from the beginning", partitions);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> upTo = new HashMap<>();
        Set<TopicPartition> fresh = new HashSet<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            if (c != null) {
                upTo.put(p, c.offset());
            } else {
                fresh.add(p);
            }
        }
        Map<TopicPartition, Long> ends = fresh.isEmpty() ? Map.of() : consumer.endOffsets(fresh);
        upTo.putAll(ends);
        Instant now = clock.instant();
        long replayed = HistoryReplay.replay(client, upTo, r -> remember(r, now), REPLAY_TIMEOUT);
        upTo.forEach(consumer::seek);
        for (TopicPartition p : fresh) {
            List<AlertEvent> firing = ledger.firing(p.partition()).stream().map(AlertLedger.Entry::event).toList();
            catchUps.add(new CatchUp(p, ends.get(p), firing));
        }
        ready = consumer.assignment().size();
        log.info("assigned {}: {} history records replayed, starting at {}; no committed offset on {} ({} firing "
                + "alerts to catch up)", partitions, replayed, upTo, fresh,
                catchUps.stream().mapToInt(c -> c.firing().size()).sum());
    }

    /** A delivered record of the history, as the ledger must know it. */
    private void remember(ConsumerRecord<byte[], byte[]> record, Instant now) {
        AlertEvent event;
        try {
            event = alerts.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return; // dead-lettered when it was first read
        }
        if (event == null || AlertChecks.problem(event).isPresent()) {
            return;
        }
        boolean closes = AlertStatus.of(event) == AlertStatus.RESOLVED && ledger.isFiring(event.dedupKey());
        if (event.delivered() || closes) {
            // firing alerts are re-sent to Alertmanager at once: how long ago it last heard of them is unknown
            ledger.delivered(event, record.partition(), now);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        lose(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        lose(partitions);
    }

    private void lose(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        stale = true;
        ready = 0;
        ledger.forget(numbers(partitions));
        catchUps.removeIf(c -> partitions.contains(c.partition()));
        log.info("partitions {} revoked", partitions);
    }

    /** Partitions assigned and started (history replayed); 0 during a rebalance. */
    int ready() {
        return ready;
    }

    /** The next catch-up to deliver, or null. */
    CatchUp nextCatchUp() {
        return catchUps.peek();
    }

    void catchUpDone(CatchUp c) {
        catchUps.remove(c);
    }

    /** A new batch from poll: the partitions of its records are ours; resumes what a retry paused. */
    void batchStarted() {
        stale = false;
    }

    /** Resumes partitions paused while waiting to retry. */
    void resumeAll() {
        waiting = false;
        consumer.resume(consumer.paused());
    }

    boolean batchStale() {
        return stale;
    }

    void markStale() {
        stale = true;
    }

    /**
     * Keeps the consumer in its group while a delivery waits to retry (poll with every partition paused); false
     * once {@code partition} is no longer ours.
     */
    BooleanSupplier keepAlive(TopicPartition partition) {
        return () -> {
            if (options.dryRun()) {
                return true;
            }
            waiting = true;
            consumer.pause(consumer.assignment());
            ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ZERO);
            rewind(unexpected, null);
            return !stale && consumer.assignment().contains(partition);
        };
    }

    /** Seeks back to {@code from} (null: the start of the batch) and every later record of the batch. */
    void rewind(ConsumerRecords<byte[], byte[]> records, ConsumerRecord<byte[], byte[]> from) {
        Map<TopicPartition, Long> first = new HashMap<>();
        boolean reached = from == null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            reached |= r == from;
            if (reached) {
                first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
            }
        }
        Set<TopicPartition> ours = consumer.assignment();
        first.forEach((p, offset) -> {
            if (ours.contains(p)) {
                consumer.seek(p, offset);
            }
        });
    }

    /** Dry run: every partition read to the end offset seen at start, and no catch-up left. */
    boolean reachedEnd() {
        return catchUps.isEmpty() && dryRunEnd.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }
}
