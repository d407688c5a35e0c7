package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlswatch analyze}'s checks before any broker starts, and its summary line. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    @Test
    void refusesToOverwriteAnEarlierAnalysisAndReportsUnreadableInputs() throws IOException {
        Path out = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(out.resolve("handshakes.jsonl"), "{}\n");
        CommandRun cli = new CommandRun();
        assertThat(cli.run("analyze", "--logs", log(), "--out", out.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("already holds handshakes.jsonl", "--force");
        assertThat(Files.readString(out.resolve("handshakes.jsonl"))).isEqualTo("{}\n");

        assertThat(cli.run("analyze", "--logs", dir.resolve("missing.log").toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("cannot read", "missing.log");
        assertThat(cli.run("analyze", "--out", out.toString())).isEqualTo(2);
        assertThat(cli.run("analyze", "--logs", log(), "--inventory", dir.resolve("vips.csv").toString(), "--force",
                "--out", out.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("cannot read", "vips.csv");
        Path badCsv = Files.writeString(dir.resolve("bad.csv"), "observer,address\nbigip-01,not-an-address\n");
        assertThat(cli.run("analyze", "--logs", log(), "--inventory", badCsv.toString(), "--force",
                "--out", out.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("bad.csv", "line 2");
    }

    @Test
    void capturesWithLogsOfSeveralBigIpsNeedAnObserver() throws IOException {
        Path logs = Files.writeString(dir.resolve("ltm-two"), ""
                + "Feb  1 08:12:14 bigip-a info tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:5000 -> 10.0.0.2:443\n"
                + "Feb  1 08:12:15 bigip-b info tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:5001 -> 10.0.0.3:443\n");
        Path pcap = Files.write(dir.resolve("any.pcap"), new byte[24]); // read only after the check
        CommandRun cli = new CommandRun();

        assertThat(cli.run("analyze", "--logs", logs.toString(), "--pcap", pcap.toString(),
                "--out", dir.resolve("out").toString())).isEqualTo(2);

        assertThat(cli.err()).contains("the log files name more than one BIG-IP (bigip-a, bigip-b...)",
                "give --observer NAME");
        assertThat(dir.resolve("out/handshakes.jsonl")).doesNotExist();
    }

    @Test
    void theSummaryCountsEachFileAndEachFailureClass() {
        Analysis.Report report = new Analysis.Report(48, 4,
                Map.of("handshakes.jsonl", 3L), Map.of("no_shared_cipher", 2L), Map.of("decoded", 16L), List.of(),
                false, false, Duration.ofMillis(9_800), Analysis.AlertTally.NONE);
        assertThat(AnalyzeCommand.summary(report, Path.of("out"))).isEqualTo("analyze: done in 9.8 s: 48 log lines, "
                + "4 packet summaries; handshakes.jsonl 3 in out; failures: no_shared_cipher 2; alerts: 0 fired; "
                + "inputs: decoded 16");
    }

    /** Alerts in the order the evaluator wrote them: one fired and resolved, one fired twice and still open. */
    @Test
    void theSummaryNamesTheAlertsStillFiringWhenTheInputEnded() {
        Analysis.AlertLog log = new Analysis.AlertLog();
        for (String[] alert : new String[][] {{"tlswatch/a/10.0.0.1:443/cert_expired", "FIRING"},
                {"tlswatch/b/10.0.0.2:443/no_shared_cipher", "FIRING"},
                {"tlswatch/a/10.0.0.1:443/cert_expired", "RESOLVED"},
                {"tlswatch/b/10.0.0.2:443/no_shared_cipher", "RESOLVED"},
                {"tlswatch/b/10.0.0.2:443/no_shared_cipher", "FIRING"}}) {
            log.note(("{\"dedup_key\":\"" + alert[0] + "\",\"status\":\"" + alert[1] + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        log.note("not json".getBytes(StandardCharsets.UTF_8));
        Analysis.AlertTally tally = log.tally();
        assertThat(tally).isEqualTo(new Analysis.AlertTally(3, List.of("tlswatch/b/10.0.0.2:443/no_shared_cipher")));

        Analysis.Report report = new Analysis.Report(1, 0, Map.of(), Map.of(), Map.of(), List.of(), false, false,
                Duration.ofSeconds(1), tally);
        assertThat(AnalyzeCommand.summary(report, Path.of("out"))).contains("; alerts: 3 fired, 1 still firing when "
                + "the input ended (tlswatch/b/10.0.0.2:443/no_shared_cipher);");

        List<String> many = IntStream.range(0, 8).mapToObj(i -> "tlswatch/h/10.0.0." + i + ":443/x").toList();
        Analysis.Report storm = new Analysis.Report(1, 0, Map.of(), Map.of(), Map.of(), List.of(), false, false,
                Duration.ofSeconds(1), new Analysis.AlertTally(8, many));
        assertThat(AnalyzeCommand.summary(storm, Path.of("out"))).contains("8 still firing when the input ended ("
                + String.join(", ", many.subList(0, 5)) + " and 3 more: see alerts.jsonl)");
    }

    private String log() throws IOException {
        return Files.writeString(dir.resolve("ltm"), "Feb  1 08:12:14 bigip info tmm[1]: 01260013:4: SSL Handshake "
                + "failed for TCP 10.0.0.1:5000 -> 10.0.0.2:443\n").toString();
    }
}
