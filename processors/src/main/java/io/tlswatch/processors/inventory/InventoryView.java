package io.tlswatch.processors.inventory;

import io.tlswatch.schemas.VipInfo;
import io.tlswatch.schemas.VirtualServer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads the {@code inventory} global store (the {@code tlswatch.inventory} topic): the virtual server at an
 * address, with the CSV row and the poller-learned row merged (CSV fields win where set), and whether an
 * observer has any known VIP at all.
 */
public final class InventoryView implements VipDirectory {
    private static final StringSerializer KEYS = new StringSerializer();
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> store;

    public InventoryView(ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> store) {
        this.store = store;
    }

    /**
     * @param hostPort the VIP as {@code address[%rd]:port} ({@link io.tlswatch.schemas.HostPort#of})
     * @return the merged virtual server, or null when the inventory does not know it
     */
    @Override
    public VirtualServer find(String observer, String hostPort) {
        String key = observer + "/" + hostPort;
        return merge(value(key + InventoryKeys.CSV_SUFFIX), value(key));
    }

    /** Whether the inventory holds any VIP of this observer (then an unknown destination is a pool member). */
    public boolean knowsVipsOn(String observer) {
        try (KeyValueIterator<String, ValueAndTimestamp<VirtualServer>> it = store.prefixScan(observer + "/", KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<VirtualServer>> kv = it.next();
                // observer names may hold '/' (slotN/guest): the prefix alone is not proof
                if (kv.value != null && kv.value.value() != null && observer.equals(kv.value.value().observer())) {
                    return true;
                }
            }
        }
        return false;
    }

    private VirtualServer value(String key) {
        ValueAndTimestamp<VirtualServer> v = store.get(key);
        return v == null ? null : v.value();
    }

    /** The CSV row's fields where set, else the learned row's; null when both are null. */
    public static VirtualServer merge(VirtualServer csv, VirtualServer learned) {
        if (csv == null || learned == null) {
            return csv != null ? csv : learned;
        }
        return new VirtualServer(csv.observer(), or(csv.name(), learned.name()), csv.address(), csv.port(),
                or(csv.partition(), learned.partition()), or(csv.application(), learned.application()),
                or(csv.owner(), learned.owner()), or(csv.pagingRoute(), learned.pagingRoute()),
                or(csv.clientSslProfiles(), learned.clientSslProfiles()), csv.source() + "+" + learned.source(),
                or(csv.alertFireFailures(), learned.alertFireFailures()),
                or(csv.alertResolveFailures(), learned.alertResolveFailures()),
                or(csv.alertWindow(), learned.alertWindow()));
    }

    /** What an outcome carries of a virtual server. */
    public static VipInfo info(VirtualServer vs) {
        return new VipInfo(vs.name(), vs.partition(), vs.application(), vs.owner(), vs.pagingRoute(), vs.source());
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }

    /** All entries, for tests and diagnostics. */
    public List<VirtualServer> all() {
        List<VirtualServer> out = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<VirtualServer>> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    out.add(kv.value.value());
                }
            });
        }
        return out;
    }
}
