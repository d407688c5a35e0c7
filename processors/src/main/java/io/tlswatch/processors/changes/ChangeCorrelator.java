package io.tlswatch.processors.changes;

import io.tlswatch.processors.inventory.InventoryView;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.VirtualServer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The live step of {@link ChangeCorrelation}, right before alerts are written: reads the changes of the alert's
 * BIG-IP from the global {@code config-changes} store (the view over {@code tlswatch.changes}) and the inventory.
 *
 * <p>Why a global store and not a repartition by observer: alerts leave storm control keyed by storm or dedup key,
 * so the changes of one BIG-IP would have to be co-partitioned with two key spaces; changes are a few per BIG-IP a
 * day, so every instance can hold them all, and only FIRING events (rare) read them. The inventory is read the
 * same way already.
 */
public final class ChangeCorrelator implements FixedKeyProcessor<String, AlertEvent, AlertEvent> {
    /** Objects read per alert: changed objects of one BIG-IP within the topic's retention. */
    static final int MAX_SCANNED = 10_000;
    private static final StringSerializer KEYS = new StringSerializer();
    private final String changesStore;
    private final String inventoryStore;
    private final ChangeCorrelation correlation;
    private FixedKeyProcessorContext<String, AlertEvent> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<ChangeEvent>> changes;
    private InventoryView inventory;

    public ChangeCorrelator(String changesStore, String inventoryStore, ChangeCorrelation correlation) {
        this.changesStore = changesStore;
        this.inventoryStore = inventoryStore;
        this.correlation = correlation;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.changes = context.getStateStore(changesStore);
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> vips = context.getStateStore(inventoryStore);
        this.inventory = new InventoryView(vips);
    }

    @Override
    public void process(FixedKeyRecord<String, AlertEvent> record) {
        AlertEvent alert = record.value();
        if (!correlation.wants(alert)) {
            context.forward(record);
            return;
        }
        String observer = alert.labels().get("observer");
        List<ChangeEvent> onObserver = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ChangeEvent>> it = changes.prefixScan(observer + "/", KEYS)) {
            while (it.hasNext() && onObserver.size() < MAX_SCANNED) {
                KeyValue<String, ValueAndTimestamp<ChangeEvent>> kv = it.next();
                ChangeEvent c = kv.value == null ? null : kv.value.value();
                // observer names may hold '/' (slotN/guest): the prefix alone is not proof
                if (c != null && observer.equals(c.observer())) {
                    onObserver.add(c);
                }
            }
        }
        context.forward(record.withValue(correlation.attach(alert, onObserver, inventory)));
    }
}
