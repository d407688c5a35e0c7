package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The rules every command follows: help, version, usage errors (exit 2). */
class CommandLineTest {
    @TempDir
    Path dir;

    /** Every command and subcommand, as a user types it ({@code "inventory load"}). */
    static Stream<String> commands() {
        List<String> out = new ArrayList<>();
        collect(TlswatchCommand.commandLine(), "", out);
        return out.stream();
    }

    private static void collect(CommandLine cli, String prefix, List<String> out) {
        out.add(prefix.strip());
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, prefix + " " + name, out);
            }
        });
    }

    private static String[] args(String command, String... more) {
        List<String> out = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpFitsEightyColumnsWrapsAtSpacesAndShowsAnExample(String command) {
        CommandRun run = new CommandRun();
        assertThat(run.run(args(command, "--help"))).as(run.err()).isZero();
        String help = run.out();
        String[] lines = help.split("\n");
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i].length()).as("help of '%s' wider than %d: %s", command, HelpLayout.WIDTH, lines[i])
                    .isLessThanOrEqualTo(HelpLayout.WIDTH);
            // picocli's own layout cut setting names at their dots ("kafka.bootstrap.\n servers")
            boolean cut = lines[i].matches(".*[a-z]\\.$") && i + 1 < lines.length
                    && lines[i + 1].matches("(\\s{4,})?[a-z].*");
            assertThat(cut).as("help of '%s' cut inside a word: %s|%s", command, lines[i],
                    i + 1 < lines.length ? lines[i + 1] : "").isFalse();
        }
        assertThat(help).as("help of '%s'", command).contains("Example");
        assertThat(help).contains("-V, --version");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void versionWorksOnEveryCommand(String command) {
        CommandRun run = new CommandRun();
        assertThat(run.run(args(command, "-V"))).isZero();
        assertThat(run.out()).startsWith("tlswatch ");
        assertThat(run.run(args(command, "--version"))).isZero();
    }

    @Test
    void theCommandListShowsWholeSentences() {
        CommandRun run = new CommandRun();
        run.run("--help");
        assertThat(run.out()).contains("  demo").doesNotContain("and prints\n");
        for (String line : run.out().split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ") && !line.contains("tlswatch")) {
                // a command's one-line summary ends its sentence (possibly on a continuation line)
                assertThat(line).isNotBlank();
            }
        }
    }

    @Test
    void badValuesAreUsageErrors() throws IOException {
        CommandRun run = new CommandRun();
        assertThat(run.run("demo", "--duration", "soon")).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--duration: not a duration: 'soon'");
        assertThat(run.run("demo", "--duration", "-5s")).isEqualTo(2);
        assertThat(run.err()).contains("negative duration: '-5s'");
        assertThat(run.run("decode", "--timezone", "Mars/Olympus")).isEqualTo(2);
        assertThat(run.run("decode", "--format", "yaml")).isEqualTo(2);
        assertThat(run.run("pcap", "--head-bytes", "1")).isEqualTo(2);
        assertThat(run.run("analyze", "--year", "nineteen", "--out", dir.toString(), "--logs", "x")).isEqualTo(2);
        assertThat(run.run("no-such-command")).isEqualTo(2);
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "alerts.windw=1m\n");
        assertThat(run.run("run", "--config", config.toString())).isEqualTo(2);
        assertThat(run.err()).contains("alerts.windw").contains("did you mean alerts.window?");
        // one line and a pointer to the help, not the whole usage text
        assertThat(run.err()).doesNotContain("Usage:").contains("Try 'tlswatch run --help'");
        Path binary = dir.resolve("binary.properties");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, 0x0a});
        assertThat(run.run("run", "--config", binary.toString())).isEqualTo(2);
        assertThat(run.err()).contains("not UTF-8 text");
    }

    @Test
    void runWithABadSettingFailsBeforeKafkaIsAsked() throws IOException {
        Path config = dir.resolve("bad.properties");
        // nothing listens on port 1: a check of Kafka would take startup.timeout
        Files.writeString(config, "kafka.bootstrap.servers=127.0.0.1:1\nalerts.window=-1m\n");
        CommandRun run = new CommandRun();
        long start = System.nanoTime();
        assertThat(run.run("run", "--config", config.toString())).as(run.err()).isEqualTo(2);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
        assertThat(run.err()).contains("alerts.window: negative duration: '-1m'").contains(config.toString());
    }

    @Test
    void runBoundBeyondLoopbackWithoutATokenRefusesToStartNamingTheKey() throws IOException {
        Path config = dir.resolve("open.properties");
        Files.writeString(config, "kafka.bootstrap.servers=127.0.0.1:1\nhttp.host=0.0.0.0\n");
        CommandRun run = new CommandRun();
        assertThat(run.run("run", "--config", config.toString())).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElse("")).startsWith(
                "tlswatch: http.token: required when http.host (0.0.0.0) is not a loopback address");
    }
}
