package io.tlswatch.schemas;

import java.util.List;

/**
 * A virtual server in the compacted {@code tlswatch.inventory} topic, keyed
 * {@code observer/address:port}; learned from the TS system poller or loaded from CSV.
 */
public record VirtualServer(
        String observer,
        String name,
        String address,
        int port,
        String partition,
        String application,
        String owner,
        String pagingRoute,
        List<String> clientSslProfiles,
        String source) {}
