package io.tlswatch.app.quality;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
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
 * The alert engine judged on the 90-minute replay of {@link ScenarioPlan#standard()}: {@code tlswatch analyze}
 * runs twice on the generated files (each run starts its own embedded broker and the real pipeline), and the
 * first run's {@code alerts.jsonl} is scored against the ground truth ({@link AlertScorecard}). The scorecard
 * goes to standard output and to {@code target/alert-quality.txt} before any goal is checked, so a failing run
 * still leaves its figures. Every goal is a soft assertion: one run reports every goal it misses.
 */
class AlertQualityIT {
    static final Path REPORT = Path.of("target", "alert-quality.txt");
    /** The scored alerts, kept for reading after the temporary directory is gone. */
    static final Path ALERTS_COPY = Path.of("target", "alert-quality-alerts.jsonl");
    /** Busy VIPs whose steady background is at most 1 %: they must page nothing in 90 minutes. */
    private static final Set<String> STEADY_VIPS = Set.of("busy_legacy", "busy_mixed");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theAlertEngineMeetsTheQualityGoalsOnTheReplay() throws IOException {
        ReplayScenario.Written replay = ReplayScenario.generate(ScenarioPlan.standard()).writeTo(dir.resolve("replay"));
        GroundTruth truth = GroundTruth.read(replay.groundTruth());

        Run first = analyze(replay, dir.resolve("first"));
        Run second = analyze(replay, dir.resolve("second"));

        List<String> alertLines = Files.readAllLines(first.out().resolve("alerts.jsonl"));
        alertLines.forEach(line -> assertValid(Schema.ALERT_EVENT, line));
        AlertScorecard.Scorecard card = AlertScorecard.score(AlertScorecard.read(first.out().resolve("alerts.jsonl")),
                truth);
        Map<String, Long> expectedFailures = replay.generated().failures().stream()
                .collect(Collectors.groupingBy(f -> f.kind().decodedAs().wireName(), TreeMap::new, Collectors.counting()));
        Map<String, Long> seenFailures = failuresByClass(first.out().resolve("handshakes.jsonl"));
        String report = report(card, replay, first, second, expectedFailures, seenFailures);
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
        Files.copy(first.out().resolve("alerts.jsonl"), ALERTS_COPY, StandardCopyOption.REPLACE_EXISTING);

        SoftAssertions goals = new SoftAssertions();
        goals.assertThat(seenFailures).as("every generated failure reached the pipeline, with its class")
                .isEqualTo(expectedFailures);
        Set<String> steady = truth.vips().stream().filter(v -> STEADY_VIPS.contains(v.name()))
                .map(GroundTruth.VipRate::vip).collect(Collectors.toSet());
        goals.assertThat(card.falsePages()).as("pages of the busy VIPs with a steady background of at most 1 percent")
                .filteredOn(a -> steady.contains(a.vip())).isEmpty();
        goals.assertThat(card.missed()).as("missed incidents without a detection goal")
                .filteredOn(s -> s.incident().detectWithinS() == null).isEmpty();
        goals.assertThat(card.incidents()).as("incidents not paged within their goal after onset (event time): "
                        + "server-side on a small VIP 60 s, >= 20 percent at >= 1 failure/s 30 s")
                .filteredOn(s -> s.incident().detectWithinS() != null && (s.missed() || s.late()))
                .extracting(AlertQualityIT::detection).isEmpty();
        goals.assertThat(card.incidents()).as("paged incidents not resolved within %d s after they end",
                        AlertScorecard.RESOLVE_WITHIN_MS / 1000)
                .filteredOn(s -> !s.missed() && (s.resolveMs() == null || s.resolveMs() > AlertScorecard.RESOLVE_WITHIN_MS))
                .extracting(AlertQualityIT::resolution).isEmpty();
        goals.assertThat(card.unresolved()).as("FIRINGs without a RESOLVED").isEmpty();
        goals.assertThat(card.lateResolves()).as("FIRINGs resolved more than 3 min after their incident").isEmpty();
        goals.assertThat(card.pagesPerStorm().getOrDefault(ScenarioPlan.STORM_GROUP, 0))
                .as("delivered pages of the 25-VIP storm").isLessThanOrEqualTo(AlertScorecard.MAX_STORM_PAGES);
        long sweepFrom = Instant.parse(truth.scanner().start()).toEpochMilli();
        long sweepTo = Instant.parse(truth.scanner().end()).toEpochMilli() + Duration.ofMinutes(5).toMillis();
        goals.assertThat(card.falsePages()).as("pages during the scanner sweep")
                .filteredOn(a -> a.atMs() >= sweepFrom && a.atMs() <= sweepTo).isEmpty();
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

    private static Run analyze(ReplayScenario.Written replay, Path out) {
        CommandRun cli = new CommandRun();
        long started = System.nanoTime();
        int exit = cli.run(replay.analyzeArguments(out).toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(exit).as("analyze exit code; stderr: %s", cli.err()).isZero();
        String summary = cli.err().lines().filter(l -> l.startsWith("analyze: done")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in: " + cli.err()));
        return new Run(out, summary, took);
    }

    private static String detection(AlertScorecard.IncidentScore s) {
        return s.incident().name() + " " + s.incident().errorClass() + ": " + (s.missed() ? "never paged"
                : "paged after " + s.detectMs() / 1000.0 + " s") + " (goal " + s.incident().detectWithinS() + " s)";
    }

    private static String resolution(AlertScorecard.IncidentScore s) {
        return s.incident().name() + " " + s.incident().errorClass() + ": " + (s.resolveMs() == null ? "never resolved"
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

    private static String report(AlertScorecard.Scorecard card, ReplayScenario.Written replay, Run first, Run second,
            Map<String, Long> expected, Map<String, Long> seen) throws IOException {
        ReplayScenario.Generated g = replay.generated();
        return String.format(Locale.ROOT, "Alert quality on the replay %s (%d min, seed %d)%n"
                        + "inputs: %d ltm lines (%d failed handshakes), %d poller documents, %d bytes%n"
                        + "failures expected %s%nfailures seen     %s%n"
                        + "analysis 1: %.1f s; analysis 2: %.1f s%n%s%n%s%n%n%s",
                g.plan().observer(), g.plan().minutes(), g.plan().seed(), g.ltm().size(), g.failures().size(),
                g.poller().size(), Files.size(replay.ltm()) + Files.size(replay.poller()), expected, seen,
                first.took().toMillis() / 1000.0, second.took().toMillis() / 1000.0, first.summary(), second.summary(),
                card.table());
    }
}
