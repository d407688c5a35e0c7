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
 */
public record Incident(String observer, String vipAddress, int vipPort, IncidentKind kind, long startMs,
                       long endMs, double failuresPerSecond) {

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

    /** The VIP as F5 prints it in {@code 01260013}: {@code address:port}. */
    public String vip() {
        return vipAddress + ":" + vipPort;
    }

    /** Whether {@code timestampMs} falls within {@code [startMs, endMs)}. */
    public boolean isActiveAt(long timestampMs) {
        return timestampMs >= startMs && timestampMs < endMs;
    }
}
