package io.tlswatch.processors.views;

import io.tlswatch.processors.rates.RateInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps {@link RecentFailures} per VIP from the rates stage's input (keyed {@code observer/vip}, so the view sits
 * on the same partition as the VIP's {@code vip-rates} state). Cheap on the hot path: an attempt costs one field
 * check; a failure updates a list in memory, and the changed VIPs are written to the store once a second, not per
 * record (a crash loses at most that second of this view). A VIP without a failure for {@link #KEEP} is forgotten.
 */
public final class RecentFailuresProcessor implements Processor<String, RateInput, Void, Void> {
    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    static final Duration KEEP = Duration.ofHours(1);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

    private final String storeName;
    private KeyValueStore<String, RecentFailures> store;
    private ProcessorContext<Void, Void> context;
    /** The VIPs that failed since the last flush; read from the store at the first failure of each. */
    private final Map<String, RecentFailures> views = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private long lastSweepMs = Long.MIN_VALUE;

    public RecentFailuresProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(FLUSH_EVERY, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, RateInput> record) {
        RateInput in = record.value();
        if (in == null || record.key() == null || !in.isFailure()) {
            return;
        }
        RecentFailures view = views.get(record.key());
        if (view == null) {
            view = store.get(record.key());
            if (view == null) {
                view = new RecentFailures();
            }
            views.put(record.key(), view);
        }
        view.add(in.at(record.timestamp()));
        dirty.add(record.key());
    }

    private void flush(long wallMs) {
        for (String key : dirty) {
            store.put(key, views.get(key));
        }
        dirty.clear();
        // memory holds the VIPs that failed within the last second only; a VIP that fails on is read back once a
        // second, not once per failure
        views.clear();
        if (lastSweepMs != Long.MIN_VALUE && wallMs - lastSweepMs < SWEEP_EVERY.toMillis()) {
            return;
        }
        lastSweepMs = wallMs;
        // stream time, not the wall clock: a replay of old logs keeps its views while it runs; the store, not the
        // memory, so that VIPs written before a restart go too
        long before = context.currentStreamTimeMs() - KEEP.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, RecentFailures> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null || kv.value.newestMs() < before) {
                    old.add(kv.key);
                }
            });
        }
        for (String key : old) {
            store.delete(key);
        }
    }

    @Override
    public void close() {
        views.clear();
        dirty.clear();
    }
}
