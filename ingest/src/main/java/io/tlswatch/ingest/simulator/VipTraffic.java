package io.tlswatch.ingest.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The traffic of one VIP where it differs from the fleet's: its own rate of healthy handshakes, steady failures
 * that are part of its everyday life (old clients, probes: never an incident, never in the ground truth), and the
 * moment it stops getting traffic at all.
 *
 * @param observer             host name of the BIG-IP that owns it
 * @param vipAddress           IPv4 address of the virtual server
 * @param vipPort              its port
 * @param connectionsPerSecond healthy handshakes per second; null for the fleet's
 *                             {@link SimulatorSettings#connectionsPerVipPerSecond()}
 * @param steadyFailures       failed handshakes per second by kind (Poisson), for as long as the VIP has traffic
 * @param silentFromMs         from this instant (epoch milliseconds) the VIP gets no healthy handshakes, steady
 *                             failures or scanner probes, and its poller counters stop; null: never. Incidents are
 *                             as written.
 */
public record VipTraffic(String observer, String vipAddress, int vipPort, Double connectionsPerSecond,
                         Map<IncidentKind, Double> steadyFailures, Long silentFromMs) {

    /** Checks the arguments; copies the map in a fixed order (the kinds' order), so draws stay the same. */
    public VipTraffic {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(vipAddress, "vipAddress");
        if (vipPort < 1 || vipPort > 65_535) {
            throw new IllegalArgumentException("vipPort out of range: " + vipPort);
        }
        if (connectionsPerSecond != null && !(connectionsPerSecond >= 0
                && connectionsPerSecond <= SimulatorSettings.MAX_RATE_PER_SECOND)) {
            throw new IllegalArgumentException("connectionsPerSecond must be 0.."
                    + SimulatorSettings.MAX_RATE_PER_SECOND + ": " + connectionsPerSecond);
        }
        EnumMap<IncidentKind, Double> steady = new EnumMap<>(IncidentKind.class);
        steady.putAll(steadyFailures);
        for (Map.Entry<IncidentKind, Double> e : steady.entrySet()) {
            if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= SimulatorSettings.MAX_RATE_PER_SECOND)) {
                throw new IllegalArgumentException("steady failures of " + e.getKey() + " must be 0.."
                        + SimulatorSettings.MAX_RATE_PER_SECOND + " per second: " + e.getValue());
            }
        }
        steadyFailures = Collections.unmodifiableMap(steady);
    }

    /** {@code address:port}. */
    public String vip() {
        return vipAddress + ":" + vipPort;
    }

    /** Whether the VIP still has traffic at {@code timestampMs}. */
    public boolean activeAt(long timestampMs) {
        return silentFromMs == null || timestampMs < silentFromMs;
    }
}
