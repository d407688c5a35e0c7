package io.tlswatch.processors.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.pcap.CapturedConnection;
import io.tlswatch.ingest.pcap.EmitReason;
import io.tlswatch.ingest.pcap.FlightSummary;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN §11 over every shared capture: each {@code failure} the capture reader and the verdict report has its
 * proof in the packets — an alert record, bytes that are not TLS at the connection's start (a SYN seen), a FIN or
 * RST, or a silence the capture shows ({@code idle_timeout}).
 */
class EveryFailureIsProvenTest {

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.root().resolve("tls/pcap"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyFailureHasItsProof(String capture) throws IOException {
        List<CapturedConnection> connections = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.root().resolve("tls/pcap").resolve(capture))) {
            CaptureReader.readConnections(in, CaptureSettings.defaults("tap"), connections::add);
        }
        PacketVerdict verdict = new PacketVerdict();
        for (CapturedConnection c : connections) {
            List<io.tlswatch.schemas.PacketSummary> summaries =
                    c.flights().stream().map(FlightSummary::toPacketSummary).toList();
            HandshakeOutcome o = verdict.judge(WireConnection.of(summaries));
            if (!"failure".equals(o.outcome())) {
                continue;
            }
            assertThat(proof(c, o)).as("%s %s: %s %s", capture, c.connectionId(), o.errorClass(), o.reason())
                    .isNotNull();
        }
    }

    /** What in the packets proves the failure; null when nothing does. */
    private static String proof(CapturedConnection c, HandshakeOutcome o) {
        boolean syn = c.flights().stream().anyMatch(FlightSummary::synSeen);
        boolean closed = c.flights().stream().anyMatch(f -> f.finSeen() || f.rstSeen());
        boolean silent = c.flights().stream().anyMatch(f -> f.reason() == EmitReason.IDLE_TIMEOUT);
        if (o.alertCode() != null) {
            return "alert " + o.alertCode();
        }
        return switch (o.errorClass()) {
            case "not_tls", "sslv2_hello", "proxy_protocol_mismatch" -> syn ? "first bytes after a SYN" : null;
            case "peer_abort", "other_alert" -> closed ? "a FIN or RST" : null;
            case "timeout" -> silent ? "a silence the capture shows" : null;
            default -> null;
        };
    }
}
