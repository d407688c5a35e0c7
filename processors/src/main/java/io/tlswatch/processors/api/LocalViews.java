package io.tlswatch.processors.api;

import io.tlswatch.processors.inventory.InventoryView;
import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.topology.TlswatchTopology;
import io.tlswatch.processors.views.BoardEntry;
import io.tlswatch.processors.views.RecentFailures;
import io.tlswatch.schemas.VirtualServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What this instance's active tasks hold, read through interactive queries (the public store API, never the
 * stores' internals): the values are those the last commit wrote and are only read. A store being moved or
 * restored throws {@link InvalidStateStoreException}: the caller answers "try again".
 */
public final class LocalViews {
    private final KafkaStreams streams;
    private final VipViews views;

    public LocalViews(KafkaStreams streams, VipViews views) {
        this.streams = streams;
        this.views = views;
    }

    /** Every VIP of this instance's partitions. */
    public List<VipViews.VipSummary> vips() {
        VipDirectory names = directory();
        List<VipViews.VipSummary> out = new ArrayList<>();
        try (KeyValueIterator<String, VipState> it = rates().all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    out.add(views.summary(kv.key, kv.value, name(names, kv.value)));
                }
            });
        }
        return out;
    }

    /** One VIP, when this instance holds it. */
    public Optional<VipViews.VipDetail> vip(String key) {
        VipState s = rates().get(key);
        if (s == null) {
            return Optional.empty();
        }
        RecentFailures recent = this.<RecentFailures>store(TlswatchTopology.VIP_RECENT_FAILURES_STORE).get(key);
        return Optional.of(views.detail(key, s, name(directory(), s), recent));
    }

    /** Every alert on this instance's part of the board. */
    public List<AlertViews.AlertView> alerts() {
        List<AlertViews.AlertView> out = new ArrayList<>();
        try (KeyValueIterator<String, BoardEntry> it = this.<BoardEntry>store(TlswatchTopology.ALERT_BOARD_STORE).all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && kv.value.event() != null) {
                    out.add(AlertViews.of(kv.value));
                }
            });
        }
        return out;
    }

    private ReadOnlyKeyValueStore<String, VipState> rates() {
        return store(TlswatchTopology.VIP_RATES_STORE);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** The inventory (a global store, whole on every instance) for the VIPs' names; empty while it loads. */
    private VipDirectory directory() {
        try {
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> inventory = streams.store(
                    StoreQueryParameters.fromNameAndType(TlswatchTopology.INVENTORY_STORE,
                            QueryableStoreTypes.<String, VirtualServer>timestampedKeyValueStore()));
            return new InventoryView(inventory);
        } catch (InvalidStateStoreException e) {
            return VipDirectory.EMPTY;
        }
    }

    private static String name(VipDirectory names, VipState s) {
        VirtualServer vs = names.find(s.observer, s.vip);
        return vs == null ? null : vs.name();
    }
}
