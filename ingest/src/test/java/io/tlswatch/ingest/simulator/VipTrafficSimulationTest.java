package io.tlswatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.ingest.simulator.scenario.ScenarioFile;
import io.tlswatch.schemas.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the alert-quality run needs of the simulator beyond a uniform fleet: VIPs with their own rate and steady
 * failures, a VIP that goes silent, a scanner sweeping a BIG-IP, a flapping incident. Checked on the lines, poller
 * documents, packets and ground truth it writes.
 */
class VipTrafficSimulationTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final String A = "bigip-a.example.net";
    private static final String B = "bigip-b.example.net";
    private static final String FILE = """
            name: vip-traffic
            seed: 7
            duration: 16m
            fleet:
              bigips: [bigip-a.example.net, bigip-b.example.net]
              vips_per_bigip: 6
              connections_per_vip: 1
            traffic:
              noise_lines_per_second: 0
              background_failures_per_second: 0
              packets: false
              poller_every: 60s
            vip_traffic:
              - {bigip: 1, vip: 10.10.1.10:443, connections: 10, failures: {tls10_disabled: 0.5}}
              - {bigip: 1, vip: 10.10.1.11:443, connections: 4, silent_from: 5m}
            scanners:
              - {bigip: 2, address: 203.0.113.66, start: 2m, end: 4m, per_vip: 3}
            incidents:
              - name: flapping
                kind: cipher_string_change
                bigip: 2
                vip: 10.10.2.10:443
                start: 6m
                end: 14m
                rate: 2
                flapping: {failing: 1m, healthy: 2m}
            """;

    @Test
    void aVipsOwnRateAndSteadyFailuresAreInItsLinesAndPollerCountersUntilItGoesSilent() throws Exception {
        SimulatorSettings settings = ScenarioFile.parse(FILE, "vip-traffic.yaml").settings(T0);
        Run run = run(settings, 16 * MINUTE);

        // per minute: 10 healthy and 0.5 steady failures a second; 4 a second until 5 min, then nothing; 1 elsewhere
        Map<Long, long[]> busy = run.poller().get(A + " 10.10.1.10:443");
        Map<Long, long[]> silent = run.poller().get(A + " 10.10.1.11:443");
        Map<Long, long[]> quiet = run.poller().get(A + " 10.10.1.12:443");
        for (long m = 1; m < 16; m++) {
            assertThat(delta(busy, m)).as("minute %d", m).isBetween(629L, 631L);
            assertThat(delta(quiet, m)).as("minute %d", m).isBetween(59L, 61L);
            assertThat(delta(silent, m)).as("minute %d", m).isEqualTo(m <= 5 ? 240L : 0L);
            assertThat(silent.get(m)[1]).as("current connections at minute %d", m).isEqualTo(m < 5 ? 8L : 0L);
        }
        List<FailedHandshake> steady = run.failures().stream().filter(f -> f.source().equals("steady")).toList();
        assertThat(steady).isNotEmpty().allSatisfy(f -> {
            assertThat(f.vip()).isEqualTo("10.10.1.10:443");
            assertThat(f.linesClass()).isEqualTo("protocol_version");
        });
        assertThat(steady.size()).as("0.5/s for 960 s, Poisson").isBetween(380, 580);
        assertThat(run.failedLines().getOrDefault("10.10.1.10:443", 0)).isEqualTo(steady.size());
        // steady failures are everyday life, not incidents: only the flapping incident is in the ground truth
        assertThat(GroundTruth.of(settings)).extracting(GroundTruth::incident).containsExactly("flapping");
    }

    @Test
    void aFlappingIncidentFailsOnlyInItsFailingPhasesAndIsOneGroundTruthRecord() throws Exception {
        SimulatorSettings settings = ScenarioFile.parse(FILE, "vip-traffic.yaml").settings(T0);
        Run run = run(settings, 16 * MINUTE);

        List<FailedHandshake> flapping = run.failures().stream().filter(f -> f.source().equals("incident")).toList();
        Set<Long> minutes = new HashSet<>();
        flapping.forEach(f -> minutes.add((f.atMs() - T0) / MINUTE));
        assertThat(minutes).as("failing 6-7, 9-10, 12-13 min; healthy in between and after").containsExactlyInAnyOrder(
                6L, 9L, 12L);
        assertThat(flapping).allSatisfy(f -> assertThat(f.linesClass()).isEqualTo("no_shared_cipher"));
        GroundTruth truth = GroundTruth.of(settings).get(0);
        assertThat(truth.start()).isEqualTo("2026-03-02T08:06:00Z");
        assertThat(truth.end()).as("the end of the last failing phase").isEqualTo("2026-03-02T08:13:00Z");
        assertThat(truth.errorClass()).isEqualTo("no_shared_cipher");
        assertThat(truth.rate()).isEqualTo(2.0);
    }

    @Test
    void aScannerProbesEveryVipOfItsBigIpFromOneAddressAndCountsAsConnections() throws Exception {
        SimulatorSettings settings = ScenarioFile.parse(FILE, "vip-traffic.yaml").settings(T0)
                .withTraffic(0, true, 60, Map.of());
        Run run = run(settings, 5 * MINUTE);

        List<FailedHandshake> probes = run.failures().stream().filter(f -> f.source().equals("scanner")).toList();
        Map<String, Integer> perVip = new TreeMap<>();
        probes.forEach(p -> perVip.merge(p.vip(), 1, Integer::sum));
        assertThat(perVip).as("all six VIPs of bigip-b, 1 to 3 probes each").hasSize(6)
                .allSatisfy((vip, n) -> assertThat(n).isBetween(1, 3));
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.observer()).isEqualTo(B);
            assertThat(p.atMs()).isBetween(T0 + 2 * MINUTE, T0 + 4 * MINUTE - 1);
            assertThat(p.linesClass()).isIn("not_tls", "protocol_version", "decode_error");
        });
        assertThat(run.scannerLines()).as("one 01260013 per probe, all from the scanner's address")
                .hasSize(probes.size());
        assertThat(new HashSet<>(run.scannerLines())).as("its source ports count up: never one twice")
                .hasSize(probes.size());
        assertThat(run.scannerPacketConnections()).as("every probe's packets").hasSize(probes.size());
        for (Map.Entry<String, Integer> e : perVip.entrySet()) {
            Map<Long, long[]> poller = run.poller().get(B + " " + e.getKey());
            // bigip-b polls 53 s into each minute; no healthy handshakes here: the growth is the probes
            assertThat(poller.get(4L)[0] - poller.get(1L)[0]).as("probes are connections to %s", e.getKey())
                    .isEqualTo((long) e.getValue());
        }
    }

    /** What a run wrote: poller readings per {@code observer vip} and minute, failures, lines. */
    private record Run(Map<String, Map<Long, long[]>> poller, List<FailedHandshake> failures,
                       Map<String, Integer> failedLines, List<String> scannerLines,
                       Set<String> scannerPacketConnections) {}

    private static Run run(SimulatorSettings settings, long length) throws Exception {
        FleetSimulator fleet = new FleetSimulator(settings);
        Map<String, Map<Long, long[]>> poller = new HashMap<>();
        List<FailedHandshake> failures = new ArrayList<>();
        Map<String, Integer> failedLines = new HashMap<>();
        List<String> scannerLines = new ArrayList<>();
        Set<String> scannerPackets = new HashSet<>();
        for (long t = T0; t <= T0 + length; t += 1_000) {
            SimulatedSecond second = fleet.second(t);
            failures.addAll(second.failures());
            for (TimedLine line : second.lines()) {
                if (line.line().startsWith("{")) {
                    JsonNode doc = Json.MAPPER.readTree(line.line());
                    String host = doc.path("system").path("hostname").asText();
                    long minute = (line.timestampMs() - T0) / MINUTE;
                    doc.path("virtualServers").forEach(vs -> poller.computeIfAbsent(host + " "
                            + vs.path("destination").asText(), k -> new HashMap<>()).put(minute,
                                    new long[] {vs.path("clientside.totConns").asLong(),
                                        vs.path("clientside.curConns").asLong()}));
                    continue;
                }
                ParsedLine parsed = ParsedLine.parse(line.line());
                if ("01260013".equals(parsed.msgid())) {
                    failedLines.merge(parsed.destination(), 1, Integer::sum);
                    // the scanner's address on bigip-b (healthy clients of bigip-a may share it)
                    if (parsed.arrow().startsWith("203.0.113.66:") && parsed.destination().startsWith("10.10.2.")) {
                        scannerLines.add(parsed.arrow());
                    }
                }
            }
            second.packets().stream().filter(p -> p.summary().clientIp().equals("203.0.113.66")
                            && p.summary().serverIp().startsWith("10.10.2."))
                    .forEach(p -> scannerPackets.add(p.summary().clientPort() + " " + p.summary().serverIp()));
        }
        return new Run(poller, failures, failedLines, scannerLines, scannerPackets);
    }

    /** The growth of {@code totConns} from minute {@code m - 1} to {@code m}. */
    private static long delta(Map<Long, long[]> readings, long m) {
        return readings.get(m)[0] - readings.get(m - 1)[0];
    }
}
