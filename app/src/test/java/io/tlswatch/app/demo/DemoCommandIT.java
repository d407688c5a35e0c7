package io.tlswatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.TlswatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tlswatch demo}: its own embedded broker, the simulator and the pipeline, end to end. */
class DemoCommandIT {
    @Test
    void theInjectedCertificateExpiryFiresThenResolvesAndTheDemoExitsCleanly() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TlswatchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        // the incident runs from +10 s to +50 s; with 10 s windows it resolves by about +65 s
        int exit = cli.execute("demo", "--duration", "80s");

        assertThat(exit).as(err.toString()).isZero();
        List<String> alerts = out.toString().lines().filter(l -> l.startsWith("ALERT")).toList();
        assertThat(alerts).as("stdout: %s%nstderr: %s", out, err).hasSize(2);
        assertThat(alerts.get(0)).startsWith("ALERT FIRING")
                .contains("tlswatch/bigip-01/10.10.1.10:443/cert_expired");
        assertThat(alerts.get(1)).startsWith("ALERT RESOLVED")
                .contains("tlswatch/bigip-01/10.10.1.10:443/cert_expired");
        // the healthy fleet's background failures stay below the threshold: only the incident pages
        assertThat(alerts).allSatisfy(l -> assertThat(l).contains("10.10.1.10:443/cert_expired"));
        assertThat(err.toString()).contains("dead letters 1");
        assertThat(err.toString()).containsPattern("demo: dashboard on http://127\\.0\\.0\\.1:\\d+/");
        // it stopped once everything produced had gone through, not after a fixed pause
        assertThat(err.toString()).doesNotContain("stopping without waiting");
    }
}
