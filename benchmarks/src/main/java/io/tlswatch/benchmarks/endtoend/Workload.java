package io.tlswatch.benchmarks.endtoend;

import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.Incident;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated fleet behind both feeds: {@code observers} BIG-IPs with {@code vips} VIPs each, healthy chatter
 * at the given rate and ordinary TLS failures making up {@code sslPercent} % of the lines (each failed handshake
 * writes a burst of two lines). The pre-produced backlog holds one scripted incident too (no shared cipher on an
 * LDAPS VIP for two minutes in its middle), so alerts fire and resolve while it is consumed.
 */
final class Workload {
    /** Lines per ordinary failed handshake: every background burst has two. */
    private static final double LINES_PER_FAILURE = 2;
    static final String LOGS = "f5.logs";
    static final String PACKETS = "f5.packets";

    private final BenchOptions options;
    private final SimulatorSettings fleet;
    private final PacketTemplates templates;

    Workload(BenchOptions options, PacketTemplates templates) {
        this.options = options;
        this.templates = templates;
        List<String> observers = new ArrayList<>();
        for (int i = 1; i <= options.observers; i++) {
            observers.add(String.format(Locale.ROOT, "bigip-%02d.example.net", i));
        }
        double ssl = options.sslPercent / 100;
        double failures = options.noiseLinesPerSecond * ssl / (LINES_PER_FAILURE * (1 - ssl));
        this.fleet = new SimulatorSettings(options.seed, observers, options.vipsPerObserver,
                options.noiseLinesPerSecond, failures, List.of());
    }

    /** Records per simulated second, all kinds (a poller document a minute per BIG-IP is negligible). */
    double recordsPerSecond() {
        double lines = fleet.noiseLinesPerSecond() + fleet.backgroundSslFailuresPerSecond() * LINES_PER_FAILURE;
        return lines / (1 - options.packetPercent / 100);
    }

    /** The pre-produced input, {@code spanMs} of the fleet at its own rate from the first second asked for. */
    InputFeed backlog(long spanMs) {
        String observer = fleet.observers().get(Math.min(1, fleet.observers().size() - 1));
        int host = fleet.observers().indexOf(observer);
        // the last VIP of a host listens on 636 (LDAPS) when it has two or more
        String ldaps = "10.10." + (host + 1) + "." + (10 + fleet.vipsPerObserver() - 1);
        int port = fleet.vipsPerObserver() >= 2 ? 636 : 443;
        long from = InputFeed.VIRTUAL_EPOCH_MS + spanMs / 2 - 60_000;
        SimulatorSettings withIncident = fleet.withIncident(
                new Incident(observer, ldaps, port, IncidentKind.NO_SHARED_CIPHER, from, from + 120_000, 3));
        return new InputFeed(new FleetSimulator(withIncident), templates, options.packetPercent, LOGS, PACKETS, 0);
    }

    /**
     * The live feed: the same fleet scaled to {@code recordsPerSecond}; the incident joins it later
     * ({@link InputFeed#startIncident}, {@link #incidentOnly}).
     *
     * @param firstConnection first replayed connection number, past those of the backlog
     */
    InputFeed live(double recordsPerSecond, long firstConnection) {
        double scale = recordsPerSecond / recordsPerSecond();
        SimulatorSettings scaled = fleet.withNoiseLinesPerSecond(fleet.noiseLinesPerSecond() * scale)
                .withBackgroundSslFailuresPerSecond(fleet.backgroundSslFailuresPerSecond() * scale);
        return new InputFeed(new FleetSimulator(scaled), templates, options.packetPercent, LOGS, PACKETS,
                firstConnection);
    }

    /** A simulator of the {@link #incident} alone, from {@code onsetMs} on (the feed's virtual clock). */
    FleetSimulator incidentOnly(long onsetMs) {
        return new FleetSimulator(fleet.withNoiseLinesPerSecond(0).withBackgroundSslFailuresPerSecond(0)
                .withIncident(incident(onsetMs, onsetMs + 86_400_000L)));
    }

    /**
     * The injected incident: clients refuse the expired certificate of the first BIG-IP's first VIP. No other
     * source writes {@code alert(45)}, so its class ({@code cert_expired}) on that BIG-IP is the incident's alone.
     */
    Incident incident(long onsetMs, long endMs) {
        return new Incident(fleet.observers().get(0), "10.10.1.10", 443, IncidentKind.CERT_EXPIRED, onsetMs, endMs,
                options.incidentRate);
    }

    LiveIncident.Expected expectedAlert(int minFailures) {
        return new LiveIncident.Expected(fleet.observers().get(0), "cert_expired", minFailures);
    }

    SimulatorSettings fleet() {
        return fleet;
    }
}
