package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BIG-IPs log files name, read before an analysis to give captures their observer. */
class LogHostsTest {
    @TempDir
    Path dir;

    private static final String FAILURE = " info tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:5000 -> 10.0.0.2:443";

    @Test
    void tlsLinesAndTelemetryNameTheirHostAndHeaderStrippedLinesNameNone() throws IOException {
        Path ltm = Files.writeString(dir.resolve("ltm"), ""
                + "Feb  1 08:12:10 bigip-01.example.net notice mcpd[5]: 01070727:5: Pool member monitor status up.\n"
                + "tmm1[20358]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:5000 -> 10.0.0.2:443\n"
                + "\n"
                + "Feb  1 08:12:14 bigip-01.example.net" + FAILURE + "\n");
        Path ts = Files.writeString(dir.resolve("ts.json"), "{\"data\":\"tmm1[20358]: 01260013:4: SSL Handshake "
                + "failed for TCP 10.0.0.1:5000 -> 10.0.0.2:443\",\"hostname\":\"bigip-01.example.net\","
                + "\"telemetryEventCategory\":\"syslog\"}\n");
        Path stripped = Files.writeString(dir.resolve("stripped"),
                "tmm1[20358]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:5000 -> 10.0.0.2:443\n");

        assertThat(LogHosts.scan(List.of(ltm, ts))).containsExactly("bigip-01"); // one name per BIG-IP (ObserverName)
        assertThat(LogHosts.scan(List.of(stripped))).isEmpty();
        assertThat(LogHosts.scan(List.of(stripped, dir.resolve("missing")))).isEmpty();
    }

    @Test
    void stopsAtTwoHostsOrAfterTheLineBound() throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "Feb  1 08:12:14 bigip-a" + FAILURE + "\n");
        Path b = Files.writeString(dir.resolve("b"), "Feb  1 08:12:14 bigip-b" + FAILURE + "\n");
        Path c = Files.writeString(dir.resolve("c"), "Feb  1 08:12:14 bigip-c" + FAILURE + "\n");
        assertThat(LogHosts.scan(List.of(c, a, b))).containsExactly("bigip-a", "bigip-c");

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LogHosts.MAX_LINES; i++) {
            lines.add("Feb  1 08:12:14 bigip-a notice mcpd[5]: 01070727:5: Pool member monitor status up.");
        }
        lines.add("Feb  1 08:12:14 bigip-b" + FAILURE);
        Path quiet = Files.write(dir.resolve("quiet"), lines);
        assertThat(LogHosts.scan(List.of(quiet))).as("a host beyond the bound is not seen").isEmpty();
    }
}
