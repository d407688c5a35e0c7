package io.tlswatch.processors.views;

import io.tlswatch.schemas.AlertEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The alert board behind {@code /api/alerts}: reads {@code tlswatch.alerts} (VIP alerts after storm control, storm
 * parents, certificate alerts alike; keyed by dedup key) and keeps the latest event of every alert. An active alert
 * stays until its RESOLVED; a resolved one stays for {@link #KEEP_RESOLVED}, at most {@link #MAX_RESOLVED} per
 * task. Alerts are rare: a store write per event costs nothing the pipeline would notice.
 */
public final class AlertBoardProcessor implements Processor<String, AlertEvent, Void, Void> {
    static final Duration KEEP_RESOLVED = Duration.ofHours(6);
    static final int MAX_RESOLVED = 200;
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final String storeName;
    private KeyValueStore<String, BoardEntry> store;
    private ProcessorContext<Void, Void> context;

    public AlertBoardProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, AlertEvent> record) {
        AlertEvent e = record.value();
        if (e == null || e.dedupKey() == null || e.status() == null) {
            return;
        }
        store.put(e.dedupKey(), new BoardEntry(e, record.timestamp()));
    }

    /** Drops resolved alerts past their time, and the oldest past the count. */
    void sweep() {
        long before = context.currentStreamTimeMs() - KEEP_RESOLVED.toMillis();
        List<KeyValue<String, Long>> resolved = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        try (KeyValueIterator<String, BoardEntry> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null || kv.value.event() == null) {
                    drop.add(kv.key);
                } else if (!kv.value.active()) {
                    if (kv.value.updatedMs() < before) {
                        drop.add(kv.key);
                    } else {
                        resolved.add(KeyValue.pair(kv.key, kv.value.updatedMs()));
                    }
                }
            });
        }
        if (resolved.size() > MAX_RESOLVED) {
            resolved.sort(Comparator.comparingLong((KeyValue<String, Long> kv) -> kv.value).reversed());
            resolved.subList(MAX_RESOLVED, resolved.size()).forEach(kv -> drop.add(kv.key));
        }
        drop.forEach(store::delete);
    }
}
