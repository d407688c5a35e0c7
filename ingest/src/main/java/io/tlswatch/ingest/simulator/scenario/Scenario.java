package io.tlswatch.ingest.simulator.scenario;

import io.tlswatch.ingest.simulator.Incident;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.ScannerSweep;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.VipTraffic;
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
 * @param start      where a run into files begins when the command line does not say (null: the current minute)
 * @param duration   how long the scenario runs
 * @param vipTraffic VIPs whose traffic differs from the fleet's
 * @param scanners   clients sweeping a BIG-IP's VIPs with junk
 */
public record Scenario(String name, String description, long seed, Duration duration, Instant start,
                       List<String> bigips, int vipsPerBigip, double connectionsPerVip,
                       Map<ClientKind, Integer> clients, double noiseLinesPerSecond, double backgroundFailuresPerSecond, boolean packets,
                       int pollerEverySeconds, List<Planned> incidents, List<PlannedTraffic> vipTraffic,
                       List<PlannedScanner> scanners) {

    public Scenario {
        bigips = List.copyOf(bigips);
        incidents = List.copyOf(incidents);
        vipTraffic = List.copyOf(vipTraffic);
        scanners = List.copyOf(scanners);
    }

    /**
     * One incident of the file: on {@code bigip}, handshakes to each of {@code vips} fail as {@code kind} says,
     * {@code rate} per second and VIP, from {@code start} to {@code end} after the run's start.
     *
     * @param storm   true for a {@code ca_bundle_storm}: one change that breaks the chain of every VIP listed
     * @param failing with {@code healthy}, a flapping incident: it fails for {@code failing}, recovers for
     *                {@code healthy}, fails again..., from start to end; null: it fails all along
     */
    public record Planned(String name, IncidentKind kind, boolean storm, String bigip, List<String> vips,
                          Duration start, Duration end, double rate, Duration failing, Duration healthy) {
        public Planned {
            vips = List.copyOf(vips);
        }

        /** The spans {@code [from, to)} during which it fails: one, or each failing phase of a flapping one. */
        List<Duration[]> phases() {
            if (failing == null) {
                return List.<Duration[]>of(new Duration[] {start, end});
            }
            List<Duration[]> out = new ArrayList<>();
            for (Duration t = start; t.compareTo(end) < 0; t = t.plus(failing).plus(healthy)) {
                Duration to = t.plus(failing);
                out.add(new Duration[] {t, to.compareTo(end) < 0 ? to : end});
            }
            return out;
        }
    }

    /**
     * The traffic of {@code vips} of {@code bigip} where it differs from the fleet's.
     *
     * @param connections healthy handshakes per second and VIP; null for {@code connections_per_vip}
     * @param failures    steady failures per second and VIP, by kind: everyday life, not incidents
     * @param silentFrom  after the run's start, when all their traffic stops; null: never
     */
    public record PlannedTraffic(String bigip, List<String> vips, Double connections,
                                 Map<IncidentKind, Double> failures, Duration silentFrom) {
        public PlannedTraffic {
            vips = List.copyOf(vips);
            failures = Map.copyOf(failures);
        }
    }

    /** A scanner from {@code address} sweeping every VIP of {@code bigip} from {@code start} to {@code end}. */
    public record PlannedScanner(String bigip, String address, Duration start, Duration end, int perVip) {}

    /** The simulator's settings with the run starting at {@code startMs} (epoch milliseconds). */
    public SimulatorSettings settings(long startMs) {
        List<Incident> placed = new ArrayList<>();
        for (Planned p : incidents) {
            for (String vip : p.vips()) {
                int colon = vip.lastIndexOf(':');
                // a flapping incident is one incident per failing phase, under one name: one ground-truth record
                for (Duration[] phase : p.phases()) {
                    placed.add(new Incident(p.bigip(), vip.substring(0, colon),
                            Integer.parseInt(vip.substring(colon + 1)), p.kind(), startMs + phase[0].toMillis(),
                            startMs + phase[1].toMillis(), p.rate(), p.name(), p.storm() ? p.name() : null));
                }
            }
        }
        List<VipTraffic> traffic = new ArrayList<>();
        for (PlannedTraffic t : vipTraffic) {
            for (String vip : t.vips()) {
                int colon = vip.lastIndexOf(':');
                Long silentFrom = t.silentFrom() == null ? null : startMs + t.silentFrom().toMillis();
                traffic.add(new VipTraffic(t.bigip(), vip.substring(0, colon),
                        Integer.parseInt(vip.substring(colon + 1)), t.connections(), t.failures(), silentFrom));
            }
        }
        List<ScannerSweep> sweeps = scanners.stream().map(s -> new ScannerSweep(s.bigip(), s.address(),
                startMs + s.start().toMillis(), startMs + s.end().toMillis(), s.perVip())).toList();
        return new SimulatorSettings(seed, bigips, vipsPerBigip, noiseLinesPerSecond, backgroundFailuresPerSecond,
                placed, connectionsPerVip, packets, pollerEverySeconds, clients, traffic, sweeps);
    }

    /** A copy with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, duration, start, bigips, vipsPerBigip, connectionsPerVip,
                clients, noiseLinesPerSecond, backgroundFailuresPerSecond, packets, pollerEverySeconds, incidents,
                vipTraffic, scanners);
    }
}
