package io.tlswatch.app.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tlswatch.processors.connection.OutcomeMerger;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.ObserverName;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The replay generator: deterministic, and every line it writes reads back as intended with the production decoder. */
class ReplayScenarioTest {
    private static final ScenarioPlan PLAN = ScenarioPlan.standard();
    private static final ReplayScenario.Generated REPLAY = ReplayScenario.generate(PLAN);
    private static final long NOW = Instant.parse("2026-03-03T00:00:00Z").toEpochMilli();
    /** As analyze builds it for {@code --year 2026 --timezone UTC}. */
    private static final LogDecoder DECODER = new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown", 2026);

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        ReplayScenario.Written a = ReplayScenario.generate(PLAN).writeTo(dir.resolve("a"));
        ReplayScenario.Written b = ReplayScenario.generate(PLAN).writeTo(dir.resolve("b"));
        ScenarioPlan reseeded = new ScenarioPlan(PLAN.observer(), PLAN.start(), PLAN.minutes(), PLAN.seed() + 1,
                PLAN.vips(), PLAN.sweep());
        ReplayScenario.Written c = ReplayScenario.generate(reseeded).writeTo(dir.resolve("c"));

        for (Path[] pair : new Path[][] {{a.ltm(), b.ltm()}, {a.poller(), b.poller()}, {a.groundTruth(), b.groundTruth()}}) {
            assertThat(Files.readAllBytes(pair[0])).as("%s", pair[0].getFileName()).isEqualTo(Files.readAllBytes(pair[1]));
        }
        assertThat(Files.readAllBytes(c.ltm())).isNotEqualTo(Files.readAllBytes(a.ltm()));
        assertThat(GroundTruth.read(a.groundTruth())).isEqualTo(PLAN.groundTruth());
    }

    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void eachBurstDecodesToItsClassWithItsAddresses(FailureKind kind) {
        List<String> lines = kind.lines("Mar  2 08:30:07 bigip-q1.example.net", "tmm2", "198.51.100.7:50123",
                "10.1.10.10:443");

        HandshakeOutcome outcome = merge(lines.stream().map(ReplayScenarioTest::event).toList());

        assertThat(outcome.errorClass()).isEqualTo(kind.decodedAs().wireName());
        assertThat(outcome.vip()).isEqualTo("10.1.10.10:443");
        assertThat(outcome.clientIp() + ":" + outcome.clientPort()).isEqualTo("198.51.100.7:50123");
        assertThat(outcome.observer()).isEqualTo("bigip-q1"); // ObserverName: one name per BIG-IP
        assertThat(outcome.timestampMs()).isEqualTo(Instant.parse("2026-03-02T08:30:07Z").toEpochMilli());
    }

    @Test
    void everyFailureOfTheReplayDecodesToItsClassAndEveryOtherLineIsDropped() {
        Map<String, List<HandshakeEvent>> byClient = new LinkedHashMap<>();
        long previous = 0;
        int dropped = 0;
        for (String line : REPLAY.ltm()) {
            LogDecodeResult r = DECODER.decode(line.getBytes(StandardCharsets.UTF_8), 0);
            if (r instanceof LogDecodeResult.Decoded d) {
                HandshakeEvent e = d.event();
                assertThat(e.timestampMs()).as("in time order: %s", line).isGreaterThanOrEqualTo(previous);
                previous = e.timestampMs();
                byClient.computeIfAbsent(e.clientIp() + ":" + e.clientPort(), k -> new ArrayList<>()).add(e);
            } else {
                assertThat(r).as(line).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
                dropped++;
            }
        }
        assertThat(dropped).as("chatter").isBetween(PLAN.minutes(), 4 * PLAN.minutes());
        assertThat(byClient).as("one distinct client address:port per failure").hasSameSizeAs(REPLAY.failures());
        for (ReplayScenario.Failure f : REPLAY.failures()) {
            List<HandshakeEvent> events = byClient.get(f.client());
            assertThat(events).as("lines of %s", f).isNotNull();
            HandshakeOutcome outcome = merge(events);
            assertThat(outcome.errorClass()).as("%s", f).isEqualTo(f.kind().decodedAs().wireName());
            assertThat(outcome.vip()).isEqualTo(f.vip().endpoint());
            assertThat(outcome.timestampMs()).isEqualTo(f.timeMs() / 1000 * 1000);
            assertThat(events).extracting(HandshakeEvent::process).containsOnly(f.tmm());
        }
    }

    @Test
    void failuresFollowThePlan() {
        assertThat(failureRatio("busy_legacy", FailureKind.PROTOCOL_VERSION, 0, 90)).isCloseTo(0.006, within(0.001));
        assertThat(failureRatio("busy_mixed", FailureKind.CERT_BAD, 0, 90)).isCloseTo(0.003, within(0.001));
        assertThat(failureRatio("busy_mixed", FailureKind.PEER_ABORT, 0, 90)).isCloseTo(0.003, within(0.001));
        assertThat(failureRatio("busy_cipher", FailureKind.NO_SHARED_CIPHER, 45, 53)).isCloseTo(0.20, within(0.02));
        assertThat(failureRatio("busy_cipher", FailureKind.NO_SHARED_CIPHER, 0, 45)).isZero();
        assertThat(failureRatio("busy_tls10", FailureKind.PROTOCOL_VERSION, 20, 28)).isCloseTo(0.25, within(0.02));
        assertThat(failureRatio("small", FailureKind.CERT_EXPIRED, 30, 40)).isEqualTo(1.0);
        assertThat(failureRatio("goes_silent", FailureKind.CERT_UNTRUSTED, 50, 55)).isCloseTo(0.5, within(0.05));
        assertThat(failureRatio("storm_07", FailureKind.CERT_UNTRUSTED, 65, 71)).isCloseTo(0.6, within(0.08));
        assertThat(failureRatio("quiet_03", FailureKind.NOT_TLS, 18, 90)).isZero();
        // the scanner: one address, 1 to 3 junk failures on every VIP, nothing else
        Map<String, Long> swept = REPLAY.failures().stream().filter(ReplayScenario.Failure::scanner)
                .collect(Collectors.groupingBy(f -> f.vip().name(), Collectors.counting()));
        assertThat(swept).hasSize(PLAN.vips().size()).allSatisfy((vip, n) -> assertThat(n).isBetween(1L, 3L));
        assertThat(REPLAY.failures()).filteredOn(ReplayScenario.Failure::scanner)
                .allSatisfy(f -> assertThat(f.client()).startsWith("203.0.113.66:"));
        assertThat(REPLAY.failures()).filteredOn(f -> f.vip().name().equals("goes_silent"))
                .allSatisfy(f -> assertThat(f.timeMs()).isLessThan(PLAN.at(55).toEpochMilli()));
    }

    @Test
    void pollerCountersGrowByEveryConnectionOfEachMinute() {
        List<String> docs = REPLAY.poller();
        assertThat(docs).hasSize(PLAN.minutes() + 1).allSatisfy(d -> assertThat(d).doesNotContain("\n"));
        Map<String, Long> last = new HashMap<>();
        for (int m = 0; m < docs.size(); m++) {
            LogDecodeResult r = DECODER.decode(docs.get(m).getBytes(StandardCharsets.UTF_8), 0);
            assertThat(r).isInstanceOf(LogDecodeResult.Telemetry.class);
            LogDecodeResult.Telemetry t = (LogDecodeResult.Telemetry) r;
            assertThat(t.virtualServers()).extracting(VirtualServer::address, VirtualServer::port)
                    .hasSize(PLAN.vips().size());
            assertThat(t.samples()).hasSize(PLAN.vips().size());
            for (int i = 0; i < PLAN.vips().size(); i++) {
                ScenarioPlan.Vip vip = PLAN.vips().get(i);
                VipTrafficSample s = t.samples().get(i);
                assertThat(s.vipName()).isEqualTo(vip.fullPath());
                assertThat(s.address() + ":" + s.port()).isEqualTo(vip.endpoint());
                assertThat(s.observer()).isEqualTo(ObserverName.of(PLAN.observer()));
                assertThat(s.timestampMs()).isEqualTo(PLAN.at(m).toEpochMilli());
                if (m > 0) {
                    long delta = s.totalConnections() - last.get(vip.name());
                    long expected = vip.silentAt(m - 1) ? 0 : vip.connsPerMinute();
                    long from = PLAN.at(m - 1).toEpochMilli();
                    long to = PLAN.at(m).toEpochMilli();
                    long swept = REPLAY.failures().stream().filter(ReplayScenario.Failure::scanner)
                            .filter(f -> f.vip() == vip && f.timeMs() >= from && f.timeMs() < to).count();
                    assertThat(delta).as("%s minute %d", vip.name(), m - 1).isEqualTo(expected + swept)
                            .isEqualTo(REPLAY.connections()[i][m - 1]);
                }
                last.put(vip.name(), s.totalConnections());
            }
        }
    }

    @Test
    void groundTruthNamesTheIncidentsAndTheirDeadlines() {
        GroundTruth truth = PLAN.groundTruth();
        assertThat(truth.vips()).hasSize(41);
        assertThat(truth.incidents()).hasSize(4 + 25);
        Map<String, GroundTruth.Incident> byName = truth.incidents().stream()
                .collect(Collectors.toMap(GroundTruth.Incident::name, i -> i));
        assertThat(byName.get("small")).extracting(GroundTruth.Incident::errorClass, GroundTruth.Incident::detectWithinS,
                GroundTruth.Incident::start).containsExactly("cert_expired", 60L, "2026-03-02T08:30:00Z");
        assertThat(byName.get("busy_cipher").detectWithinS()).isEqualTo(30L);
        assertThat(byName.get("busy_tls10").detectWithinS()).isEqualTo(30L);
        assertThat(byName.get("goes_silent").end()).isEqualTo("2026-03-02T08:55:00Z");
        assertThat(byName.get("storm_25")).extracting(GroundTruth.Incident::vip, GroundTruth.Incident::group,
                GroundTruth.Incident::detectWithinS).containsExactly("10.1.20.125:443", ScenarioPlan.STORM_GROUP, 30L);
        assertThat(truth.vips()).filteredOn(v -> v.name().equals("busy_mixed")).singleElement()
                .satisfies(v -> assertThat(v.background()).containsOnlyKeys("cert_bad", "no_shared_cipher",
                        "unclassified", "not_tls"));
    }

    private double failureRatio(String vipName, FailureKind kind, int fromMinute, int toMinute) {
        long from = PLAN.at(fromMinute).toEpochMilli();
        long to = PLAN.at(toMinute).toEpochMilli();
        int index = 0;
        while (!PLAN.vips().get(index).name().equals(vipName)) {
            index++;
        }
        long conns = 0;
        for (int m = fromMinute; m < toMinute; m++) {
            conns += REPLAY.connections()[index][m];
        }
        long failed = REPLAY.failures().stream().filter(f -> !f.scanner() && f.vip().name().equals(vipName)
                && f.kind() == kind && f.timeMs() >= from && f.timeMs() < to).count();
        return conns == 0 ? 0 : (double) failed / conns;
    }

    private static HandshakeEvent event(String line) {
        LogDecodeResult r = DECODER.decode(line.getBytes(StandardCharsets.UTF_8), 0);
        assertThat(r).as(line).isInstanceOf(LogDecodeResult.Decoded.class);
        return ((LogDecodeResult.Decoded) r).event();
    }

    private static HandshakeOutcome merge(List<HandshakeEvent> events) {
        return OutcomeMerger.merge(events, OutcomeMerger.connectionId(events.get(events.size() - 1)));
    }
}
