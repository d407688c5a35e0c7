package io.tlswatch.processors.inventory;

import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.VirtualServer;

/** Keys of the compacted inventory topic: {@code observer/address:port}, IPv6 in brackets (DESIGN §3). */
public final class InventoryKeys {
    private InventoryKeys() {}

    public static String of(VirtualServer vs) {
        return of(vs.observer(), vs.address(), vs.port());
    }

    /** @param address with its {@code %N} route domain when not the default one */
    public static String of(String observer, String address, int port) {
        return observer + "/" + HostPort.of(address == null ? "unknown" : address, null, port);
    }
}
