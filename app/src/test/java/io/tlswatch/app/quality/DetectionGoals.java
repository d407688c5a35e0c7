package io.tlswatch.app.quality;

import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.VipTraffic;
import java.util.Set;

/**
 * How soon after onset an incident must page, by the alert engine's quality goals: an incident of at least
 * {@value #FAST_RATIO} of a VIP's handshakes at {@value #FAST_RATE_PER_S} failure/s or more within
 * {@value #FAST_DETECT_S} s; otherwise a server-side class within {@value #SERVER_SIDE_DETECT_S} s, even on a small
 * VIP; otherwise no bound. The ratio comes from the scenario's rates: the incident's failures over all of the VIP's
 * handshakes (healthy, steady failures and the incident's).
 */
final class DetectionGoals {
    static final double FAST_RATE_PER_S = 1.0;
    static final double FAST_RATIO = 0.20;
    static final long FAST_DETECT_S = 30;
    static final long SERVER_SIDE_DETECT_S = 60;
    /** DESIGN §9: the classes that page on small numbers. */
    static final Set<String> SERVER_SIDE = Set.of("cert_expired", "cert_untrusted", "cert_bad", "cert_revoked",
            "no_shared_cipher", "sni_unrecognized", "proxy_protocol_mismatch", "tps_limit", "client_cert_required",
            "client_cert_rejected", "no_application_protocol");

    private DetectionGoals() {}

    /** The goal of one ground-truth record of a run of {@code settings}, in seconds; null: none. */
    static Long detectWithin(SimulatorSettings settings, GroundTruth incident) {
        double others = otherHandshakes(settings, incident.observer(), incident.vip());
        double ratio = incident.rate() / (incident.rate() + others);
        if (ratio >= FAST_RATIO && incident.rate() >= FAST_RATE_PER_S) {
            return FAST_DETECT_S;
        }
        return SERVER_SIDE.contains(incident.errorClass()) ? SERVER_SIDE_DETECT_S : null;
    }

    /** Handshakes per second of a VIP apart from an incident's: healthy ones and its steady failures. */
    static double otherHandshakes(SimulatorSettings settings, String observer, String vip) {
        VipTraffic traffic = settings.trafficOf(observer, vip);
        double steady = traffic == null ? 0
                : traffic.steadyFailures().values().stream().mapToDouble(Double::doubleValue).sum();
        return settings.connectionsPerSecond(observer, vip) + steady;
    }
}
