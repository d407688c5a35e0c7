package io.tlswatch.ingest.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

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
 */
public record SimulatorSettings(long seed, List<String> observers, int vipsPerObserver,
                                double noiseLinesPerSecond, double backgroundSslFailuresPerSecond,
                                List<Incident> incidents) {

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
    /** Seed of {@link #demo(long)}, fixed so that every demo run shows the same story. */
    public static final long DEMO_SEED = 20_260_201L;

    // the third octet of a VIP address is the host number and the last is 10 + VIP number: keep both valid
    private static final int MAX_OBSERVERS = 254;
    private static final int MAX_VIPS_PER_OBSERVER = 240;

    /** Checks the arguments and copies the lists. */
    public SimulatorSettings {
        observers = List.copyOf(observers);
        incidents = List.copyOf(incidents);
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
    }

    /**
     * A healthy default fleet: two hosts, four VIPs each, 200 noise lines and 0.5 ordinary SSL failures per
     * second, no incident.
     */
    public static SimulatorSettings defaults(long seed) {
        return new SimulatorSettings(seed, DEFAULT_OBSERVERS, DEFAULT_VIPS_PER_OBSERVER,
                DEFAULT_NOISE_LINES_PER_SECOND, DEFAULT_BACKGROUND_SSL_FAILURES_PER_SECOND, List.of());
    }

    /**
     * The story {@code tlswatch demo} tells: the {@link #defaults(long) default} fleet plus one incident, an
     * expired certificate on {@code bigip-01.example.net} VIP {@code 10.10.1.10:443} from 10 s after
     * {@code startMs} for 40 s, at about 4 failed handshakes per second.
     */
    public static SimulatorSettings demo(long startMs) {
        return defaults(DEMO_SEED).withIncident(new Incident("bigip-01.example.net", "10.10.1.10", 443,
                IncidentKind.CERT_EXPIRED, startMs + 10_000, startMs + 50_000, 4.0));
    }

    /** A copy with another seed. */
    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(newSeed, observers, vipsPerObserver, noiseLinesPerSecond,
                backgroundSslFailuresPerSecond, incidents);
    }

    /** A copy with another noise rate (lines per second over the fleet). */
    public SimulatorSettings withNoiseLinesPerSecond(double rate) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, rate, backgroundSslFailuresPerSecond,
                incidents);
    }

    /** A copy with another rate of ordinary SSL failures (failed handshakes per second over the fleet). */
    public SimulatorSettings withBackgroundSslFailuresPerSecond(double rate) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, noiseLinesPerSecond, rate, incidents);
    }

    /** A copy with exactly these incidents. */
    public SimulatorSettings withIncidents(List<Incident> newIncidents) {
        return new SimulatorSettings(seed, observers, vipsPerObserver, noiseLinesPerSecond,
                backgroundSslFailuresPerSecond, newIncidents);
    }

    /** A copy with one more incident. */
    public SimulatorSettings withIncident(Incident incident) {
        List<Incident> more = new ArrayList<>(incidents);
        more.add(Objects.requireNonNull(incident, "incident"));
        return withIncidents(more);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0 && rate <= MAX_RATE_PER_SECOND)) {
            throw new IllegalArgumentException(name + " must be 0.." + MAX_RATE_PER_SECOND + ": " + rate);
        }
    }
}
