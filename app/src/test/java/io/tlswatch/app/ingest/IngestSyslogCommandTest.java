package io.tlswatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code ingest syslog} and {@code ingest file}: one line, exit 2, before any port or Kafka. */
class IngestSyslogCommandTest {
    @TempDir
    Path dir;

    private static String usageError(String... args) {
        CommandRun run = new CommandRun();
        assertThat(run.run(args)).as(run.err()).isEqualTo(2);
        String[] lines = run.err().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("Try 'tlswatch ingest ");
        return lines[0];
    }

    @Test
    void badPortsCertificatesAndBoundsAreOneLine() throws Exception {
        String b = "--bootstrap-server=127.0.0.1:1";
        assertThat(usageError("ingest", "syslog", b, "--udp", "70000"))
                .isEqualTo("tlswatch: --udp must be a port (0..65535, 0 for any free one) or -1 for none: 70000");
        assertThat(usageError("ingest", "syslog", b, "--udp", "-1", "--tcp", "-1"))
                .isEqualTo("tlswatch: nothing to listen on: --udp, --tcp and --tls-port are all -1");
        assertThat(usageError("ingest", "syslog", b, "--tls-port", "6514"))
                .contains("--tls-port needs --tls-cert and --tls-key, or --tls-keystore");
        assertThat(usageError("ingest", "syslog", b, "--tls-cert", "x.pem"))
                .contains("need --tls-port");
        assertThat(usageError("ingest", "syslog", b, "--tls-port", "6514", "--tls-cert", "missing.crt",
                "--tls-key", "missing.key")).isEqualTo("tlswatch: cannot read missing.crt: no such file");
        Path notPem = Files.writeString(dir.resolve("c.pem"), "hello");
        assertThat(usageError("ingest", "syslog", b, "--tls-port", "6514", "--tls-cert", notPem.toString(),
                "--tls-key", notPem.toString())).contains("no PEM certificate");
        assertThat(usageError("ingest", "syslog", b, "--frame-timeout", "soon")).contains("--frame-timeout: ");
        assertThat(usageError("ingest", "syslog", b, "--max-connections", "0"))
                .isEqualTo("tlswatch: --max-connections must be at least 1");
        assertThat(usageError("ingest", "syslog", b, "--bind", "no-such-host.invalid"))
                .isEqualTo("tlswatch: --bind: not an address of this host: no-such-host.invalid");
        assertThat(usageError("ingest", "syslog")).contains("no Kafka: give --bootstrap-server");
    }

    @Test
    void fileOptionsAreCheckedBeforeKafka() throws Exception {
        Path log = Files.writeString(dir.resolve("ltm"), "x\n");
        String b = "--bootstrap-server=127.0.0.1:1";
        assertThat(usageError("ingest", "file", b, "--speed", "fast", log.toString()))
                .isEqualTo("tlswatch: --speed: expected a factor such as 1x, 10x or 0.5x (at most 10000x), or max; got 'fast'");
        assertThat(usageError("ingest", "file", b, "--speed", "-2x", log.toString())).contains("--speed");
        assertThat(usageError("ingest", "file", b, dir.toString()))
                .isEqualTo("tlswatch: cannot read " + dir + ": a directory, not a log file");
        assertThat(usageError("ingest", "file", b, "-", "-")).contains("standard input (-) can be read once only");
    }

    @Test
    void aPortInUseIsOneLineAndExitOneBeforeKafkaIsAsked() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CommandRun run = new CommandRun();
            long start = System.nanoTime();
            assertThat(run.run("ingest", "syslog", "--bootstrap-server", "127.0.0.1:1", "--udp", "-1", "--tcp",
                    Integer.toString(taken.getLocalPort()), "--http-port", "-1")).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("tlswatch: cannot listen on tcp 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\n");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        }
    }
}
