package io.tlswatch.ingest.pcap;

import static io.tlswatch.ingest.pcap.PcapWriter.clientHello;
import static io.tlswatch.ingest.pcap.PcapWriter.ethernet;
import static io.tlswatch.ingest.pcap.PcapWriter.ipv4Tcp;
import static io.tlswatch.ingest.pcap.PcapWriter.ipv6Tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.testing.SchemaAssertions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-built captures: formats, link layers, reassembly, flights, bounds. */
class CaptureReaderTest {
    static final String CLIENT = "10.1.1.10";
    static final String VIP = "192.168.20.230";
    static final long T0 = 1_769_933_534_000_000L;
    static final int SYN = TcpSegment.SYN;
    static final int ACK = TcpSegment.ACK;
    static final int PSH_ACK = 0x18;
    static final int FIN_ACK = 0x11;
    static final int RST = TcpSegment.RST;

    record Result(CaptureStats stats, List<FlightSummary> flights) {
        List<FlightSummary> direction(Direction d) {
            return flights.stream().filter(f -> f.direction() == d).toList();
        }
    }

    static Result read(byte[] capture) throws IOException {
        return read(capture, CaptureSettings.defaults("bigip-01"));
    }

    static Result read(byte[] capture, CaptureSettings settings) throws IOException {
        List<FlightSummary> out = new ArrayList<>();
        CaptureStats stats = CaptureReader.readFlights(new ByteArrayInputStream(capture), settings, out::add);
        return new Result(stats, out);
    }

    /** A handshake: SYN, SYN-ACK, ClientHello of {@code hello} split at {@code cuts}, server alert, FINs. */
    static PcapWriter handshake(Function<byte[], byte[]> frame, byte[] hello, int... cuts) {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        long cseq = 1000;
        long sseq = 9000;
        long t = T0;
        w.add(t++, frame.apply(ipv4Tcp(CLIENT, 40000, VIP, 443, cseq, SYN, new byte[0])));
        w.add(t++, frame.apply(ipv4Tcp(VIP, 443, CLIENT, 40000, sseq, SYN | ACK, new byte[0])));
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = hello.length;
        for (int end : ends) {
            w.add(t++, frame.apply(ipv4Tcp(CLIENT, 40000, VIP, 443, cseq + 1 + from, PSH_ACK,
                    Arrays.copyOfRange(hello, from, end))));
            from = end;
        }
        byte[] alert = PcapWriter.record(21, new byte[] {2, 40});
        w.add(t++, frame.apply(ipv4Tcp(VIP, 443, CLIENT, 40000, sseq + 1, PSH_ACK, alert)));
        w.add(t++, frame.apply(ipv4Tcp(VIP, 443, CLIENT, 40000, sseq + 1 + alert.length, FIN_ACK, new byte[0])));
        w.add(t, frame.apply(ipv4Tcp(CLIENT, 40000, VIP, 443, cseq + 1 + hello.length, FIN_ACK, new byte[0])));
        return w;
    }

    static void assertHandshake(Result r, byte[] hello) {
        assertThat(r.stats().ending()).isEqualTo(CaptureStats.Ending.COMPLETE);
        FlightSummary client = r.direction(Direction.CLIENT_TO_SERVER).get(0);
        assertThat(client.head()).isEqualTo(hello);
        assertThat(client.reason()).isEqualTo(EmitReason.FLIGHT_COMPLETE);
        assertThat(client.clientIp()).isEqualTo(CLIENT);
        assertThat(client.serverPort()).isEqualTo(443);
        assertThat(client.connectionId()).isEqualTo("bigip-01/10.1.1.10:40000->192.168.20.230:443");
        FlightSummary server = r.direction(Direction.SERVER_TO_CLIENT).get(0);
        assertThat(server.head()).containsExactly(21, 3, 3, 0, 2, 2, 40);
        assertThat(r.flights()).allSatisfy(f -> SchemaAssertions.assertValidRecord(f.toPacketSummary()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"le-micro", "be-micro", "le-nano", "be-nano"})
    void pcapInBothByteOrdersAndResolutions(String variant) throws IOException {
        byte[] hello = clientHello(300);
        ByteOrder order = variant.startsWith("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        boolean nanos = variant.endsWith("nano");
        Result r = read(handshake(f -> ethernet(f), hello).pcap(order, nanos));
        assertHandshake(r, hello);
        assertThat(r.stats().format()).isEqualTo(nanos ? "pcap-nsec" : "pcap");
        assertThat(r.flights().get(0).firstSeenUs()).isEqualTo(T0); // the SYN
        assertThat(r.flights().get(0).lastSeenUs()).isEqualTo(T0 + 2);
        assertThat(r.flights().get(0).toPacketSummary().firstSeenMs()).isEqualTo(T0 / 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"le-6", "be-6", "le-9", "be-9"})
    void pcapngInBothByteOrdersWithTimestampResolution(String variant) throws IOException {
        byte[] hello = clientHello(200);
        ByteOrder order = variant.startsWith("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int resolution = Integer.parseInt(variant.substring(3));
        Result r = read(handshake(f -> ethernet(f), hello).pcapng(order, resolution));
        assertHandshake(r, hello);
        assertThat(r.stats().format()).isEqualTo("pcapng");
        assertThat(r.stats().get(Counter.SKIPPED_BLOCKS)).isEqualTo(1);
        assertThat(r.flights().get(0).lastSeenUs()).isEqualTo(T0 + 2);
    }

    /** Simple packet blocks carry neither timestamp nor interface: the same bytes, read from interface 0. */
    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void pcapngWithSimplePacketBlocks(String byteOrder) throws IOException {
        byte[] hello = clientHello(300);
        ByteOrder order = byteOrder.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        PcapWriter capture = handshake(f -> ethernet(f), hello);
        Result simple = read(capture.pcapng(order, 6, true));
        assertHandshake(simple, hello);
        Result enhanced = read(capture.pcapng(order, 6, false));
        assertThat(simple.stats().get(Counter.PACKETS)).isPositive().isEqualTo(enhanced.stats().get(Counter.PACKETS));
        assertThat(simple.stats().get(Counter.CAPTURED_BYTES)).isEqualTo(enhanced.stats().get(Counter.CAPTURED_BYTES));
    }

    @Test
    void pcapngWithTwoSectionsInDifferentByteOrders() throws IOException {
        byte[] hello = clientHello(100);
        byte[] first = handshake(f -> ethernet(f), hello).pcapng(ByteOrder.LITTLE_ENDIAN, 6);
        byte[] second = handshake(f -> ethernet(f), hello).pcapng(ByteOrder.BIG_ENDIAN, 6);
        Result r = read(PcapWriter.concat(first, second));
        assertThat(r.stats().get(Counter.SECTIONS)).isEqualTo(2);
        assertThat(r.stats().ending()).isEqualTo(CaptureStats.Ending.COMPLETE);
        assertThat(r.direction(Direction.CLIENT_TO_SERVER)).filteredOn(f -> f.flight() == 0).hasSize(2);
    }

    @Test
    void linkLayers() throws IOException {
        byte[] hello = clientHello(150);
        assertHandshake(read(handshake(f -> ethernet(f, 100), hello).pcap()), hello); // 802.1Q
        assertHandshake(read(handshake(f -> ethernet(f, 100, 200), hello).pcap()), hello); // QinQ
        assertHandshake(read(retype(handshake(PcapWriter::sll, hello), PcapWriter.SLL).pcap()), hello);
        assertHandshake(read(retype(handshake(PcapWriter::sll2, hello), PcapWriter.SLL2).pcap()), hello);
        assertHandshake(read(retype(handshake(f -> f, hello), PcapWriter.RAW).pcap()), hello);
    }

    private static PcapWriter retype(PcapWriter w, int linkType) {
        PcapWriter copy = new PcapWriter(linkType);
        w.packets().forEach(p -> copy.add(p.timestampUs(), p.frame()));
        return copy;
    }

    @Test
    void ipv6WithAnExtensionHeader() throws IOException {
        byte[] hello = clientHello(120);
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv6Tcp("2001:db8::10", 50000, "2001:db8::1", 443, 5, SYN, new byte[0])));
        w.add(T0 + 1, ethernet(ipv6Tcp("2001:db8::10", 50000, "2001:db8::1", 443, 6, PSH_ACK, hello)));
        Result r = read(w.pcap());
        FlightSummary client = r.flights().get(0);
        assertThat(client.head()).isEqualTo(hello);
        assertThat(client.connectionId()).isEqualTo("bigip-01/[2001:db8::10]:50000->[2001:db8::1]:443");
        SchemaAssertions.assertValidRecord(client.toPacketSummary());
    }

    @Test
    void splitHelloIsOneFlightEmittedWhenWhole() throws IOException {
        byte[] hello = clientHello(1400);
        Result r = read(handshake(f -> ethernet(f), hello, 3, 100, 700).pcap());
        assertHandshake(r, hello);
        assertThat(r.direction(Direction.CLIENT_TO_SERVER).get(0).lastSeenUs()).isEqualTo(T0 + 5);
    }

    @Test
    void outOfOrderAndRetransmittedSegmentsReassemble() throws IOException {
        byte[] hello = clientHello(1000);
        PcapWriter ordered = handshake(f -> ethernet(f), hello, 300, 600);
        List<PcapWriter.Packet> p = new ArrayList<>(ordered.packets());
        // packets: 0 SYN, 1 SYN-ACK, 2 [0,300), 3 [300,600), 4 [600,end), 5 alert, 6 FIN, 7 FIN
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        long t = T0;
        for (int i : new int[] {0, 1, 4, 2, 2, 3, 3, 5, 6, 7}) {
            w.add(t++, p.get(i).frame());
        }
        Result r = read(w.pcap());
        assertHandshake(r, hello);
        FlightSummary client = r.direction(Direction.CLIENT_TO_SERVER).get(0);
        assertThat(client.retransmissions()).isEqualTo(1); // the second copy of [300,600) came after it was whole
        assertThat(client.bytes()).isEqualTo(hello.length);
        assertThat(r.stats().get(Counter.OUT_OF_ORDER_SEGMENTS)).isEqualTo(1);
        assertThat(r.stats().get(Counter.RETRANSMISSIONS)).isEqualTo(2);
    }

    @Test
    void retransmissionKeepsTheFirstCopy() throws IOException {
        byte[] hello = clientHello(100);
        byte[] other = hello.clone();
        other[50] ^= 0x55;
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1, SYN, new byte[0])));
        w.add(T0 + 1, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 2 + 60, PSH_ACK,
                Arrays.copyOfRange(hello, 60, hello.length))));
        w.add(T0 + 2, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 2 + 40, PSH_ACK, Arrays.copyOfRange(other, 40, 70))));
        w.add(T0 + 3, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 2, PSH_ACK, Arrays.copyOfRange(hello, 0, 50))));
        Result r = read(w.pcap());
        byte[] expected = hello.clone();
        System.arraycopy(other, 50, expected, 50, 10); // [50,60) only ever came from the altered copy
        assertThat(r.flights().get(0).head()).isEqualTo(expected);
    }

    @Test
    void withoutSynTheHigherPortIsTheClient() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        byte[] response = "HTTP/1.1 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        w.add(T0, ethernet(ipv4Tcp(VIP, 80, CLIENT, 51000, 77, PSH_ACK, response)));
        Result r = read(w.pcap());
        FlightSummary only = r.flights().get(0);
        assertThat(only.direction()).isEqualTo(Direction.SERVER_TO_CLIENT);
        assertThat(only.clientPort()).isEqualTo(51000);
        assertThat(only.reason()).isEqualTo(EmitReason.END_OF_CAPTURE);
        assertThat(only.synSeen()).isFalse();
    }

    @Test
    void withoutSynAClientHelloNamesTheClientEvenFromTheLowerPort() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 1000, VIP, 8443, 77, PSH_ACK, clientHello(64))));
        FlightSummary only = read(w.pcap()).flights().get(0);
        assertThat(only.direction()).isEqualTo(Direction.CLIENT_TO_SERVER);
        assertThat(only.clientPort()).isEqualTo(1000);
    }

    @Test
    void headIsBoundedAndReportsHeadFull() throws IOException {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'x');
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1, SYN, new byte[0])));
        for (int i = 0; i < 4; i++) {
            w.add(T0 + 1 + i, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 2 + i * 1250L, PSH_ACK,
                    Arrays.copyOfRange(big, i * 1250, (i + 1) * 1250))));
        }
        w.add(T0 + 9, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 5002, RST, new byte[0])));
        Result r = read(w.pcap(), CaptureSettings.defaults("tap").withHeadBytes(2048));
        List<FlightSummary> client = r.direction(Direction.CLIENT_TO_SERVER);
        assertThat(client.get(0).reason()).isEqualTo(EmitReason.HEAD_FULL);
        assertThat(client.get(0).head()).hasSize(2048);
        assertThat(client.get(1).reason()).isEqualTo(EmitReason.RST);
        assertThat(client.get(1).head()).isEmpty();
        assertThat(client.get(1).bytes()).isEqualTo(5000);
        assertThat(client.get(1).rstSeen()).isTrue();
    }

    @Test
    void flowTableIsBoundedEvictsTheLeastRecentAndCounts() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        for (int i = 0; i < 50; i++) {
            w.add(T0 + i, ethernet(ipv4Tcp(CLIENT, 30000 + i, VIP, 443, 1, SYN, new byte[0])));
        }
        Result r = read(w.pcap(), CaptureSettings.defaults("tap").withMaxOpenConnections(10));
        assertThat(r.stats().get(Counter.CONNECTIONS_OPENED)).isEqualTo(50);
        assertThat(r.stats().get(Counter.CONNECTIONS_EVICTED)).isEqualTo(40);
        assertThat(r.flights()).hasSize(50);
        assertThat(r.flights().subList(0, 40)).allMatch(f -> f.reason() == EmitReason.EVICTED)
                .extracting(FlightSummary::clientPort).startsWith(30000, 30001);
        assertThat(r.flights().subList(40, 50)).allMatch(f -> f.reason() == EmitReason.END_OF_CAPTURE);
    }

    @Test
    void bufferedBytesAreBoundedAcrossConnections() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        byte[] partial = Arrays.copyOf(clientHello(4000), 3000); // never whole: stays buffered
        for (int i = 0; i < 20; i++) {
            w.add(T0 + i, ethernet(ipv4Tcp(CLIENT, 30000 + i, VIP, 443, 1, PSH_ACK, partial)));
        }
        Result r = read(w.pcap(), CaptureSettings.defaults("tap").withMaxBufferedBytes(20_000));
        assertThat(r.stats().get(Counter.CONNECTIONS_EVICTED)).isBetween(12L, 19L);
        assertThat(r.flights()).hasSize(20).allMatch(f -> f.head().length == 3000);
    }

    @Test
    void idleConnectionsCloseByCaptureTime() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 30000, VIP, 443, 1, SYN, new byte[0])));
        w.add(T0 + 120_000_000L, ethernet(ipv4Tcp(CLIENT, 30001, VIP, 443, 1, SYN, new byte[0])));
        Result r = read(w.pcap(), CaptureSettings.defaults("tap").withIdleTimeout(Duration.ofSeconds(30)));
        assertThat(r.flights()).extracting(FlightSummary::reason)
                .containsExactly(EmitReason.IDLE_TIMEOUT, EmitReason.END_OF_CAPTURE);
        assertThat(r.stats().get(Counter.CONNECTIONS_IDLE_CLOSED)).isEqualTo(1);
    }

    @Test
    void damagedInputsEndCleanlyAndAreCounted() throws IOException {
        byte[] good = handshake(f -> ethernet(f), clientHello(300)).pcap();
        Result cut = read(Arrays.copyOf(good, good.length - 10));
        assertThat(cut.stats().ending()).isEqualTo(CaptureStats.Ending.TRUNCATED);
        assertThat(cut.flights()).isNotEmpty();
        assertThat(read(new byte[0]).stats().ending()).isEqualTo(CaptureStats.Ending.EMPTY);
        assertThat(read("hello world, not a capture".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).stats()
                .ending()).isEqualTo(CaptureStats.Ending.UNKNOWN_FORMAT);
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        byte[] ip = ipv4Tcp(CLIENT, 1, VIP, 2, 1, SYN, new byte[0]);
        ip[0] = 0x41; // IHL 1
        w.add(T0, ethernet(ip));
        byte[] fragment = ipv4Tcp(CLIENT, 1, VIP, 2, 1, SYN, new byte[0]);
        fragment[7] = 10; // fragment offset 80
        w.add(T0, ethernet(fragment));
        w.add(T0, new byte[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 0x08, 0x06, 0, 0}); // ARP
        w.add(T0, Arrays.copyOf(ethernet(ipv4Tcp(CLIENT, 1, VIP, 2, 1, SYN, new byte[0])), 30));
        Result bad = read(w.pcap());
        assertThat(bad.stats().get(Counter.MALFORMED_PACKETS)).isEqualTo(1);
        assertThat(bad.stats().get(Counter.IP_FRAGMENTS)).isEqualTo(1);
        assertThat(bad.stats().get(Counter.NON_IP_FRAMES)).isEqualTo(1);
        assertThat(bad.stats().get(Counter.TRUNCATED_PACKETS)).isEqualTo(1);
    }

    @Test
    void packetSummariesCarryTheFlightInBase64() throws IOException {
        byte[] hello = clientHello(100);
        List<PacketSummary> out = new ArrayList<>();
        CaptureReader.read(new ByteArrayInputStream(handshake(f -> ethernet(f), hello).pcap()),
                CaptureSettings.defaults("bigip-01"), out::add);
        PacketSummary first = out.get(0);
        assertThat(java.util.Base64.getDecoder().decode(first.payloadHeadBase64())).isEqualTo(hello);
        assertThat(first.direction()).isEqualTo("client_to_server");
        assertThat(first.emitReason()).isEqualTo("flight_complete");
        assertThat(first.flight()).isZero();
        out.forEach(SchemaAssertions::assertValidRecord);
    }
}
