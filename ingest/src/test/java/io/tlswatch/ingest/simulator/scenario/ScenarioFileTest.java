package io.tlswatch.ingest.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.ingest.simulator.IncidentKind;
import io.tlswatch.ingest.simulator.ScannerSweep;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.VipTraffic;
import io.tlswatch.ingest.simulator.wire.ClientKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scenario files: what a good one gives, and the one-line-per-problem answer to a bad one. */
class ScenarioFileTest {
    static final Path SHIPPED = Path.of("..", "config", "scenarios");
    private static final long T0 = Instant.parse("2026-02-01T08:00:00Z").toEpochMilli();

    static Stream<Path> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void everyShippedScenarioIsValid(Path file) throws Exception {
        Scenario s = ScenarioFile.read(file);
        assertThat(s.incidents()).isNotEmpty();
        assertThat(GroundTruth.of(s.settings(T0))).isNotEmpty();
    }

    @Test
    void theShippedIncidentFilesCoverEveryKind() throws Exception {
        List<String> kinds = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(SHIPPED.resolve("incidents"))) {
            for (Path f : files.toList()) {
                GroundTruth.of(ScenarioFile.read(f).settings(T0)).forEach(t -> kinds.add(t.kind()));
            }
        }
        assertThat(kinds).containsAll(IncidentKind.wireNames());
    }

    @Test
    void theDemoInTheJarIsTheShippedDemo() throws IOException {
        String jar = new String(ScenarioFile.class.getResourceAsStream(ScenarioFile.DEMO_RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(jar).isEqualTo(Files.readString(SHIPPED.resolve("demo.yaml")));
        Scenario demo = ScenarioFile.demo();
        assertThat(demo.settings(T0).incidents()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncidentKind.CERT_EXPIRED);
            assertThat(i.vip()).isEqualTo("10.10.1.10:443");
            assertThat(i.startMs()).isEqualTo(T0 + 10_000);
            assertThat(i.endMs()).isEqualTo(T0 + 50_000);
        });
    }

    @Test
    void aFullFileGivesEverySetting() throws Exception {
        Scenario s = parse("""
                name: full
                description: everything
                seed: 42
                duration: 10m
                start: 2026-03-02T08:00:00Z
                fleet:
                  bigips: [a.example.net, b.example.net, c.example.net]
                  vips_per_bigip: 5
                  connections_per_vip: 1.5
                  clients: {browser_chrome: 3, java: 1}
                traffic:
                  noise_lines_per_second: 10
                  background_failures_per_second: 0.25
                  packets: false
                  poller_every: off
                incidents:
                  - name: storm
                    kind: ca_bundle_storm
                    bigip: 2
                    vips: 4
                    start: 1m
                    duration: 2m
                    rate: 0.5
                  - kind: tls10_disabled
                    bigip: c.example.net
                    vip: 10.10.3.11:443
                    start: 3m
                    end: 5m
                """);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.start()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        SimulatorSettings settings = s.settings(T0);
        assertThat(settings.observers()).containsExactly("a.example.net", "b.example.net", "c.example.net");
        assertThat(settings.vipsPerObserver()).isEqualTo(5);
        assertThat(settings.connectionsPerVipPerSecond()).isEqualTo(1.5);
        assertThat(settings.clients()).containsOnlyKeys(ClientKind.BROWSER_CHROME, ClientKind.JAVA);
        assertThat(settings.packets()).isFalse();
        assertThat(settings.pollerIntervalSeconds()).isZero();
        List<GroundTruth> truth = GroundTruth.of(settings);
        assertThat(truth).hasSize(5);
        assertThat(truth.subList(0, 4)).allSatisfy(t -> {
            assertThat(t.kind()).isEqualTo("ca_bundle_storm");
            assertThat(t.group()).isEqualTo("storm");
            assertThat(t.observer()).isEqualTo("b.example.net");
            assertThat(t.errorClass()).isEqualTo("cert_untrusted");
            assertThat(t.start()).isEqualTo("2026-02-01T08:01:00Z");
            assertThat(t.end()).isEqualTo("2026-02-01T08:03:00Z");
        });
        assertThat(truth.subList(0, 4)).extracting(GroundTruth::vip)
                .containsExactly("10.10.2.10:443", "10.10.2.11:443", "10.10.2.12:443", "10.10.2.13:443");
        assertThat(truth.get(4)).isEqualTo(new GroundTruth("tls10_disabled-2", "tls10_disabled", "c.example.net",
                "10.10.3.11:443", "protocol_version", "2026-02-01T08:03:00Z", "2026-02-01T08:05:00Z", null, 1.0));
    }

    @Test
    void theClassOfAProxyHeaderNeedsPackets() throws Exception {
        String file = """
                name: p
                traffic: {packets: %s}
                incidents:
                  - {kind: proxy_protocol_upstream, start: 0s, end: 1m}
                """;
        assertThat(GroundTruth.of(parse(file.formatted("true")).settings(T0))).extracting(GroundTruth::errorClass)
                .containsExactly("proxy_protocol_mismatch");
        assertThat(GroundTruth.of(parse(file.formatted("false")).settings(T0))).extracting(GroundTruth::errorClass)
                .containsExactly("not_tls");
    }

    @Test
    void anUnknownKeySaysWhereAndSuggestsTheClosest() {
        assertProblems("""
                name: x
                fleet:
                  bigips: 2
                  vip_per_bigip: 4
                """, "test.yaml:4: fleet: unknown key 'vip_per_bigip' (did you mean 'vips_per_bigip'?); known keys: "
                + "bigips, vips_per_bigip, connections_per_vip, clients");
    }

    @Test
    void anUnknownKindListsTheValidOnes() {
        assertProblems("""
                name: x
                incidents:
                  - kind: expired_cert
                    start: 1s
                """, "test.yaml:3: unknown incident kind 'expired_cert' (did you mean 'expired_certificate'?); the kinds "
                + "are expired_certificate, missing_intermediate, cipher_string_change, tls10_disabled, "
                + "proxy_protocol_upstream, plain_http, sni_mismatch, tps_limit, mtls_ca_change, client_reset, "
                + "ca_bundle_storm");
    }

    @Test
    void badDurationsNameTheKeyAndTheGrammar() {
        assertProblems("""
                name: x
                duration: ten minutes
                incidents:
                  - kind: plain_http
                    start: 30
                    end: -5s
                """,
                "test.yaml:2: duration: not a duration: 'ten minutes' (use a duration such as 500ms, 30s, 5m, 1h, 30d or "
                        + "ISO-8601 PT30S)",
                "test.yaml:5: start: '30' has no unit: write 30s, 30m... (use a duration such as 500ms, 30s, 5m, 1h, 30d "
                        + "or ISO-8601 PT30S)",
                "test.yaml:6: end: negative duration: '-5s' (use a duration such as 500ms, 30s, 5m, 1h, 30d or ISO-8601 "
                        + "PT30S)");
    }

    @Test
    void everyProblemOfAnIncidentIsReportedAtOnce() {
        assertProblems("""
                name: x
                fleet: {bigips: 2, vips_per_bigip: 3}
                incidents:
                  - kind: sni_mismatch
                    bigip: bigip-03.example.net
                    start: 2m
                    end: 1m
                    rate: lots
                  - kind: plain_http
                    vip: 10.10.1.99:443
                    end: 6m
                  - kind: ca_bundle_storm
                    vips: 9
                """,
                "test.yaml:5: bigip: 'bigip-03.example.net' is not in the fleet (did you mean 'bigip-01.example.net'?); "
                        + "its BIG-IPs are bigip-01.example.net, bigip-02.example.net (or give a number, 1 for the first)",
                "test.yaml:7: the incident must end after it starts (start 2m)",
                "test.yaml:8: rate: expected a number from 0 to 100000, got 'lots'",
                "test.yaml:10: vip: '10.10.1.99:443' is not a VIP of bigip-01.example.net (did you mean '10.10.1.10:443'?); "
                        + "its VIPs are 10.10.1.10:443, 10.10.1.11:443, 10.10.1.12:636 (or give a number, 1 for the first)",
                "test.yaml:11: the incident ends at 6m, after the scenario's duration 5m",
                "test.yaml:13: vips: bigip-01.example.net has 3 VIPs (vips_per_bigip), asked for 9");
    }

    @Test
    void vipTrafficScannersAndFlappingGiveTheirSettings() throws Exception {
        SimulatorSettings settings = parse("""
                name: x
                duration: 30m
                fleet: {bigips: 2, vips_per_bigip: 4, connections_per_vip: 1}
                vip_traffic:
                  - {bigip: 2, vips: 2, connections: 0.5}
                  - bigip: 1
                    vip: 10.10.1.12:443
                    failures: {tls10_disabled: 0.2, plain_http: 0.1}
                    silent_from: 20m
                scanners:
                  - {address: 203.0.113.66, bigip: 2, start: 1m, duration: 2m}
                incidents:
                  - {name: flap, kind: sni_mismatch, vip: 2, start: 5m, end: 12m, flapping: {failing: 2m, healthy: 1m}}
                """).settings(T0);

        assertThat(settings.vipTraffic()).extracting(t -> t.observer() + " " + t.vip(),
                VipTraffic::connectionsPerSecond, VipTraffic::silentFromMs).containsExactly(
                        tuple("bigip-02.example.net 10.10.2.10:443", 0.5, null),
                        tuple("bigip-02.example.net 10.10.2.11:443", 0.5, null),
                        tuple("bigip-01.example.net 10.10.1.12:443", null, T0 + 20 * 60_000L));
        assertThat(settings.vipTraffic().get(2).steadyFailures()).containsExactly(
                entry(IncidentKind.PROTOCOL_VERSION, 0.2), entry(IncidentKind.PLAIN_HTTP, 0.1));
        assertThat(settings.connectionsPerSecond("bigip-02.example.net", "10.10.2.11:443")).isEqualTo(0.5);
        assertThat(settings.connectionsPerSecond("bigip-01.example.net", "10.10.1.12:443")).as("the fleet's")
                .isEqualTo(1);
        assertThat(settings.scanners()).singleElement().isEqualTo(new ScannerSweep("bigip-02.example.net",
                "203.0.113.66", T0 + 60_000, T0 + 180_000, 3));
        // failing 5-7, 8-10, 11-12 min: the last phase is cut at the end
        assertThat(settings.incidents()).extracting(i -> (i.startMs() - T0) / 60_000, i -> (i.endMs() - T0) / 60_000)
                .containsExactly(tuple(5L, 7L), tuple(8L, 10L), tuple(11L, 12L));
        assertThat(GroundTruth.of(settings)).singleElement().satisfies(t -> {
            assertThat(t.start()).isEqualTo("2026-02-01T08:05:00Z");
            assertThat(t.end()).isEqualTo("2026-02-01T08:12:00Z");
        });
    }

    @Test
    void problemsOfVipTrafficScannersAndFlappingAreReportedAtOnce() {
        assertProblems("""
                name: x
                duration: 10m
                vip_traffic:
                  - {vip: 2, connections: fast, failures: {tls10_disabld: 1}}
                  - {vip: 1, silent_from: 3m}
                  - {vip: 1, connections: 2}
                scanners:
                  - {address: scanner.example.net, start: 5m, end: 4m, per_vip: 0}
                incidents:
                  - {kind: plain_http, vip: 1, start: 1m, end: 4m}
                  - {kind: sni_mismatch, vip: 2, flapping: {failing: 1m}}
                """,
                "test.yaml:11: flapping: expected {failing: 60s, healthy: 45s} (it fails, recovers, fails again...)",
                "test.yaml:4: connections: expected a number from 0 to 100000, got 'fast'",
                "test.yaml:4: vip_traffic: failures: unknown key 'tls10_disabld' (did you mean 'tls10_disabled'?)",
                "test.yaml:6: vip_traffic: 10.10.1.10:443 of bigip-01.example.net is given twice",
                "test.yaml:4: incident 'plain_http-1' ends at 4m, after its VIP goes silent at 3m",
                "test.yaml:8: address: expected an IPv4 address such as 203.0.113.66, got 'scanner.example.net'",
                "test.yaml:8: the scanner must end after it starts (start 5m)",
                "test.yaml:8: per_vip: expected a whole number from 1 to 100, got '0'");
    }

    @Test
    void textThatIsNotYamlSaysWhichLine() {
        assertProblems("""
                name: x
                fleet:
                  bigips: [a, b
                traffic: {}
                """, "test.yaml:4: not valid YAML: while parsing a flow sequence");
    }

    @Test
    void theShapeOfTheFileIsChecked() {
        assertProblems("- just\n- a list\n", "test.yaml:1: a scenario is a mapping of keys (name:, fleet:, incidents: ...)");
        assertProblems("", "test.yaml:1: the file is empty");
        assertProblems("""
                description: no name
                seed: -1
                traffic:
                  packets: yes please
                name: x
                name: y
                """,
                "test.yaml:6: key 'name' is written twice",
                "test.yaml:2: seed: expected a whole number from 0 to 9223372036854775807, got '-1'",
                "test.yaml:4: packets: expected true or false");
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ScenarioFile.read(dir.resolve("nope.yaml")))
                .isInstanceOf(ScenarioException.class).hasMessage(dir.resolve("nope.yaml") + ": cannot read: no such file");
        Path latin1 = Files.write(dir.resolve("l.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9});
        assertThatThrownBy(() -> ScenarioFile.read(latin1)).hasMessageEndingWith(": not UTF-8 text (a YAML scenario file "
                + "is expected)");
    }

    private static Scenario parse(String text) throws ScenarioException {
        return ScenarioFile.parse(text, "test.yaml");
    }

    private static void assertProblems(String text, String... problems) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            for (int i = 0; i < problems.length; i++) {
                assertThat(e.problems()).as("problem %d of %s", i, e.problems()).hasSizeGreaterThan(i);
                assertThat(e.problems().get(i)).startsWith(problems[i]);
            }
            assertThat(e.problems()).hasSize(problems.length);
        });
    }
}
