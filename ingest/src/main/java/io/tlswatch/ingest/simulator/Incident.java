package io.tlswatch.ingest.simulator;

import java.util.Objects;

/**
 * A scripted fault: on {@code observer}, handshakes to {@code vipAddress:vipPort} fail as {@code kind}
 * describes, at about {@code failuresPerSecond} failed handshakes per second (Poisson), stamped within
 * {@code [startMs, endMs)} (epoch milliseconds). Each failed handshake writes one burst of lines.
 *
 * @param observer          host name of the BIG-IP, one of {@link SimulatorSettings#observers()}
 * @param vipAddress        IPv4 address of the virtual server, e.g. {@code 10.10.1.10}
 * @param vipPort           port of the virtual server, 1..65535
 * @param kind              what fails
 * @param startMs           first millisecond of the incident, inclusive
 * @param endMs             end of the incident, exclusive; after {@code startMs}
 * @param failuresPerSecond mean failed handshakes per second while the incident lasts, 0..{@link
 *                          SimulatorSettings#MAX_RATE_PER_SECOND}
 * @param name              what the ground truth calls it (a scenario's incident name), or null for the kind's name
 * @param group             the storm it belongs to (incidents of one change across many VIPs), or null
 */
public record Incident(String observer, String vipAddress, int vipPort, IncidentKind kind, long startMs,
                       long endMs, double failuresPerSecond, String name, String group) {

    /** An incident of its own, named after its kind. */
    public Incident(String observer, String vipAddress, int vipPort, IncidentKind kind, long startMs, long endMs,
            double failuresPerSecond) {
        this(observer, vipAddress, vipPort, kind, startMs, endMs, failuresPerSecond, null, null);
    }

    /** Checks the arguments; throws {@link IllegalArgumentException} or {@link NullPointerException}. */
    public Incident {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(vipAddress, "vipAddress");
        Objects.requireNonNull(kind, "kind");
        if (observer.isBlank() || vipAddress.isBlank()) {
            throw new IllegalArgumentException("observer and vipAddress must not be blank");
        }
        if (vipPort < 1 || vipPort > 65_535) {
            throw new IllegalArgumentException("vipPort out of range: " + vipPort);
        }
        if (endMs <= startMs) {
            throw new IllegalArgumentException("endMs " + endMs + " must be after startMs " + startMs);
        }
        if (!(failuresPerSecond >= 0 && failuresPerSecond <= SimulatorSettings.MAX_RATE_PER_SECOND)) {
            throw new IllegalArgumentException("failuresPerSecond must be 0.."
                    + SimulatorSettings.MAX_RATE_PER_SECOND + ": " + failuresPerSecond);
        }
    }

    /** {@link #name()}, else the kind's scenario name. */
    public String label() {
        return name != null ? name : kind.wireName();
    }

    /** The VIP as F5 prints it in {@code 01260013}: {@code address:port}. */
    public String vip() {
        return vipAddress + ":" + vipPort;
    }

    /** Whether {@code timestampMs} falls within {@code [startMs, endMs)}. */
    public boolean isActiveAt(long timestampMs) {
        return timestampMs >= startMs && timestampMs < endMs;
    }
}
