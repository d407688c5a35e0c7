package io.tlswatch.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.testing.SchemaAssertions;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader on the team's 35 real captures ({@code shared/data/tls/pcap}). */
class RealCapturesTest {

    static Path pcaps() {
        return SharedData.root().resolve("tls").resolve("pcap");
    }

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(pcaps())) {
            return files.sorted().toList().stream();
        }
    }

    static Stream<Path> generated() throws IOException {
        return captures().filter(p -> p.getFileName().toString().matches("g\\d\\d-.*"));
    }

    record Read(CaptureStats stats, List<FlightSummary> flights) {
        FlightSummary first(Direction direction) {
            return flights.stream().filter(f -> f.direction() == direction && f.flight() == 0).findFirst()
                    .orElseThrow();
        }
    }

    static Read read(Path file) throws IOException {
        List<FlightSummary> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            CaptureStats stats = CaptureReader.readFlights(in, CaptureSettings.defaults("test-tap"), out::add);
            return new Read(stats, out);
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyCaptureReadsToTheEndWithoutDamage(Path file) throws IOException {
        Read r = read(file);
        assertThat(r.stats().ending()).isEqualTo(CaptureStats.Ending.COMPLETE);
        assertThat(r.stats().get(Counter.PACKETS)).isPositive();
        assertThat(r.stats().get(Counter.MALFORMED_PACKETS)).isZero();
        assertThat(r.stats().get(Counter.TRUNCATED_PACKETS)).isZero();
        assertThat(r.stats().get(Counter.UNSUPPORTED_LINK_TYPE)).isZero();
        assertThat(r.stats().get(Counter.SUMMARIES_EMITTED)).isEqualTo(r.flights().size());
        for (FlightSummary f : r.flights()) {
            PacketSummary s = f.toPacketSummary();
            SchemaAssertions.assertValidRecord(s);
            assertThat(s.connectionId()).startsWith("test-tap/").contains("->");
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void wholeConnectionsHoldExactlyTheFlightsOfTheirId(Path file) throws IOException {
        Map<String, List<FlightSummary>> expected = new TreeMap<>();
        for (FlightSummary f : read(file).flights()) {
            expected.computeIfAbsent(f.connectionId(), id -> new ArrayList<>()).add(f);
        }
        List<CapturedConnection> connections = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            CaptureReader.readConnections(in, CaptureSettings.defaults("test-tap"), connections::add);
        }
        Map<String, List<FlightSummary>> actual = new TreeMap<>();
        for (CapturedConnection c : connections) {
            assertThat(actual).as("each connection is handed out once").doesNotContainKey(c.connectionId());
            actual.put(c.connectionId(), c.flights());
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        actual.forEach((id, flights) -> {
            List<FlightSummary> want = expected.get(id);
            assertThat(flights).hasSameSizeAs(want);
            for (int i = 0; i < flights.size(); i++) {
                assertThat(flights.get(i).head()).isEqualTo(want.get(i).head());
                assertThat(flights.get(i).direction()).isEqualTo(want.get(i).direction());
                assertThat(flights.get(i).reason()).isEqualTo(want.get(i).reason());
            }
        });
    }

    /** Client and server as tshark saw them: the src/dst of each alert row whose sender we know. */
    static Map<String, String[]> expectedEndpoints() throws IOException {
        Map<String, String[]> byPcap = new TreeMap<>();
        List<String> rows = Files.readAllLines(SharedData.root().resolve("tls").resolve("EXPECTED_ALERTS.tsv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split("\t");
            String src = c[4];
            String dst = c[5];
            boolean fromServer = src.endsWith(":443");
            byPcap.putIfAbsent(c[1], fromServer ? new String[] {dst, src} : new String[] {src, dst});
        }
        return byPcap;
    }

    @ParameterizedTest
    @MethodSource("generated")
    void clientFlightStartsLikeAClientAndEndpointsMatchTshark(Path file) throws IOException {
        Read r = read(file);
        FlightSummary client = r.first(Direction.CLIENT_TO_SERVER);
        String name = file.getFileName().toString();
        String start = new String(client.head(), 0, Math.min(12, client.head().length), StandardCharsets.ISO_8859_1);
        if (name.startsWith("g18")) {
            assertThat(start).startsWith("GET ");
        } else if (name.startsWith("g19")) {
            assertThat(start).startsWith("PROXY TCP4 ");
        } else if (name.startsWith("g20") || name.startsWith("g21")) {
            assertThat(client.head()).startsWith(TlsFlight.PROXY_V2_SIGNATURE);
        } else {
            assertThat(client.head()[0]).isEqualTo((byte) 0x16);
            assertThat(client.head()[5]).as("ClientHello").isEqualTo((byte) 1);
        }
        assertThat(client.serverPort()).isEqualTo(443);
        assertThat(client.clientIp()).isEqualTo("127.0.0.1");
        assertThat(client.synSeen()).isTrue();
        String[] expected = expectedEndpoints().get(name);
        if (expected != null) {
            assertThat(client.clientIp() + ":" + client.clientPort()).isEqualTo(expected[0]);
            assertThat(client.serverIp() + ":" + client.serverPort()).isEqualTo(expected[1]);
        }
        assertThat(client.connectionId())
                .isEqualTo("test-tap/" + client.clientIp() + ":" + client.clientPort() + "->127.0.0." + lastOctet(
                        client) + ":443");
    }

    private static String lastOctet(FlightSummary f) {
        return f.serverIp().substring("127.0.0.".length());
    }

    @Test
    void splitClientHelloIsReassembledWhole() throws IOException {
        Read r = read(pcaps().resolve("g22-split-clienthello-3-segments-tls13.pcap"));
        FlightSummary client = r.first(Direction.CLIENT_TO_SERVER);
        byte[] h = client.head();
        int recordLength = Bytes.u16be(h, 3);
        assertThat(h.length).isEqualTo(5 + recordLength);
        int helloLength = (h[6] & 0xff) << 16 | (h[7] & 0xff) << 8 | (h[8] & 0xff);
        assertThat(4 + helloLength).isEqualTo(recordLength);
        assertThat(client.reason()).isEqualTo(EmitReason.FLIGHT_COMPLETE);
    }

    @Test
    void alertsAreTheirOwnFlightWithTheSender() throws IOException {
        // g07: the client rejects the server certificate (alert 48 from 127.0.0.1:41406)
        Read r = read(pcaps().resolve("g07-tls12-alert48-unknown-ca.pcap"));
        FlightSummary second = r.flights().stream()
                .filter(f -> f.direction() == Direction.CLIENT_TO_SERVER && f.flight() == 1).findFirst().orElseThrow();
        assertThat(second.head()).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 48);
        assertThat(second.headOffset()).isEqualTo(208);
        // g05: the server refuses the ClientHello (alert 40)
        FlightSummary server = read(pcaps().resolve("g05-tls12-alert40-cipher-mismatch.pcap"))
                .first(Direction.SERVER_TO_CLIENT);
        assertThat(server.head()).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40);
    }

    @Test
    void ipv6OnBsdLoopbackLinkType() throws IOException {
        Read r = read(pcaps().resolve("ipv6.pcapng")); // a pcap file with link type 0 despite its name
        FlightSummary client = r.first(Direction.CLIENT_TO_SERVER);
        assertThat(client.clientIp()).isEqualTo("2001:4998:ef83:14:8000::100d");
        assertThat(client.serverIp()).isEqualTo("2606:4700::6811:d209");
        assertThat(client.connectionId()).isEqualTo("test-tap/[2001:4998:ef83:14:8000::100d]:64034->[2606:4700::6811:d209]:443");
    }

    @Test
    void midStreamCapturesFindTheClientByItsHello() throws IOException {
        Read r = read(pcaps().resolve("tls-handshake.pcapng"));
        assertThat(r.flights()).isNotEmpty();
        assertThat(r.flights()).filteredOn(f -> f.flight() == 0 && f.head().length > 5 && f.head()[0] == 0x16
                        && f.head()[5] == 1)
                .isNotEmpty()
                .allMatch(f -> f.direction() == Direction.CLIENT_TO_SERVER);
        // its UDP is QUIC to port 443 (tshark: 40 datagrams, 20 client Initials opening flows), followed since issue 14
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS)).isEqualTo(40);
        assertThat(r.stats().get(Counter.QUIC_FLOWS_OPENED)).isEqualTo(20);
        assertThat(r.stats().get(Counter.UDP_DATAGRAMS)).isZero();
    }
}
