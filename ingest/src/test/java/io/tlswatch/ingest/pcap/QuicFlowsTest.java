package io.tlswatch.ingest.pcap;

import static io.tlswatch.schemas.testing.QuicPackets.V1;
import static io.tlswatch.schemas.testing.QuicPackets.V2;
import static io.tlswatch.schemas.testing.QuicPackets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.schemas.DatagramHead;
import io.tlswatch.schemas.testing.QuicPackets;
import io.tlswatch.schemas.testing.SchemaAssertions;
import io.tlswatch.schemas.testing.SharedData;
import io.tlswatch.schemas.testing.UdpCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** QUIC flows in captures: which UDP is followed, what is kept and when it is summarised, and hostile datagrams. */
class QuicFlowsTest {
    private static final String CLIENT = "10.0.0.1";
    private static final String SERVER = "10.0.0.2";
    private static final byte[] ODCID = QuicPackets.hex("0011223344556677");
    private static final byte[] CLIENT_CID = QuicPackets.hex("c1c1c1c1");
    private static final byte[] SERVER_CID = QuicPackets.hex("5e5e5e5e");
    private static final long T0 = 1_700_000_000_000_000L;

    record Read(CaptureStats stats, List<CapturedConnection> connections, List<FlightSummary> flights) {}

    private static Read read(byte[] capture, CaptureSettings settings) throws IOException {
        List<CapturedConnection> connections = new ArrayList<>();
        CaptureStats stats = CaptureReader.readConnections(new ByteArrayInputStream(capture), settings,
                connections::add);
        List<FlightSummary> flights = new ArrayList<>();
        CaptureReader.readFlights(new ByteArrayInputStream(capture), settings, flights::add);
        return new Read(stats, connections, flights);
    }

    private static Read read(UdpCapture capture) throws IOException {
        return read(capture.pcap(), CaptureSettings.defaults("tap"));
    }

    private static byte[] clientInitial(int version, long pn, byte[] frames) {
        return QuicPackets.initial(version, true, ODCID, ODCID, CLIENT_CID, pn, frames, 1200);
    }

    private static byte[] clientHelloInitial(int version) {
        return clientInitial(version, 0, QuicPackets.crypto(0, QuicPackets.clientHello("h3.example",
                List.of("h3"), 32)));
    }

    private static byte[] serverInitial(int version, byte[] frames) {
        return QuicPackets.initial(version, false, ODCID, CLIENT_CID, SERVER_CID, 0, frames, 0);
    }

    @Test
    void theRealQuicCaptureIsOneFlowWithTheClientsInitialKept() throws IOException {
        byte[] file = Files.readAllBytes(SharedData.root().resolve("tls/pcap/quic-tls-handshake.pcapng"));
        Read r = read(file, CaptureSettings.defaults("tap"));

        assertThat(r.connections()).hasSize(1);
        FlightSummary f = r.connections().get(0).flights().get(0);
        assertThat(f.transport()).isEqualTo("udp");
        assertThat(f.connectionId()).isEqualTo("tap/192.168.1.168:59102->142.251.163.147:443");
        assertThat(f.direction()).isEqualTo(Direction.CLIENT_TO_SERVER);
        assertThat(f.reason()).isEqualTo(EmitReason.END_OF_CAPTURE); // one packet: no silence shown
        List<byte[]> datagrams = DatagramHead.split(f.head());
        assertThat(datagrams).hasSize(1);
        // tshark: frame 1 is 1292 bytes, 42 of Ethernet, IPv4 and UDP headers
        assertThat(datagrams.get(0)).hasSize(1250);
        assertThat(datagrams.get(0)[0] & 0xf0).isEqualTo(0xc0);
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS)).isEqualTo(1);
        assertThat(r.stats().get(Counter.UDP_DATAGRAMS)).isZero();
        SchemaAssertions.assertValidRecord(f.toPacketSummary());
        assertThat(f.toPacketSummary().transport()).isEqualTo("udp");
    }

    @Test
    void aServerInitialEndsTheExchangeAndTheFlowIsForgottenWithoutASecondJudgement() throws IOException {
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, clientHelloInitial(V1))
                .add(T0 + 20_000, SERVER, 443, CLIENT, 50000, concat(serverInitial(V1, concat(QuicPackets.ack(),
                        QuicPackets.crypto(0, QuicPackets.serverHello()))),
                        QuicPackets.handshake(V1, CLIENT_CID, SERVER_CID, 900)))
                .add(T0 + 40_000, CLIENT, 50000, SERVER, 443, QuicPackets.shortHeader(SERVER_CID, 60))
                .add(T0 + 90_000_000, SERVER, 443, CLIENT, 50000, QuicPackets.shortHeader(CLIENT_CID, 60));
        Read r = read(c);

        assertThat(r.connections()).hasSize(1);
        List<FlightSummary> flights = r.connections().get(0).flights();
        assertThat(flights).extracting(FlightSummary::direction)
                .containsExactly(Direction.CLIENT_TO_SERVER, Direction.SERVER_TO_CLIENT);
        assertThat(flights).allMatch(f -> f.reason() == EmitReason.FLIGHT_COMPLETE);
        assertThat(DatagramHead.split(flights.get(1).head())).hasSize(1);
        assertThat(flights.get(1).headOffset()).isZero();
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS_AFTER_CLOSE)).isEqualTo(2);
        assertThat(r.flights()).hasSize(2);
    }

    @Test
    void aServerThatClosesInItsInitialIsSummarisedAsItSpeaks() throws IOException {
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, clientHelloInitial(V2))
                .add(T0 + 20_000, SERVER, 443, CLIENT, 50000, serverInitial(V2, QuicPackets.tlsAlertClose(40)))
                .add(T0 + 30_000_000, "10.9.9.9", 5353, "10.9.9.8", 53, new byte[40]);
        Read r = read(c);

        // both as the server spoke (not at the idle close 30 s later): the pipeline can judge at once
        assertThat(r.flights()).extracting(FlightSummary::direction)
                .containsExactly(Direction.CLIENT_TO_SERVER, Direction.SERVER_TO_CLIENT);
        assertThat(r.flights()).allMatch(f -> f.reason() == EmitReason.FLIGHT_COMPLETE);
        // nothing more at the end: the idle close finds nothing unsaid, so the pipeline judges the flow once
        assertThat(r.connections()).hasSize(1);
        assertThat(r.connections().get(0).flights()).hasSize(2);
        assertThat(r.stats().get(Counter.QUIC_FLOWS_IDLE_CLOSED)).isEqualTo(1);
        assertThat(r.stats().get(Counter.UDP_DATAGRAMS)).isEqualTo(1);
    }

    @Test
    void aClientLeftUnansweredIsSummarisedWhenTheSilenceShows() throws IOException {
        byte[] initial = clientHelloInitial(V1);
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, initial)
                .add(T0 + 1_000_000, CLIENT, 50000, SERVER, 443, initial)
                .add(T0 + 3_000_000, CLIENT, 50000, SERVER, 443, initial)
                .add(T0 + 20_000_000, "10.9.9.9", 5353, "10.9.9.8", 53, new byte[40]);
        Read r = read(c);

        List<FlightSummary> flights = r.connections().get(0).flights();
        assertThat(flights).hasSize(1);
        assertThat(flights.get(0).reason()).isEqualTo(EmitReason.IDLE_TIMEOUT);
        assertThat(DatagramHead.split(flights.get(0).head())).hasSize(3); // the retransmissions ride along
        assertThat(flights.get(0).lastSeenUs() - flights.get(0).firstSeenUs()).isEqualTo(3_000_000);
    }

    @Test
    void aHelloOverTwoInitialsIsOneClientFlight() throws IOException {
        byte[] hello = QuicPackets.clientHello("pq.example", List.of("h3"), 1216);
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, clientInitial(V1, 0,
                        QuicPackets.crypto(0, Arrays.copyOf(hello, 900))))
                .add(T0 + 100, CLIENT, 50000, SERVER, 443, clientInitial(V1, 1,
                        QuicPackets.crypto(900, Arrays.copyOfRange(hello, 900, hello.length))))
                .add(T0 + 30_000, SERVER, 443, CLIENT, 50000, serverInitial(V1, QuicPackets.ack()));
        Read r = read(c);

        FlightSummary client = r.connections().get(0).flights(Direction.CLIENT_TO_SERVER).get(0);
        assertThat(client.reason()).isEqualTo(EmitReason.FLIGHT_COMPLETE);
        assertThat(DatagramHead.split(client.head())).hasSize(2);
    }

    @Test
    void onlyQuicPortsAndInitialsOpenFlows() throws IOException {
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50001, SERVER, 53, clientHelloInitial(V1)) // an Initial, but not to a QUIC port
                .add(T0 + 1, CLIENT, 50002, SERVER, 443, QuicPackets.shortHeader(SERVER_CID, 100)) // mid-flow
                .add(T0 + 2, CLIENT, 50003, SERVER, 443, QuicPackets.handshake(V1, SERVER_CID, CLIENT_CID, 100))
                .add(T0 + 3, SERVER, 443, CLIENT, 50004, serverInitial(V1, QuicPackets.ack())); // server first
        Read r = read(c);

        assertThat(r.connections()).isEmpty();
        assertThat(r.stats().get(Counter.UDP_DATAGRAMS)).isEqualTo(1);
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS_WITHOUT_FLOW)).isEqualTo(3);

        UdpCapture other = new UdpCapture().add(T0, CLIENT, 50000, SERVER, 8443, clientHelloInitial(V1));
        assertThat(read(other.pcap(), CaptureSettings.defaults("tap")).connections()).isEmpty();
        assertThat(read(other.pcap(), CaptureSettings.defaults("tap").withQuicPorts(Set.of(443, 8443)))
                .connections()).hasSize(1);
        Read off = read(new UdpCapture().add(T0, CLIENT, 50000, SERVER, 443, clientHelloInitial(V1)).pcap(),
                CaptureSettings.defaults("tap").withQuicPorts(Set.of()));
        assertThat(off.connections()).isEmpty();
        assertThat(off.stats().get(Counter.UDP_DATAGRAMS)).isEqualTo(1);
    }

    @Test
    void lyingLengthsAndTruncatedInitialsOpenNoFlow() throws IOException {
        byte[] good = clientHelloInitial(V1);
        byte[] longCid = good.clone();
        longCid[5] = 21; // RFC 9000 §17.2: at most 20
        byte[] lyingLength = good.clone();
        int lengthAt = 6 + 8 + 1 + 4 + 1; // after DCID, SCID and the empty token
        lyingLength[lengthAt] = (byte) 0x7f; // a 2-byte Length of 16383: past the datagram
        byte[] cut = Arrays.copyOf(good, 30); // an Initial whose Length runs past its (short) datagram
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50001, SERVER, 443, longCid)
                .add(T0 + 1, CLIENT, 50002, SERVER, 443, lyingLength)
                .add(T0 + 2, CLIENT, 50003, SERVER, 443, cut);
        Read r = read(c);

        assertThat(r.connections()).isEmpty();
        assertThat(r.stats().get(Counter.QUIC_MALFORMED_HEADERS)).isEqualTo(3);

        // a datagram the snapshot length cut: counted, never kept (its protection cannot be checked)
        byte[] snapped = new UdpCapture().add(T0, CLIENT, 50000, SERVER, 443, good).pcap();
        int caplenAt = 24 + 8;
        int caplen = 200;
        snapped[caplenAt] = (byte) caplen;
        snapped[caplenAt + 1] = 0;
        snapped = Arrays.copyOf(snapped, 24 + 16 + caplen);
        Read t = read(snapped, CaptureSettings.defaults("tap"));
        assertThat(t.connections()).isEmpty();
        assertThat(t.stats().get(Counter.TRUNCATED_PACKETS)).isEqualTo(1);
    }

    @Test
    void garbageAfterAValidPacketIsCutOffAndCoalescedPacketsKept() throws IOException {
        byte[] initial = QuicPackets.initial(V1, true, ODCID, ODCID, CLIENT_CID, 0, QuicPackets.crypto(0,
                QuicPackets.clientHello("h3.example", List.of("h3"), 32)), 0);
        byte[] zeroRtt = QuicPackets.handshake(V1, ODCID, CLIENT_CID, 100);
        zeroRtt[0] = (byte) 0xd3; // type 0b01: 0-RTT
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0xc0); // a long header of an unknown version
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, concat(initial, zeroRtt, garbage))
                .add(T0 + 10_000, SERVER, 443, CLIENT, 50000, serverInitial(V1, QuicPackets.ack()));
        Read r = read(c);

        FlightSummary client = r.connections().get(0).flights(Direction.CLIENT_TO_SERVER).get(0);
        List<byte[]> kept = DatagramHead.split(client.head());
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0)).isEqualTo(concat(initial, zeroRtt));
        assertThat(r.stats().get(Counter.QUIC_MALFORMED_HEADERS)).isEqualTo(1);
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS)).isEqualTo(2);
    }

    @Test
    void aFloodOfConnectionIdsFromOneFourTupleFillsOneHead() throws IOException {
        UdpCapture c = new UdpCapture();
        for (int i = 0; i < 200; i++) {
            byte[] dcid = QuicPackets.hex(String.format("%016x", 0x1000L + i));
            c.add(T0 + i, CLIENT, 50000, SERVER, 443, QuicPackets.initial(V1, true, dcid, dcid, CLIENT_CID, 0,
                    QuicPackets.crypto(0, QuicPackets.clientHello("flood.example", List.of("h3"), 32)), 1200));
        }
        Read r = read(c.pcap(), CaptureSettings.defaults("tap").withHeadBytes(8 * 1024));

        assertThat(r.connections()).hasSize(1);
        FlightSummary f = r.connections().get(0).flights().get(0);
        assertThat(f.head().length).isLessThanOrEqualTo(8 * 1024);
        assertThat(DatagramHead.split(f.head())).hasSize(6); // 1202 bytes framed each
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS_NOT_KEPT)).isEqualTo(194);
        assertThat(f.bytes()).isEqualTo(200L * 1200);
    }

    @Test
    void aFloodOfFlowsIsBoundedByTheTableAndTheByteBudget() throws IOException {
        UdpCapture c = new UdpCapture();
        for (int i = 0; i < 500; i++) {
            byte[] dcid = QuicPackets.hex(String.format("%016x", 0x2000L + i));
            c.add(T0 + i, "10.1." + (i / 250) + "." + (i % 250), 40000 + i, SERVER, 443, QuicPackets.initial(V1,
                    true, dcid, dcid, CLIENT_CID, 0, QuicPackets.crypto(0, QuicPackets.clientHello("f.example",
                            List.of("h3"), 32)), 1200));
        }
        CaptureSettings few = CaptureSettings.defaults("tap").withMaxOpenConnections(50);
        Read r = read(c.pcap(), few);
        assertThat(r.stats().get(Counter.QUIC_FLOWS_OPENED)).isEqualTo(500);
        assertThat(r.stats().get(Counter.QUIC_FLOWS_EVICTED)).isEqualTo(450);
        assertThat(r.connections()).hasSize(500);
        assertThat(r.connections().subList(0, 450)).allMatch(x -> x.flights().get(0).reason() == EmitReason.EVICTED);

        CaptureSettings small = CaptureSettings.defaults("tap").withMaxBufferedBytes(20 * 1024);
        Read b = read(c.pcap(), small);
        // each flow holds one 1202-byte datagram (and its retained flight): about 8 fit in 20 KiB
        assertThat(b.stats().get(Counter.QUIC_FLOWS_EVICTED)).isGreaterThanOrEqualTo(480);
    }

    @Test
    void retryAndVersionNegotiationEndTheExchange() throws IOException {
        UdpCapture c = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, clientHelloInitial(V1))
                .add(T0 + 1000, SERVER, 443, CLIENT, 50000, QuicPackets.retry(V1, CLIENT_CID, SERVER_CID,
                        new byte[32]))
                .add(T0 + 2000, CLIENT, 50000, SERVER, 443, clientHelloInitial(V1))
                .add(T0 + 3000, CLIENT, 50001, SERVER, 443, clientHelloInitial(V2))
                .add(T0 + 4000, SERVER, 443, CLIENT, 50001, QuicPackets.versionNegotiation(CLIENT_CID, ODCID, V1));
        Read r = read(c);

        assertThat(r.connections()).hasSize(2);
        assertThat(r.connections()).allMatch(x -> x.flights().size() == 2);
        assertThat(r.stats().get(Counter.QUIC_DATAGRAMS_AFTER_CLOSE)).isEqualTo(1);
    }

    @Test
    void everyPrefixOfACaptureIsReadWithoutAnException() throws IOException {
        byte[] file = new UdpCapture()
                .add(T0, CLIENT, 50000, SERVER, 443, clientHelloInitial(V1))
                .add(T0 + 20_000, SERVER, 443, CLIENT, 50000, serverInitial(V1, QuicPackets.tlsAlertClose(70)))
                .pcap();
        for (int n = 0; n <= file.length; n += 13) {
            try (InputStream in = new ByteArrayInputStream(Arrays.copyOf(file, n))) {
                CaptureReader.readConnections(in, CaptureSettings.defaults("tap"), x -> { });
            }
        }
    }
}
