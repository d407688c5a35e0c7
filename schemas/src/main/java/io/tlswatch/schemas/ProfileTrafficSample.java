package io.tlswatch.schemas;

/**
 * One reading of a client-ssl profile's counters from the Telemetry Streaming system poller
 * ({@code clientSslProfiles[*]}). The counters grow from the last BIG-IP restart or statistics reset;
 * consecutive readings per (observer, profile) give the failures of one poll interval.
 *
 * @param observer          the BIG-IP host name ({@code system.hostname})
 * @param profile           the profile's full path ({@code /Common/clientssl})
 * @param timestampMs       when the poller read the counters (system timestamp), epoch milliseconds
 * @param handshakeFailures {@code handshakeFailures}: handshakes the profile failed
 * @param fatalAlerts       {@code fatalAlerts}, null when absent
 * @param sniRejects        {@code sniRejects}, null when absent
 * @param connections       {@code totNativeConns} + {@code totCompatConns}: connections the profile handled, the
 *                          denominator; null when the poller gives neither
 */
public record ProfileTrafficSample(
        String observer,
        String profile,
        long timestampMs,
        long handshakeFailures,
        Long fatalAlerts,
        Long sniRejects,
        Long connections) {}
