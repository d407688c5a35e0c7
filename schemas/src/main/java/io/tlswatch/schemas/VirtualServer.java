package io.tlswatch.schemas;

import java.util.List;

/**
 * A virtual server in the compacted {@code tlswatch.inventory} topic, keyed
 * {@code observer/address:port}; learned from the TS system poller or loaded from CSV.
 *
 * @param address              IP address with its {@code %N} route domain when not the default one
 * @param source               {@code ts_system_poller} or {@code csv}
 * @param alertFireFailures    per-VIP override of {@code alerts.fire.failures}; null: the default
 * @param alertResolveFailures per-VIP override of {@code alerts.resolve.failures}; null: the default
 * @param alertWindow          per-VIP counting window as written ({@code PT2M}, {@code 60s}); stored, not yet
 *                             applied (the windows are one size for the whole pipeline)
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
        String source,
        Integer alertFireFailures,
        Integer alertResolveFailures,
        String alertWindow) {

    /** A virtual server without alert overrides (the system poller's view). */
    public VirtualServer(String observer, String name, String address, int port, String partition,
            String application, String owner, String pagingRoute, List<String> clientSslProfiles, String source) {
        this(observer, name, address, port, partition, application, owner, pagingRoute, clientSslProfiles, source,
                null, null, null);
    }
}
