package io.tlswatch.schemas;

/**
 * One reading of a virtual server's connection counter from the Telemetry Streaming system poller
 * ({@code virtualServers[*].clientside.totConns}). Consecutive readings give the attempts (the rate
 * denominator of DESIGN §9); the counter resets when the BIG-IP restarts or the statistics are cleared.
 *
 * @param observer    the BIG-IP host name ({@code system.hostname})
 * @param vipName     the virtual server's full name ({@code /Common/app.app/app_vs})
 * @param address     destination address without route domain, null when the poller gives none
 * @param port        destination port, null when the poller gives none
 * @param routeDomain the {@code %N} route domain of the destination, null for the default domain
 * @param timestampMs when the poller read the counter (system timestamp), epoch milliseconds
 * @param totalConnections the counter value: client-side connections since the last reset
 */
public record VipTrafficSample(
        String observer,
        String vipName,
        String address,
        Integer port,
        Integer routeDomain,
        long timestampMs,
        long totalConnections) {}
