package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that needs Kafka, pointed at a port where nothing listens, run as a user runs it (the built jar, its
 * logging configuration): a line naming the address at once, then, at startup.timeout, a line saying nobody came and
 * exit 1, with no Kafka warnings; and a listener that never answers: one line after startup.timeout.
 */
class KafkaUnreachableIT {
    private static final Path JAR = Path.of("target/tlswatch.jar");

    @TempDir
    static Path dir;
    static String address;
    static Path config;
    static Path capture;
    static Path csv;

    @BeforeAll
    static void nothingListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        address = "127.0.0.1:" + port;
        config = Files.writeString(dir.resolve("t.properties"), "kafka.bootstrap.servers=" + address
                + "\nstartup.timeout=5s\nnotify.pagerduty.routing.default=key\nhttp.port=-1\n");
        csv = Files.writeString(dir.resolve("vips.csv"), "observer,address\nbigip-01,10.0.0.1:443\n");
        capture = findCapture();
    }

    private static Path findCapture() throws IOException {
        try (var files = Files.walk(SharedData.root())) {
            return files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .filter(p -> p.toFile().length() > 1024).findFirst().orElseThrow();
        }
    }

    /** What a command printed: its standard error's lines, and when each arrived (ms after the start). */
    private record Result(int exit, List<String> lines, List<Long> arrivedMs, long millis) {}

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(capture.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("TLSWATCH_"));
        long start = System.nanoTime();
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> arrived = new CopyOnWriteArrayList<>();
        // read on the side, so that a child that hangs fails the test at the wait below instead of blocking the read
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    if (!line.isBlank()) {
                        arrived.add((System.nanoTime() - start) / 1_000_000);
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone: what was read stands
            }
        }, "stderr-reader");
        reader.start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(exited).as("exited within 60 s; printed %s", lines).isTrue();
        return new Result(p.exitValue(), List.copyOf(lines), List.copyOf(arrived), (System.nanoTime() - start) / 1_000_000);
    }

    private static void refusedUntilTheTimeout(Result r) {
        assertThat(r.exit()).as("%s", r.lines()).isEqualTo(1);
        assertThat(r.lines()).as("standard error").containsExactly(
                "tlswatch: nothing listens at " + address + " yet (connection refused); waiting up to 5 s"
                        + " (startup.timeout)",
                "tlswatch: nothing listens at " + address + " (connection refused) within 5 s (startup.timeout):"
                        + " is kafka.bootstrap.servers right?");
        // the first line at once, the second at the deadline: the whole startup.timeout lies between them
        assertThat(r.arrivedMs().get(1) - r.arrivedMs().get(0)).as("between the two lines, ms").isBetween(4_500L, 7_500L);
        assertThat(r.millis()).isLessThan(20_000L);
    }

    @Test
    void aListenerThatNeverAnswersIsNoAnswerWithinTheTimeout() throws Exception {
        // the kernel completes TCP connections into the backlog; nobody ever reads them
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String at = "127.0.0.1:" + silent.getLocalPort();
            Path silentConfig = Files.writeString(dir.resolve("silent.properties"), "kafka.bootstrap.servers=" + at
                    + "\nstartup.timeout=5s\nhttp.port=-1\n");
            Result r = run("run", "--config", silentConfig.toString());
            assertThat(r.exit()).as("%s", r.lines()).isEqualTo(1);
            assertThat(r.lines()).containsExactly("tlswatch: no answer from Kafka at " + at
                    + " within 5 s (startup.timeout)");
            assertThat(r.millis()).isBetween(4_500L, 20_000L);
        }
    }

    @Test
    void run() throws Exception {
        refusedUntilTheTimeout(run("run", "--config", config.toString()));
    }

    @Test
    void ingestPcapFromAFileAndFromStandardInput() throws Exception {
        refusedUntilTheTimeout(run("ingest", "pcap", "--config", config.toString(), capture.toString()));
        refusedUntilTheTimeout(run("ingest", "pcap", "--config", config.toString(), "-"));
    }

    @Test
    void ingestSyslogAndIngestFile() throws Exception {
        // any free ports, no metrics server: the ports are taken, then Kafka is asked, then nothing is read
        refusedUntilTheTimeout(run("ingest", "syslog", "--config", config.toString(), "--udp", "0", "--tcp", "0",
                "--http-port", "-1"));
        refusedUntilTheTimeout(run("ingest", "file", "--config", config.toString(), csv.toString()));
    }

    @Test
    void inventoryLoadAndDelete() throws Exception {
        refusedUntilTheTimeout(run("inventory", "load", "--config", config.toString(), csv.toString()));
        refusedUntilTheTimeout(run("inventory", "delete", "--config", config.toString(), "bigip-01/10.0.0.1:443"));
    }

    @Test
    void notifyCommand() throws Exception {
        refusedUntilTheTimeout(run("notify", "--config", config.toString()));
    }

    @Test
    void anEmptyCaptureIsOneLineAndExitOne() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        Result r = run("ingest", "pcap", "--config", config.toString(), empty.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).containsExactly("tlswatch: " + empty + " is empty: no capture to read");
    }
}
