package io.tlswatch.ingest.simulator;

import io.tlswatch.ingest.simulator.wire.ClientKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FleetSimulator} simulates. Rates are means of Poisson processes over the whole fleet.
 *
 * <p>Host {@code i} (0-based, in {@code observers} order) owns VIPs {@code 10.10.<i+1>.10},
 * {@code .11}, ... on port 443; the last of its {@code vipsPerObserver} VIPs listens on 636 (LDAPS) when the
 * host has at least two.
 *
 * @param seed                           seed of every random choice: same seed, same lines
 * @param observers                      host names of the BIG-IP systems, as printed in the syslog header
 * @param vipsPerObserver                virtual servers per host, 1..240
 * @param noiseLinesPerSecond            healthy non-SSL lines per second over the fleet (audit, monitors, APM,
 *                                       cron, sshd, journald, iRule TCL errors)
 * @param backgroundSslFailuresPerSecond ordinary sporadic failed handshakes per second over the fleet
 *                                       (plain-text probes, old clients), spread over all VIPs
 * @param incidents                      scripted faults, possibly none
 * @param connectionsPerVipPerSecond     handshakes each VIP accepts per second, failed or not: the successful ones
 *                                       appear as packets (when {@code packets}) and every one in the poller's
 *                                       {@code clientside.totConns}
 * @param packets                        whether a capture point in front of each BIG-IP writes packet summaries
 *                                       ({@code f5.packets}) for every connection the simulation makes
 * @param pollerIntervalSeconds          seconds between two Telemetry Streaming system-poller documents of a
 *                                       BIG-IP (on {@code f5.logs}); 0 for none
 * @param clients                        the client population: weight of each kind (scanners are background
 *                                       only); empty for {@link #DEFAULT_CLIENTS}
 * @param vipTraffic                     VIPs whose traffic differs from the fleet's (own rate, steady failures,
 *                                       silence), at most one entry per VIP
 * @param scanners                       clients sweeping every VIP of a BIG-IP with junk
 */
public record SimulatorSettings(long seed, List<String> observers, int vipsPerObserver,
                                double noiseLinesPerSecond, double backgroundSslFailuresPerSecond,
                                List<Incident> incidents, double connectionsPerVipPerSecond, boolean packets,
                                int pollerIntervalSeconds, Map<ClientKind, Integer> clients,
                                List<VipTraffic> vipTraffic, List<ScannerSweep> scanners) {

    /** Browsers dominate, API clients and scripts follow, a few old TLS 1.0 clients remain. */
    public static final Map<ClientKind, Integer> DEFAULT_CLIENTS = Map.of(ClientKind.BROWSER_CHROME, 55,
            ClientKind.BROWSER_FIREFOX, 15, ClientKind.JAVA, 12, ClientKind.CURL, 14, ClientKind.LEGACY_TLS10, 4);
    /** Longest poller interval accepted: TS polls at least once an hour. */
    public static final int MAX_POLLER_INTERVAL_SECONDS = 3_600;
    /** Below this the pipeline ignores a poller reading ({@code RateInput}): TS polls every 60 s by default. */
    public static final int MIN_POLLER_INTERVAL_SECONDS = 10;

    /** Every VIP alike, no scanner. */
    public SimulatorSettings(long seed, List<String> observers, int vipsPerObserver, double noiseLinesPerSecond,
            double backgroundSslFailuresPerSecond, List<Incident> incidents, double connectionsPerVipPerSecond,
            boolean packets, int pollerIntervalSeconds, Map<ClientKind, Integer> clients) {
        this(seed, observers, vipsPerObserver, noiseLinesPerSecond, backgroundSslFailuresPerSecond, incidents,
                connectionsPerVipPerSecond, packets, pollerIntervalSeconds, clients, List.of(), List.of());
    }

    /** Logs only, no healthy handshakes, no poller: the simulator of the first demo. */
    public SimulatorSettings(long seed, List<String> observers, int vipsPerObserver, double noiseLinesPerSecond,
            double backgroundSslFailuresPerSecond, List<Incident> incidents) {
        this(seed, observers, vipsPerObserver, noiseLinesPerSecond, backgroundSslFailuresPerSecond, incidents, 0,
                false, 0, Map.of());
    }

    /** The two hosts of the default fleet. */
    public static final List<String> DEFAULT_OBSERVERS = List.of("bigip-01.example.net", "bigip-02.example.net");
    /** Default virtual servers per host: three HTTPS VIPs and one LDAPS VIP. */
    public static final int DEFAULT_VIPS_PER_OBSERVER = 4;
    /** Default healthy noise over the fleet, lines per second. */
    public static final double DEFAULT_NOISE_LINES_PER_SECOND = 200;
    /** Default ordinary SSL failures over the fleet, failed handshakes per second. */
    public static final double DEFAULT_BACKGROUND_SSL_FAILURES_PER_SECOND = 0.5;
    /** Highest accepted rate of any kind, per second: beyond it one second would not fit in memory. */
    public static final double MAX_RATE_PER_SECOND = 100_000;

    // the third octet of a VIP address is the host number and the last is 10 + VIP number: keep both valid
    private static final int MAX_OBSERVERS = 254;
    private static final int MAX_VIPS_PER_OBSERVER = 240;

    /** Checks the arguments and copies the lists. */
    public SimulatorSettings {
        observers = List.copyOf(observers);
        incidents = List.copyOf(incidents);
        vipTraffic = List.copyOf(vipTraffic);
        scanners = List.copyOf(scanners);
        // an EnumMap iterates in a fixed order (Map.copyOf does not): weighted picks stay the same run after run
        clients = Collections.unmodifiableMap(new EnumMap<>(clients.isEmpty() ? DEFAULT_CLIENTS : clients));
        requireRate(connectionsPerVipPerSecond, "connectionsPerVipPerSecond");
        if (pollerIntervalSeconds != 0 && (pollerIntervalSeconds < MIN_POLLER_INTERVAL_SECONDS
                || pollerIntervalSeconds > MAX_POLLER_INTERVAL_SECONDS)) {
            throw new IllegalArgumentException("pollerIntervalSeconds must be 0 (none) or " + MIN_POLLER_INTERVAL_SECONDS
                    + ".." + MAX_POLLER_INTERVAL_SECONDS + ": " + pollerIntervalSeconds);
        }
        if (clients.containsKey(ClientKind.SCANNER) || clients.values().stream().anyMatch(w -> w == null || w < 0)
                || clients.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("client weights must be >= 0 with a positive sum, scanners excluded: "
                    + clients);
        }
        if (observers.isEmpty() || observers.size() > MAX_OBSERVERS) {
            throw new IllegalArgumentException("need 1.." + MAX_OBSERVERS + " observers, got " + observers.size());
        }
        if (new HashSet<>(observers).size() != observers.size()) {
            throw new IllegalArgumentException("observers must be distinct: " + observers);
        }
        for (String observer : observers) {
            // the host is one whitespace-free token of the syslog header
            if (observer.isEmpty() || observer.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("observer must be one non-empty token: '" + observer + "'");
            }
        }
        if (vipsPerObserver < 1 || vipsPerObserver > MAX_VIPS_PER_OBSERVER) {
            throw new IllegalArgumentException("vipsPerObserver must be 1.." + MAX_VIPS_PER_OBSERVER);
        }
        requireRate(noiseLinesPerSecond, "noiseLinesPerSecond");
        requireRate(backgroundSslFailuresPerSecond, "backgroundSslFailuresPerSecond");
        for (Incident incident : incidents) {
            if (!observers.contains(incident.observer())) {
                throw new IllegalArgumentException("incident on unknown observer " + incident.observer()
                        + "; observers are " + observers);
            }
        }
        Set<String> tuned = new HashSet<>();
        for (VipTraffic t : vipTraffic) {
            if (!observers.contains(t.observer())) {
                throw new IllegalArgumentException("VIP traffic on unknown observer " + t.observer());
            }
            if (!tuned.add(t.observer() + " " + t.vip())) {
                throw new IllegalArgumentException("VIP traffic of " + t.observer() + " " + t.vip() + " given twice");
            }
        }
        for (ScannerSweep sweep : scanners) {
            if (!observers.contains(sweep.observer())) {
                throw new IllegalArgumentException("scanner on unknown observer " + sweep.observer());
            }
        }
    }

    /** The traffic of the VIP {@code address:port} of {@code observer}: its own, or none (the fleet's). */
    public VipTraffic trafficOf(String observer, String vip) {
        for (VipTraffic t : vipTraffic) {
            if (t.observer().equals(observer) && t.vip().equals(vip)) {
                return t;
            }
        }
        return null;
    }

    /** Healthy handshakes per second of the VIP {@code address:port} of {@code observer}. */
    public double connectionsPerSecond(String observer, String vip) {
        VipTraffic t = trafficOf(observer, vip);
        return t != null && t.connectionsPerSecond() != null ? t.connectionsPerSecond() : connectionsPerVipPerSecond;
    }

    /**
     * A healthy default fleet: two hosts, four VIPs each, 200 noise lines and 0.5 ordinary SSL failures per
     * second, no incident.
     */
    public static SimulatorSettings defaults(long seed) {
        return new SimulatorSettings(seed, DEFAULT_OBSERVERS, DEFAULT_VIPS_PER_OBSERVER,
                DEFAULT_NOISE_LINES_PER_SECOND, DEFAULT_BACKGROUND_SSL_FAILURES_PER_SECOND, List.of());
    }

    /** A copy with another seed. */
    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(newSeed, observers, vipsPerObserver, noiseLinesPerSecond,
                backgroundSslFailuresPerSecond, incidents, connectionsPerVipPerSecond, packets, pollerIntervalSeconds,
                clients, vipTraffic, scanners);
    }

    /** A copy with another noise rate (lines per second over the fleet). */
    public SimulatorSettings withNoiseLinesPerSecond(double rate) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, rate, backgroundSslFailuresPerSecond,
                incidents, connectionsPerVipPerSecond, packets, pollerIntervalSeconds, clients, vipTraffic,
                scanners);
    }

    /** A copy with another rate of ordinary SSL failures (failed handshakes per second over the fleet). */
    public SimulatorSettings withBackgroundSslFailuresPerSecond(double rate) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, noiseLinesPerSecond, rate, incidents,
                connectionsPerVipPerSecond, packets, pollerIntervalSeconds, clients, vipTraffic, scanners);
    }

    /** A copy with exactly these incidents. */
    public SimulatorSettings withIncidents(List<Incident> newIncidents) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, noiseLinesPerSecond,
                backgroundSslFailuresPerSecond, newIncidents, connectionsPerVipPerSecond, packets,
                pollerIntervalSeconds, clients, vipTraffic, scanners);
    }

    /**
     * A copy with healthy traffic: {@code perVipPerSecond} handshakes per VIP and second, packet summaries for
     * every connection or none, a poller document per BIG-IP every {@code pollerSeconds} (0: none).
     */
    public SimulatorSettings withTraffic(double perVipPerSecond, boolean withPackets, int pollerSeconds,
            Map<ClientKind, Integer> population) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, noiseLinesPerSecond,
                backgroundSslFailuresPerSecond, incidents, perVipPerSecond, withPackets, pollerSeconds, population,
                vipTraffic, scanners);
    }

    /** A copy with one more incident. */
    public SimulatorSettings withIncident(Incident incident) {
        List<Incident> more = new ArrayList<>(incidents);
        more.add(Objects.requireNonNull(incident, "incident"));
        return withIncidents(more);
    }

    /** A copy with these VIPs' own traffic and these scanners. */
    public SimulatorSettings withVipTraffic(List<VipTraffic> traffic, List<ScannerSweep> sweeps) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, noiseLinesPerSecond,
                backgroundSslFailuresPerSecond, incidents, connectionsPerVipPerSecond, packets, pollerIntervalSeconds,
                clients, traffic, sweeps);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0 && rate <= MAX_RATE_PER_SECOND)) {
            throw new IllegalArgumentException(name + " must be 0.." + MAX_RATE_PER_SECOND + ": " + rate);
        }
    }
}
