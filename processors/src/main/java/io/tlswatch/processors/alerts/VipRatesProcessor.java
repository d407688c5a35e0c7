package io.tlswatch.processors.alerts;

import io.tlswatch.processors.inventory.InventoryView;
import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.VirtualServer;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The rates stage live: {@link VipEvaluator} over the {@code vip-rates} store, input keyed {@code observer/vip}.
 * Time is event time; a wall-clock punctuation moves the VIPs that still have something to say (counts in their
 * windows, a firing alert) to "now" in event time — the newest record time seen plus the wall-clock time since —
 * so a VIP that goes silent still resolves, and a replay of old logs resolves on its own timeline. A record
 * stamped in the future (a producer's wrong clock) counts at the wall clock's "now": it must not move a VIP's
 * windows away from its real failures. After a restart or a rebalance, "now" continues from the newest time the
 * stored states reached, not from the wall clock, so a backlog read after an outage is judged on its own time
 * instead of resolving every alert at once and being dropped as late.
 *
 * <p>The states are read from the store once, at the task's first record or tick, into {@link #states};
 * every change is written through, so the store (and its changelog) stays what a restart restores, while a record
 * or a tick costs no read and no decode.
 */
public final class VipRatesProcessor implements Processor<String, RateInput, String, EvaluatorOutput> {
    private final String storeName;
    private final String inventoryStoreName;
    private final AlertPolicy policy;
    private ProcessorContext<String, EvaluatorOutput> context;
    private KeyValueStore<String, VipState> store;
    private final Map<String, VipState> states = new TreeMap<>(); // the store's order: ticks emit alike
    private boolean loaded;
    private VipEvaluator evaluator;
    /** How far ahead of the wall clock a record may be stamped and still count at its own time. */
    static final long MAX_AHEAD_MS = 60_000;
    private long newestEventMs = Long.MIN_VALUE;
    private long newestSeenAtWallMs;
    private boolean resumed;

    /** @param inventoryStoreName the global inventory store (names, owners, per-VIP overrides); null for none */
    public VipRatesProcessor(String storeName, AlertPolicy policy, String inventoryStoreName) {
        this.storeName = storeName;
        this.policy = policy;
        this.inventoryStoreName = inventoryStoreName;
    }

    @Override
    public void init(ProcessorContext<String, EvaluatorOutput> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        VipDirectory directory = VipDirectory.EMPTY;
        if (inventoryStoreName != null) {
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> global =
                    context.getStateStore(inventoryStoreName);
            directory = new InventoryView(global);
        }
        this.evaluator = new VipEvaluator(policy, directory);
        loaded = false;
        context.schedule(policy.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, RateInput> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        long wall = context.currentSystemTimeMs();
        long time = Math.min(record.timestamp(), wall + MAX_AHEAD_MS);
        RateInput in = record.value().at(time);
        if (time > newestEventMs) {
            newestEventMs = time;
            newestSeenAtWallMs = wall;
        }
        load();
        VipState s = states.computeIfAbsent(record.key(), k -> new VipState(in.observer(), in.vip()));
        evaluator.apply(s, in, sink(record.key()));
        save(record.key(), s);
    }

    private void tick(long wallMs) {
        load();
        if (!resumed) {
            resume(wallMs);
        }
        long now = newestEventMs == Long.MIN_VALUE ? wallMs : newestEventMs + (wallMs - newestSeenAtWallMs);
        List<Map.Entry<String, VipState>> busy = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, VipState> e : states.entrySet()) {
            if (evaluator.forgettable(e.getValue(), now)) {
                forgotten.add(e.getKey());
            } else if (e.getValue().clockMs < now && !VipEvaluator.idle(e.getValue())) {
                busy.add(e);
            }
        }
        for (String key : forgotten) {
            states.remove(key);
            store.delete(key);
        }
        for (Map.Entry<String, VipState> e : busy) {
            evaluator.advance(e.getValue(), now, sink(e.getKey()));
            save(e.getKey(), e.getValue());
        }
    }

    /** Reads the store into {@link #states} at the task's first record or tick, after any restoration. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        states.clear();
        try (KeyValueIterator<String, VipState> it = store.all()) {
            it.forEachRemaining(kv -> states.put(kv.key, kv.value));
        }
    }

    /** Continues "now" from the newest time the stored states reached (a restart, a rebalance). */
    private void resume(long wallMs) {
        resumed = true;
        if (newestEventMs != Long.MIN_VALUE) {
            return;
        }
        long newest = Long.MIN_VALUE;
        for (VipState s : states.values()) {
            newest = Math.max(newest, s.clockMs);
        }
        if (newest != Long.MIN_VALUE) {
            newestEventMs = Math.min(newest, wallMs + MAX_AHEAD_MS);
            newestSeenAtWallMs = wallMs;
        }
    }

    /** Keeps a VIP's state, or deletes it when it has nothing left to remember. */
    private void save(String key, VipState s) {
        if (evaluator.forgettable(s, s.clockMs)) {
            states.remove(key);
            store.delete(key);
        } else {
            store.put(key, s);
        }
    }

    private VipEvaluator.Sink sink(String key) {
        return new VipEvaluator.Sink() {
            @Override
            public void rate(VipRate rate) {
                context.forward(new Record<>(key, new EvaluatorOutput(rate, null), rate.atMs()));
            }

            @Override
            public void alert(AlertEvent event, long atMs) {
                context.forward(new Record<>(key, new EvaluatorOutput(null, event), atMs));
            }
        };
    }
}
