package io.tlswatch.processors.inventory;

import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.ObserverName;
import io.tlswatch.schemas.VirtualServer;

/**
 * Keys of the compacted inventory topic: {@code observer/address:port}, IPv6 in brackets (DESIGN §3), for
 * what the TS system poller learned, and the same key with {@value #CSV_SUFFIX} for rows loaded from CSV
 * ({@code tlswatch inventory load}). Two key spaces, so a poller reading never overwrites the owner and paging
 * route of a CSV row and a CSV load never loses what the poller learned; {@link InventoryView} merges them
 * field by field, the CSV row winning.
 */
public final class InventoryKeys {
    /** Marks the keys of CSV rows. */
    public static final String CSV_SUFFIX = "#csv";
    public static final String SOURCE_CSV = "csv";

    private InventoryKeys() {}

    /** The key of a virtual server: the CSV key space when its source is {@code csv}. */
    public static String of(VirtualServer vs) {
        String key = of(vs.observer(), vs.address(), vs.port());
        return SOURCE_CSV.equals(vs.source()) ? key + CSV_SUFFIX : key;
    }

    /** The key of a CSV row ({@code tlswatch inventory load}) for this VIP. */
    public static String csv(String observer, String address, int port) {
        return of(observer, address, port) + CSV_SUFFIX;
    }

    /** @param address with its {@code %N} route domain when not the default one */
    public static String of(String observer, String address, int port) {
        return ObserverName.of(observer) + "/" + HostPort.of(address == null ? "unknown" : address, null, port);
    }
}
