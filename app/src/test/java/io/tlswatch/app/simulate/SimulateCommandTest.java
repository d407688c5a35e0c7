package io.tlswatch.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlswatch simulate} without Kafka: its files, and one clear line for every usage mistake. */
class SimulateCommandTest {
    static final Path INCIDENTS = Path.of("..", "config", "scenarios", "incidents");

    @TempDir
    Path dir;

    @Test
    void filesHoldTheLogsThePacketsAndTheGroundTruth() throws IOException {
        Path out = dir.resolve("sim");
        CommandRun cli = new CommandRun();
        int exit = cli.run("simulate", "--scenario", INCIDENTS.resolve("sni-mismatch.yaml").toString(), "--out",
                out.toString(), "--start", "2026-02-01T08:00:00Z", "--duration", "30s", "--seed", "5");

        assertThat(exit).as(cli.err()).isZero();
        List<String> logs = Files.readAllLines(out.resolve(FileSink.LOGS));
        List<String> packets = Files.readAllLines(out.resolve(FileSink.PACKETS));
        List<String> truth = Files.readAllLines(out.resolve(FileSink.TRUTH));
        assertThat(logs).anyMatch(l -> l.startsWith("Feb  1 08:00:1") && l.contains("unrecognized name (112)"));
        assertThat(logs).anyMatch(l -> l.startsWith("{\"system\""));
        assertThat(packets).isNotEmpty().allSatisfy(l -> assertThat(Json.MAPPER.readValue(l, PacketSummary.class)
                .observer()).isEqualTo("bigip-01.example.net"));
        assertThat(truth).singleElement().satisfies(l -> {
            GroundTruth t = Json.MAPPER.readValue(l, GroundTruth.class);
            assertThat(t.alertKey()).isEqualTo("tlswatch/bigip-01/10.10.1.11:443/sni_unrecognized");
            assertThat(t.start()).isEqualTo("2026-02-01T08:00:15Z");
        });
        assertThat(cli.err()).contains("--packets " + out.resolve(FileSink.PACKETS)).contains("--year 2026");

        // the same seed writes the same bytes; the files are not overwritten without --force
        CommandRun again = new CommandRun();
        assertThat(again.run("simulate", "--scenario", INCIDENTS.resolve("sni-mismatch.yaml").toString(), "--out",
                out.toString(), "--start", "2026-02-01T08:00:00Z", "--duration", "30s", "--seed", "5")).isEqualTo(2);
        assertThat(again.err()).contains("already holds " + FileSink.LOGS);
        Path copy = dir.resolve("copy");
        assertThat(again.run("simulate", "--scenario", INCIDENTS.resolve("sni-mismatch.yaml").toString(), "--out",
                copy.toString(), "--start", "2026-02-01T08:00:00Z", "--duration", "30s", "--seed", "5")).isZero();
        for (String name : List.of(FileSink.LOGS, FileSink.PACKETS, FileSink.TRUTH)) {
            assertThat(Files.readAllBytes(copy.resolve(name))).as(name).isEqualTo(Files.readAllBytes(out.resolve(name)));
        }
    }

    @Test
    void aBadScenarioFileIsAUsageErrorListingEveryProblem() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                fleet: {bigips: 1, vip_per_bigip: 2}
                incidents:
                  - kind: expired_cert
                """);
        CommandRun cli = new CommandRun();
        assertThat(cli.run("simulate", "--scenario", bad.toString(), "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("the scenario file has 2 problems:")
                .contains(bad + ":2: fleet: unknown key 'vip_per_bigip' (did you mean 'vips_per_bigip'?)")
                .contains(bad + ":4: unknown incident kind 'expired_cert' (did you mean 'expired_certificate'?)");
    }

    @Test
    void usageMistakesAreOneLine() {
        String scenario = INCIDENTS.resolve("plain-http.yaml").toString();
        assertUsage("--start goes with --out", "simulate", "--scenario", scenario, "--start", "2026-01-01T00:00:00Z");
        assertUsage("--speed: expected a factor such as 1x, 10x or 0.5x", "simulate", "--scenario", scenario,
                "--speed", "fast", "--out", dir.toString());
        assertUsage("--duration: not a duration: 'soon'", "simulate", "--scenario", scenario, "--duration", "soon",
                "--out", dir.toString());
        assertUsage("--out writes files: --bootstrap-server, --config and --topic are for Kafka", "simulate",
                "--scenario", scenario, "--out", dir.toString(), "--bootstrap-server", "localhost:9092");
        assertUsage("--topic: simulate writes two topics", "simulate", "--scenario", scenario, "--topic", "x",
                "--bootstrap-server", "localhost:9092");
        assertUsage("no Kafka: give --bootstrap-server", "simulate", "--scenario", scenario);
        assertUsage("cannot read: no such file", "simulate", "--scenario", dir.resolve("none.yaml").toString());
        assertUsage("--start: expected an ISO-8601 instant", "simulate", "--scenario", scenario, "--out",
                dir.toString(), "--start", "yesterday");
    }

    private void assertUsage(String message, String... args) {
        CommandRun cli = new CommandRun();
        assertThat(cli.run(args)).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains(message);
    }
}
