package io.tlswatch.processors.inventory;

import io.tlswatch.schemas.VirtualServer;

/** Finds the virtual server at an address: the inventory's global store live, a map in an analysis. */
@FunctionalInterface
public interface VipDirectory {
    VipDirectory EMPTY = (observer, hostPort) -> null;

    /** The merged virtual server (CSV fields win), or null when unknown. */
    VirtualServer find(String observer, String hostPort);
}
