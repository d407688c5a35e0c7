package io.tlswatch.ingest.pcap;

import static io.tlswatch.ingest.pcap.CaptureReaderTest.ACK;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.CLIENT;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.FIN_ACK;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.PSH_ACK;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.RST;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.SYN;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.T0;
import static io.tlswatch.ingest.pcap.CaptureReaderTest.VIP;
import static io.tlswatch.ingest.pcap.PcapWriter.clientHello;
import static io.tlswatch.ingest.pcap.PcapWriter.ethernet;
import static io.tlswatch.ingest.pcap.PcapWriter.ipv4Tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of a capture (issue 11): how a connection open at the end is closed (silent long enough while the
 * capture went on, or not), and one connection, one id — a four-tuple reused after a close is a new connection,
 * the late tail of a closed one is no connection at all.
 */
class CaptureEdgesTest {
    private static final long SECOND = 1_000_000L;

    static List<CapturedConnection> connections(PcapWriter w, CaptureStats[] stats) throws IOException {
        List<CapturedConnection> out = new ArrayList<>();
        stats[0] = CaptureReader.readConnections(new ByteArrayInputStream(w.pcap()),
                CaptureSettings.defaults("tap"), out::add);
        return out;
    }

    private static EmitReason closing(CapturedConnection c) {
        return c.flights().get(c.flights().size() - 1).reason();
    }

    @Test
    void aHandshakeLeftSilentWhileTrafficFlowedIsIdleButOneCutByTheEndIsNot()
            throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        // port 30000: a ClientHello, then 20 s of other traffic; port 30001: a ClientHello 1 s before the end
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 30000, VIP, 443, 1, SYN, new byte[0])));
        w.add(T0 + 1, ethernet(ipv4Tcp(CLIENT, 30000, VIP, 443, 2, PSH_ACK, clientHello(200))));
        for (int s = 1; s <= 20; s++) {
            w.add(T0 + s * SECOND, ethernet(ipv4Tcp("10.9.9.9", 5000, VIP, 22, 1000 + s, PSH_ACK, new byte[] {1})));
        }
        w.add(T0 + 19 * SECOND, ethernet(ipv4Tcp(CLIENT, 30001, VIP, 443, 1, SYN, new byte[0])));
        w.add(T0 + 19 * SECOND + 1, ethernet(ipv4Tcp(CLIENT, 30001, VIP, 443, 2, PSH_ACK, clientHello(200))));
        CaptureStats[] stats = new CaptureStats[1];

        List<CapturedConnection> all = connections(w, stats);

        CapturedConnection stalled = all.stream().filter(c -> c.flights().get(0).clientPort() == 30000).findFirst()
                .orElseThrow();
        CapturedConnection cut = all.stream().filter(c -> c.flights().get(0).clientPort() == 30001).findFirst()
                .orElseThrow();
        assertThat(closing(stalled)).isEqualTo(EmitReason.IDLE_TIMEOUT);
        // nothing new to say at the end: no closing summary, and above all no claim of silence
        assertThat(cut.flights()).extracting(FlightSummary::reason).doesNotContain(EmitReason.IDLE_TIMEOUT);
    }

    @Test
    void aFourTupleReusedAfterItsCloseIsASecondConnectionWithItsOwnId() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        long t = T0;
        for (int round = 0; round < 2; round++) {
            long c = 1000 + round * 100_000L;
            long s = 9000 + round * 100_000L;
            w.add(t++, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, c, SYN, new byte[0])));
            w.add(t++, ethernet(ipv4Tcp(VIP, 443, CLIENT, 40000, s, SYN | ACK, new byte[0])));
            w.add(t++, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, c + 1, PSH_ACK, clientHello(100))));
            w.add(t++, ethernet(ipv4Tcp(VIP, 443, CLIENT, 40000, s + 1, FIN_ACK, new byte[0])));
            w.add(t++, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, c + 105, FIN_ACK, new byte[0])));
        }
        CaptureStats[] stats = new CaptureStats[1];

        List<CapturedConnection> all = connections(w, stats);

        assertThat(all).hasSize(2);
        assertThat(all.get(0).connectionId()).isEqualTo("tap/10.1.1.10:40000->192.168.20.230:443");
        assertThat(all.get(1).connectionId()).isEqualTo("tap/10.1.1.10:40000->192.168.20.230:443#2");
        assertThat(all.get(1).flights(Direction.CLIENT_TO_SERVER).get(0).head()).isEqualTo(clientHello(100));
        assertThat(stats[0].get(Counter.CONNECTIONS_REUSED)).isEqualTo(1);
    }

    @Test
    void aNewSynOnAConnectionStillOpenEndsItAndStartsTheNext() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1000, SYN, new byte[0])));
        w.add(T0 + 1, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1001, PSH_ACK, clientHello(100))));
        w.add(T0 + 2, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1000, SYN, new byte[0]))); // a retransmission
        w.add(T0 + 3, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 777_000, SYN, new byte[0]))); // a new connection
        w.add(T0 + 4, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 777_001, PSH_ACK, clientHello(120))));
        CaptureStats[] stats = new CaptureStats[1];

        List<CapturedConnection> all = connections(w, stats);

        assertThat(all).hasSize(2);
        assertThat(all.get(0).flights(Direction.CLIENT_TO_SERVER).get(0).head()).isEqualTo(clientHello(100));
        assertThat(all.get(1).connectionId()).endsWith("#2");
        assertThat(all.get(1).flights(Direction.CLIENT_TO_SERVER).get(0).head()).isEqualTo(clientHello(120));
    }

    @Test
    void lateDataAfterAResetIsCountedNotASecondConnection() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(T0, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1000, SYN, new byte[0])));
        w.add(T0 + 1, ethernet(ipv4Tcp(VIP, 443, CLIENT, 40000, 9000, SYN | ACK, new byte[0])));
        w.add(T0 + 2, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1001, PSH_ACK, clientHello(100))));
        w.add(T0 + 3, ethernet(ipv4Tcp(CLIENT, 40000, VIP, 443, 1105, RST, new byte[0])));
        // the server's answer was already on its way: it must not become a connection where the server spoke first
        w.add(T0 + 4, ethernet(ipv4Tcp(VIP, 443, CLIENT, 40000, 9001, PSH_ACK, new byte[] {22, 3, 3, 0, 1, 2})));
        CaptureStats[] stats = new CaptureStats[1];

        List<CapturedConnection> all = connections(w, stats);

        assertThat(all).hasSize(1);
        assertThat(stats[0].get(Counter.SEGMENTS_AFTER_CLOSE)).isEqualTo(1);
    }
}
