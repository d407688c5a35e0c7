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
    void theInjectedCertificateExpiryFiresAnAlertAndTheDemoExitsCleanly() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TlswatchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("demo", "--duration", "25s");

        assertThat(exit).as(err.toString()).isZero();
        List<String> alerts = out.toString().lines().filter(l -> l.startsWith("ALERT")).toList();
        assertThat(alerts).as("stdout: %s%nstderr: %s", out, err)
                .anySatisfy(l -> assertThat(l).startsWith("ALERT FIRING")
                        .contains("tlswatch/bigip-01.example.net/10.10.1.10:443/cert_expired"));
        // the healthy fleet's background failures stay below the threshold: only the incident pages
        assertThat(alerts).allSatisfy(l -> assertThat(l).contains("10.10.1.10:443/cert_expired"));
        assertThat(err.toString()).contains("dead letters 1");
    }
}
