package io.tlswatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.ingest.simulator.scenario.Scenario;
import io.tlswatch.ingest.simulator.scenario.ScenarioFile;
import io.tlswatch.ingest.simulator.wire.Der;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A scenario's simulation: repeatable for a seed, and its ground truth is what it wrote. */
class ScenarioSimulationTest {
    private static final long T0 = Instant.parse("2026-02-01T08:00:00Z").toEpochMilli();
    private static final Path BUSY = Path.of("..", "config", "scenarios", "busy-fleet.yaml");
    private static final Pattern FAILED = Pattern.compile(
            "^.{15} (\\S+) \\S+ \\S+: 01260013:\\d: SSL Handshake failed for TCP (\\S+):(\\d+) -> (\\S+):(\\d+)$");

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() throws Exception {
        Scenario scenario = ScenarioFile.read(BUSY);
        FleetSimulator a = new FleetSimulator(scenario.settings(T0));
        FleetSimulator b = new FleetSimulator(scenario.settings(T0));
        FleetSimulator c = new FleetSimulator(scenario.withSeed(scenario.seed() + 1).settings(T0));
        for (long s : new long[] {0, 61, 130, 299}) {
            SimulatedSecond x = a.second(T0 + s * 1_000);
            SimulatedSecond y = b.second(T0 + s * 1_000);
            assertThat(x.lines()).isEqualTo(y.lines());
            assertThat(json(x.packets())).isEqualTo(json(y.packets()));
            assertThat(x.lines()).isNotEqualTo(c.second(T0 + s * 1_000).lines());
        }
        // any order, any instance: a second is a function of the settings and the second alone
        assertThat(json(a.second(T0 + 5_000).packets())).isEqualTo(json(b.second(T0 + 5_000).packets()));
    }

    @Test
    void theGroundTruthIsWhatWasWritten() throws Exception {
        Scenario scenario = ScenarioFile.read(BUSY);
        // without background failures, every failure line belongs to an incident
        SimulatorSettings settings = lighter(scenario.settings(T0)).withBackgroundSslFailuresPerSecond(0);
        List<GroundTruth> truth = GroundTruth.of(settings);
        FleetSimulator fleet = new FleetSimulator(settings);
        Map<String, List<Long>> failuresByVip = new HashMap<>();
        Set<String> packetConnections = new HashSet<>();
        Set<String> failedConnections = new HashSet<>();
        long end = T0 + scenario.duration().toMillis();
        for (long t = T0; t < end; t += 1_000) {
            SimulatedSecond s = fleet.second(t);
            for (TimedLine line : s.lines()) {
                Matcher m = FAILED.matcher(line.line());
                if (m.matches()) {
                    failuresByVip.computeIfAbsent(m.group(4) + ":" + m.group(5), k -> new ArrayList<>())
                            .add(line.timestampMs());
                    failedConnections.add(HostPort.connectionId(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                            m.group(4), Integer.parseInt(m.group(5)), null));
                }
            }
            s.packets().forEach(p -> packetConnections.add(p.summary().connectionId()));
        }
        for (GroundTruth t : truth) {
            if (t.vip().equals("unknown")) {
                continue;
            }
            List<Long> times = failuresByVip.getOrDefault(t.vip(), List.of());
            long inside = times.stream().filter(x -> x >= t.startMs() && x < t.endMs()).count();
            double mean = t.rate() * (t.endMs() - t.startMs()) / 1_000.0;
            assertThat((double) inside).as("failures of %s on %s (mean %.0f)", t.incident(), t.vip(), mean)
                    .isBetween(mean - 5 * Math.sqrt(mean) - 1, mean + 5 * Math.sqrt(mean) + 1);
        }
        // every failure line lies within an incident of its VIP
        failuresByVip.forEach((vip, times) -> assertThat(times).allSatisfy(x -> assertThat(truth)
                .anySatisfy(t -> {
                    assertThat(t.vip()).isEqualTo(vip);
                    assertThat(x).isBetween(t.startMs(), t.endMs() - 1);
                })));
        assertThat(packetConnections).as("every failed handshake's packets").containsAll(failedConnections);
    }

    @Test
    void pollerCountersGrowByTheConnectionsOfTheInterval() throws Exception {
        SimulatorSettings settings = lighter(ScenarioFile.read(BUSY).settings(T0));
        FleetSimulator fleet = new FleetSimulator(settings);
        Map<String, List<long[]>> readings = new HashMap<>();
        for (long t = T0; t < T0 + 200_000; t += 1_000) {
            for (TimedLine line : fleet.second(t).lines()) {
                if (line.line().startsWith("{")) {
                    JsonNode doc = Json.MAPPER.readTree(line.line());
                    assertThat(doc.path("telemetryEventCategory").asText()).isEqualTo("systemInfo");
                    doc.path("virtualServers").forEach(vs -> readings.computeIfAbsent(
                            doc.path("system").path("hostname").asText() + "/" + vs.path("destination").asText(),
                            k -> new ArrayList<>()).add(new long[] {line.timestampMs(),
                                vs.path("clientside.totConns").asLong()}));
                }
            }
        }
        assertThat(readings).hasSize(settings.observers().size() * settings.vipsPerObserver());
        for (Map.Entry<String, List<long[]>> e : readings.entrySet()) {
            List<long[]> r = e.getValue();
            assertThat(r).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < r.size(); i++) {
                assertThat(r.get(i)[0] - r.get(i - 1)[0]).isEqualTo(settings.pollerIntervalSeconds() * 1_000L);
                // healthy connections at least; an incident's failures add to them
                assertThat(r.get(i)[1] - r.get(i - 1)[1]).as(e.getKey())
                        .isGreaterThanOrEqualTo((long) (settings.connectionsPerVipPerSecond()
                                * settings.pollerIntervalSeconds()) - 1);
            }
        }
    }

    @Test
    void theExpiredCertificateExpiredWhenTheIncidentStarted() throws Exception {
        Incident expired = new Incident("bigip-01.example.net", "10.10.1.10", 443, IncidentKind.CERT_EXPIRED,
                T0 + 10_000, T0 + 20_000, 5);
        FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(3).withNoiseLinesPerSecond(0)
                .withBackgroundSslFailuresPerSecond(0).withIncident(expired).withTraffic(0, true, 0, Map.of()));
        List<X509Certificate> served = new ArrayList<>();
        for (long t = T0 + 10_000; t < T0 + 13_000; t += 1_000) {
            for (TimedPacket p : fleet.second(t).packets()) {
                PacketSummary s = p.summary();
                if (s.direction().equals("server_to_client") && s.flight() == 0 && s.payloadHeadBase64() != null) {
                    served.add(leaf(Base64.getDecoder().decode(s.payloadHeadBase64())));
                }
            }
        }
        assertThat(served).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getNotAfter().toInstant()).isEqualTo(Instant.ofEpochMilli(expired.startMs()));
            assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=app-1-1.example.net");
            assertThat(c.getIssuerX500Principal().getName()).contains("Example Issuing CA");
        });
    }

    @Test
    void derCertificatesParseWithTheirFields() throws Exception {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2051-01-01T00:00:00Z"); // GeneralizedTime from 2050
        byte[] der = Der.certificate("www.example.net", "Issuer", from, to, List.of("www.example.net", "example.net"), 9);
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertThat(c.getNotBefore().toInstant()).isEqualTo(from);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(to);
        assertThat(c.getSubjectAlternativeNames()).extracting(l -> String.valueOf(l.get(1))).containsExactly("www.example.net",
                "example.net");
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    /** The first certificate of the Certificate message in a server's TLS 1.2 flight. */
    private static X509Certificate leaf(byte[] flight) throws Exception {
        int p = 5; // record header
        while (p + 4 <= flight.length) {
            int type = flight[p] & 0xff;
            int length = (flight[p + 1] & 0xff) << 16 | (flight[p + 2] & 0xff) << 8 | (flight[p + 3] & 0xff);
            if (type == 11) {
                int first = p + 4 + 3;
                int certLength = (flight[first] & 0xff) << 16 | (flight[first + 1] & 0xff) << 8 | (flight[first + 2] & 0xff);
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(flight, first + 3, certLength));
            }
            p += 4 + length;
        }
        throw new AssertionError("no Certificate message");
    }

    /** Fewer healthy handshakes, for speed: what is checked does not depend on their number. */
    private static SimulatorSettings lighter(SimulatorSettings s) {
        return s.withTraffic(0.5, s.packets(), s.pollerIntervalSeconds(), s.clients());
    }

    private static List<String> json(List<TimedPacket> packets) {
        return packets.stream().map(p -> p.timestampMs() + " " + Json.write(p.summary())).toList();
    }
}
