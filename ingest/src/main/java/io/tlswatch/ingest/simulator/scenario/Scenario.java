package io.tlswatch.ingest.simulator.scenario;

import io.tlswatch.ingest.simulator.Incident;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.wire.ClientKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario file, read and checked ({@link ScenarioFile}): a fleet, its traffic, and incidents at times relative
 * to the start of the run. {@link #settings(long)} places it on a clock.
 *
 * @param start    where a run into files begins when the command line does not say (null: the current minute)
 * @param duration how long the scenario runs
 */
public record Scenario(String name, String description, long seed, Duration duration, Instant start,
                       List<String> bigips, int vipsPerBigip, double connectionsPerVip, Map<ClientKind, Integer> clients,
                       double noiseLinesPerSecond, double backgroundFailuresPerSecond, boolean packets,
                       int pollerEverySeconds, List<Planned> incidents) {

    public Scenario {
        bigips = List.copyOf(bigips);
        incidents = List.copyOf(incidents);
    }

    /**
     * One incident of the file: on {@code bigip}, handshakes to each of {@code vips} fail as {@code kind} says,
     * {@code rate} per second and VIP, from {@code start} to {@code end} after the run's start.
     *
     * @param storm true for a {@code ca_bundle_storm}: one change that breaks the chain of every VIP listed
     */
    public record Planned(String name, IncidentKind kind, boolean storm, String bigip, List<String> vips,
                          Duration start, Duration end, double rate) {
        public Planned {
            vips = List.copyOf(vips);
        }
    }

    /** The simulator's settings with the run starting at {@code startMs} (epoch milliseconds). */
    public SimulatorSettings settings(long startMs) {
        List<Incident> placed = new ArrayList<>();
        for (Planned p : incidents) {
            for (String vip : p.vips()) {
                int colon = vip.lastIndexOf(':');
                placed.add(new Incident(p.bigip(), vip.substring(0, colon), Integer.parseInt(vip.substring(colon + 1)),
                        p.kind(), startMs + p.start().toMillis(), startMs + p.end().toMillis(), p.rate(), p.name(),
                        p.storm() ? p.name() : null));
            }
        }
        return new SimulatorSettings(seed, bigips, vipsPerBigip, noiseLinesPerSecond, backgroundFailuresPerSecond,
                placed, connectionsPerVip, packets, pollerEverySeconds, clients);
    }

    /** A copy with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, duration, start, bigips, vipsPerBigip, connectionsPerVip,
                clients, noiseLinesPerSecond, backgroundFailuresPerSecond, packets, pollerEverySeconds, incidents);
    }
}
