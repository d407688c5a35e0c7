package io.tlswatch.processors.views;

import io.tlswatch.processors.rates.RateInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps {@link RecentFailures} per VIP from the rates stage's input (keyed {@code observer/vip}, so the view sits
 * on the same partition as the VIP's {@code vip-rates} state). Cheap on the hot path: an attempt costs one field
 * check; a failure updates the VIP's list, which the store (a {@code WriteBehindStore}) keeps as an object and
 * encodes once per commit, in the same transaction as the input. A VIP without a failure for {@link #KEEP} is
 * forgotten.
 */
public final class RecentFailuresProcessor implements Processor<String, RateInput, Void, Void> {
    static final Duration KEEP = Duration.ofHours(1);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

    private final String storeName;
    private KeyValueStore<String, RecentFailures> store;
    private ProcessorContext<Void, Void> context;

    public RecentFailuresProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, RateInput> record) {
        RateInput in = record.value();
        if (in == null || record.key() == null || !in.isFailure()) {
            return;
        }
        RecentFailures view = store.get(record.key());
        if (view == null) {
            view = new RecentFailures();
        }
        view.add(in.at(record.timestamp()));
        store.put(record.key(), view);
    }

    /**
     * Forgets VIPs quiet for {@link #KEEP} in stream time, not the wall clock: a replay of old logs keeps its views
     * while it runs.
     */
    private void sweep() {
        long before = context.currentStreamTimeMs() - KEEP.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, RecentFailures> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null || kv.value.newestMs() < before) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(store::delete);
    }
}
