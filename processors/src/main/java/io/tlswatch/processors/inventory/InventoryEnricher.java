package io.tlswatch.processors.inventory;

import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.VirtualServer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Enriches an outcome from the inventory (DESIGN §7, §8): when its destination {@code observer/server:port} is a
 * known VIP, the outcome carries the VIP ({@code vipInfo}) and {@code side=client}; when it is not, but the
 * inventory knows VIPs of that observer, the destination is a pool member and {@code side=server}. Without any
 * inventory for the observer the outcome is left as it is. Reads the global store; keeps no state.
 */
public final class InventoryEnricher implements FixedKeyProcessor<String, HandshakeOutcome, HandshakeOutcome> {
    private final String storeName;
    private FixedKeyProcessorContext<String, HandshakeOutcome> context;
    private InventoryView inventory;

    public InventoryEnricher(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> store = context.getStateStore(storeName);
        this.inventory = new InventoryView(store);
    }

    @Override
    public void process(FixedKeyRecord<String, HandshakeOutcome> record) {
        context.forward(record.withValue(enrich(record.value(), inventory)));
    }

    /** The outcome as the inventory sees it; unchanged when nothing is known. */
    public static HandshakeOutcome enrich(HandshakeOutcome o, InventoryView inventory) {
        if (o == null || o.serverIp() == null || o.serverPort() == null || o.observer() == null) {
            return o;
        }
        String hostPort = HostPort.of(o.serverIp(), o.routeDomain(), o.serverPort());
        VirtualServer vs = inventory.find(o.observer(), hostPort);
        if (vs != null) {
            return o.withInventory(InventoryView.info(vs), "client");
        }
        if (inventory.knowsVipsOn(o.observer())) {
            return o.withInventory(null, "server");
        }
        return o;
    }
}
