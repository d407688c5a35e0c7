package io.tlswatch.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RealCapturesTest {

    static Path pcaps() {
        return SharedData.root().resolve("tls").resolve("pcap");
    }

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(pcaps())) {
            return files.sorted().toList().stream();
        }
    }

    static List<FlightSummary> read(Path file, CaptureStats[] stats) throws IOException {
        List<FlightSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            stats[0] = CaptureReader.readFlights(in, CaptureSettings.defaults("test-tap"), out::add);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyCaptureReadsToTheEnd(Path file) throws IOException {
        CaptureStats[] stats = new CaptureStats[1];
        List<FlightSummary> flights = read(file, stats);
        System.out.println(file.getFileName() + " " + stats[0]);
        flights.forEach(f -> System.out.println("  " + f + " " + hex(f.head(), 8)));
        assertThat(stats[0].ending()).isEqualTo(CaptureStats.Ending.COMPLETE);
        assertThat(stats[0].get(Counter.PACKETS)).isPositive();
        assertThat(stats[0].get(Counter.MALFORMED_PACKETS)).isZero();
        assertThat(stats[0].get(Counter.UNSUPPORTED_LINK_TYPE)).isZero();
    }

    @Test
    void placeholder() {
        assertThat(pcaps()).isDirectory();
    }

    static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
