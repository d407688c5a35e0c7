package io.tlswatch.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.testing.SchemaAssertions;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host that reads a capture: named in every summary when given, and left out (old shape) when not. */
class CaptureHostTest {

    private static List<PacketSummary> summaries(CaptureSettings settings) throws IOException {
        List<PacketSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(
                SharedData.root().resolve("tls/pcap/g08-tls12-alert45-cert-expired.pcap"))) {
            CaptureReader.read(in, settings, out::add);
        }
        return out;
    }

    @Test
    void everySummaryNamesTheCaptureHostWhenGiven() throws IOException {
        List<PacketSummary> named = summaries(CaptureSettings.defaults("tap-1").withCaptureHost("sensor-7"));

        assertThat(named).isNotEmpty().allSatisfy(s -> {
            assertThat(s.captureHost()).isEqualTo("sensor-7");
            assertThat(s.observer()).isEqualTo("tap-1");
            SchemaAssertions.assertValidRecord(s);
        });
        assertThat(Json.write(named.get(0))).contains("\"capture_host\":\"sensor-7\"");
    }

    @Test
    void withoutOneTheSummaryKeepsItsOlderShape() throws IOException {
        List<PacketSummary> plain = summaries(CaptureSettings.defaults("tap-1").withCaptureHost("  "));

        assertThat(plain).allSatisfy(s -> assertThat(s.captureHost()).isNull());
        assertThat(Json.write(plain.get(0))).doesNotContain("capture_host");
        // an older reader's record (no capture_host) still reads
        PacketSummary back = Json.MAPPER.readValue(Json.write(plain.get(0)), PacketSummary.class);
        assertThat(back).isEqualTo(plain.get(0));
    }

    @Test
    void onlyAPrintableNameOfAHostNameLengthIsTaken() {
        assertThat(CaptureHost.clean(" sensor-7.example.net\n")).isEqualTo("sensor-7.example.net");
        assertThat(CaptureHost.clean("")).isNull();
        assertThat(CaptureHost.clean("bad\u0007name")).isNull();
        assertThat(CaptureHost.clean("two words")).isNull();
        assertThat(CaptureHost.clean("a".repeat(254))).isNull();
        // this machine has a name (the kernel's, HOSTNAME or the JDK's)
        assertThat(CaptureHost.local()).isNotBlank();
    }
}
