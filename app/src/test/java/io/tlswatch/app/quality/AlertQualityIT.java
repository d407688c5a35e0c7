package io.tlswatch.app.quality;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.ingest.simulator.FailedHandshake;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.ingest.simulator.ScannerSweep;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.VipTraffic;
import io.tlswatch.ingest.simulator.scenario.Scenario;
import io.tlswatch.ingest.simulator.scenario.ScenarioFile;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverName;
import io.tlswatch.schemas.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert engine judged on the simulator's 90-minute {@code config/scenarios/quality.yaml}: {@code tlswatch
 * simulate --out} writes the BIG-IPs' logs and poller documents and the ground truth, {@code tlswatch analyze} runs
 * twice on them (each run starts its own embedded broker and the real pipeline), and the first run's
 * {@code alerts.jsonl} is scored against the ground truth ({@link AlertScorecard}, goals from {@link DetectionGoals}).
 * The scorecard goes to standard output and to {@code target/alert-quality.txt} before any goal is checked, so a
 * failing run still leaves its figures. Every goal is a soft assertion: one run reports every goal it misses.
 */
class AlertQualityIT {
    static final Path SCENARIO = Path.of("..", "config", "scenarios", "quality.yaml");
    static final Path REPORT = Path.of("target", "alert-quality.txt");
    /** The scored alerts, kept for reading after the temporary directory is gone. */
    static final Path ALERTS_COPY = Path.of("target", "alert-quality-alerts.jsonl");
    /** Busy VIPs whose steady failures are at most this share of their handshakes must page nothing. */
    private static final double STEADY_AT_MOST = 0.01;
    /** Pages after a scanner's sweep still count as the sweep's for this long. */
    private static final Duration AFTER_SWEEP = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theAlertEngineMeetsTheQualityGoalsOnTheSimulatedFleet() throws Exception {
        Scenario scenario = ScenarioFile.read(SCENARIO);
        long start = scenario.start().toEpochMilli();
        SimulatorSettings settings = scenario.settings(start);
        Path sim = dir.resolve("sim");
        CommandRun simulate = new CommandRun();
        long started = System.nanoTime();
        assertThat(simulate.run("simulate", "--scenario", SCENARIO.toString(), "--out", sim.toString()))
                .as("simulate exit code; stderr: %s", simulate.err()).isZero();
        Duration simulated = Duration.ofNanos(System.nanoTime() - started);
        List<GroundTruth> truth = readTruth(sim.resolve("ground-truth.jsonl"));
        List<AlertScorecard.Incident> incidents = truth.stream()
                .map(t -> AlertScorecard.Incident.of(t, DetectionGoals.detectWithin(settings, t))).toList();

        Path logs = sim.resolve("f5-logs.log");
        Run first = analyze(scenario, logs, dir.resolve("first"));
        Run second = analyze(scenario, logs, dir.resolve("second"));

        List<String> alertLines = Files.readAllLines(first.out().resolve("alerts.jsonl"));
        alertLines.forEach(line -> assertValid(Schema.ALERT_EVENT, line));
        AlertScorecard.Scorecard card = AlertScorecard.score(AlertScorecard.read(first.out().resolve("alerts.jsonl")),
                incidents);
        Map<String, Long> expectedFailures = failuresByClass(settings, start, scenario.duration());
        Map<String, Long> seenFailures = failuresByClass(first.out().resolve("handshakes.jsonl"));
        String report = report(scenario, logs, simulated, first, second, expectedFailures, seenFailures, card);
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
        Files.copy(first.out().resolve("alerts.jsonl"), ALERTS_COPY, StandardCopyOption.REPLACE_EXISTING);

        SoftAssertions goals = new SoftAssertions();
        goals.assertThat(seenFailures).as("every simulated failure reached the pipeline, with its class")
                .isEqualTo(expectedFailures);
        Set<String> steady = steadyVips(settings, truth);
        goals.assertThat(steady).as("the scenario has busy VIPs with steady failures and no incident")
                .hasSizeGreaterThan(1);
        goals.assertThat(card.falsePages()).as("pages of the busy VIPs with steady failures of at most 1 percent")
                .filteredOn(a -> steady.contains(a.observer() + " " + a.vip())).isEmpty();
        goals.assertThat(card.missed()).as("missed incidents without a detection goal")
                .filteredOn(s -> s.incident().detectWithinS() == null).isEmpty();
        goals.assertThat(card.incidents()).as("incidents not paged within their goal after onset (event time): "
                        + "server-side on a small VIP 60 s, >= 20 percent at >= 1 failure/s 30 s")
                .filteredOn(s -> s.incident().detectWithinS() != null && (s.missed() || s.late()))
                .extracting(AlertQualityIT::detection).isEmpty();
        goals.assertThat(card.incidents()).as("paged incidents not resolved within %d s after they end",
                        AlertScorecard.RESOLVE_WITHIN_MS / 1000)
                .filteredOn(s -> !s.missed()
                        && (s.resolveMs() == null || s.resolveMs() > AlertScorecard.RESOLVE_WITHIN_MS))
                .extracting(AlertQualityIT::resolution).isEmpty();
        goals.assertThat(card.unresolved()).as("FIRINGs without a RESOLVED").isEmpty();
        goals.assertThat(card.lateResolves()).as("FIRINGs resolved more than 3 min after their incident").isEmpty();
        goals.assertThat(card.pagesPerStorm()).as("storms of the scenario").isNotEmpty();
        card.pagesPerStorm().forEach((storm, pages) -> goals.assertThat(pages).as("delivered pages of the storm %s of "
                + "%d VIPs", storm, truth.stream().filter(t -> storm.equals(t.group())).count())
                .isLessThanOrEqualTo(AlertScorecard.MAX_STORM_PAGES));
        Set<String> flapping = scenario.incidents().stream().filter(p -> p.failing() != null)
                .map(Scenario.Planned::name).collect(Collectors.toSet());
        goals.assertThat(flapping).as("flapping incidents of the scenario").isNotEmpty();
        goals.assertThat(card.incidents()).as("flapping incidents paged more than once")
                .filteredOn(s -> flapping.contains(s.incident().name()) && s.pages() > 1)
                .extracting(s -> s.incident().name() + ": " + s.pages() + " pages").isEmpty();
        goals.assertThat(settings.scanners()).as("scanners of the scenario").isNotEmpty();
        for (ScannerSweep sweep : settings.scanners()) {
            goals.assertThat(card.falsePages()).as("pages during the sweep of scanner %s", sweep.client())
                    .filteredOn(a -> a.atMs() >= sweep.startMs() && a.atMs() <= sweep.endMs() + AFTER_SWEEP.toMillis())
                    .isEmpty();
        }
        goals.assertThat(card.falsePages()).as("false pages").isEmpty();
        goals.assertThat(card.duplicates()).as("duplicate FIRINGs").isEmpty();
        for (String file : List.of("alerts.jsonl", "rates.jsonl")) {
            goals.assertThat(firstDifference(first.out().resolve(file), second.out().resolve(file)))
                    .as("%s of two analyses of the same files", file).isNull();
        }
        goals.assertAll();
    }

    /** One analysis: where it wrote, what it said, how long it took. */
    record Run(Path out, String summary, Duration took) {}

    private static Run analyze(Scenario scenario, Path logs, Path out) {
        CommandRun cli = new CommandRun();
        long started = System.nanoTime();
        int exit = cli.run("analyze", "--year", Integer.toString(scenario.start().atZone(ZoneOffset.UTC).getYear()),
                "--timezone", "UTC", "--logs", logs.toString(), "--out", out.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(exit).as("analyze exit code; stderr: %s", cli.err()).isZero();
        String summary = cli.err().lines().filter(l -> l.startsWith("analyze: done")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in: " + cli.err()));
        return new Run(out, summary, took);
    }

    private static List<GroundTruth> readTruth(Path file) throws IOException {
        List<GroundTruth> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(Json.MAPPER.readValue(line, GroundTruth.class));
        }
        return out;
    }

    /**
     * {@code observer vip} of the VIPs with steady failures of at most {@link #STEADY_AT_MOST} of their handshakes
     * and no incident (the BIG-IP by the name alerts key it by).
     */
    private static Set<String> steadyVips(SimulatorSettings settings, List<GroundTruth> truth) {
        Set<String> withIncidents = truth.stream().map(t -> t.observer() + " " + t.vip()).collect(Collectors.toSet());
        return settings.vipTraffic().stream()
                .filter(v -> !v.steadyFailures().isEmpty() && !withIncidents.contains(v.observer() + " " + v.vip()))
                .filter(v -> steadyShare(settings, v) <= STEADY_AT_MOST)
                .map(v -> ObserverName.of(v.observer()) + " " + v.vip()).collect(Collectors.toSet());
    }

    private static double steadyShare(SimulatorSettings settings, VipTraffic v) {
        double steady = v.steadyFailures().values().stream().mapToDouble(Double::doubleValue).sum();
        return steady / DetectionGoals.otherHandshakes(settings, v.observer(), v.vip());
    }

    private static String detection(AlertScorecard.IncidentScore s) {
        return s.incident().name() + " " + s.incident().vip() + " " + s.incident().errorClass() + ": "
                + (s.missed() ? "never paged" : "paged after " + s.detectMs() / 1000.0 + " s")
                + " (goal " + s.incident().detectWithinS() + " s)";
    }

    private static String resolution(AlertScorecard.IncidentScore s) {
        return s.incident().name() + " " + s.incident().vip() + " " + s.incident().errorClass() + ": "
                + (s.resolveMs() == null ? "never resolved"
                        : "resolved " + s.resolveMs() / 1000.0 + " s after the end");
    }

    /** Where two output files first differ, or null when their bytes are the same. */
    static String firstDifference(Path a, Path b) throws IOException {
        if (Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
            return null;
        }
        List<String> x = Files.readAllLines(a);
        List<String> y = Files.readAllLines(b);
        int line = 0;
        while (line < Math.min(x.size(), y.size()) && x.get(line).equals(y.get(line))) {
            line++;
        }
        return String.format(Locale.ROOT, "%d lines vs %d lines, first difference at line %d:%n  %s%n  %s", x.size(),
                y.size(), line + 1, line < x.size() ? x.get(line) : "(end of file)",
                line < y.size() ? y.get(line) : "(end of file)");
    }

    /** The simulator's failed handshakes per class of their F5 lines (the run writes no packets). */
    private static Map<String, Long> failuresByClass(SimulatorSettings settings, long start, Duration length) {
        FleetSimulator fleet = new FleetSimulator(settings);
        Map<String, Long> byClass = new TreeMap<>();
        for (long second = start; second < start + length.toMillis(); second += 1_000) {
            for (FailedHandshake f : fleet.second(second).failures()) {
                byClass.merge(f.linesClass(), 1L, Long::sum);
            }
        }
        return byClass;
    }

    /** Failed handshakes of {@code handshakes.jsonl} per {@code tlswatch.error_class}. */
    private static Map<String, Long> failuresByClass(Path handshakes) throws IOException {
        Map<String, Long> byClass = new TreeMap<>();
        for (String line : Files.readAllLines(handshakes, StandardCharsets.UTF_8)) {
            JsonNode doc = Json.MAPPER.readTree(line);
            if ("failure".equals(doc.path("event").path("outcome").asText())) {
                byClass.merge(doc.path("tlswatch").path("error_class").asText(), 1L, Long::sum);
            }
        }
        return byClass;
    }

    private static String report(Scenario scenario, Path logs, Duration simulated, Run first, Run second,
            Map<String, Long> expected, Map<String, Long> seen, AlertScorecard.Scorecard card) throws IOException {
        long lines;
        long poller;
        try (var all = Files.lines(logs)) {
            lines = all.count();
        }
        try (var all = Files.lines(logs)) {
            poller = all.filter(l -> l.startsWith("{")).count();
        }
        long failed = expected.values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "Alert quality on the simulated scenario %s (%s, seed %d, "
                        + "%d BIG-IPs x %d VIPs)%n"
                        + "inputs: %d log lines (%d failed handshakes), %d poller documents, %d bytes; "
                        + "simulate %.1f s%n"
                        + "failures expected %s%nfailures seen     %s%n"
                        + "analysis 1: %.1f s; analysis 2: %.1f s%n%s%n%s%n%n%s",
                scenario.name(), scenario.duration(), scenario.seed(), scenario.bigips().size(),
                scenario.vipsPerBigip(),
                lines - poller, failed, poller, Files.size(logs), simulated.toMillis() / 1000.0, expected, seen,
                first.took().toMillis() / 1000.0, second.took().toMillis() / 1000.0, first.summary(), second.summary(),
                card.table());
    }
}
