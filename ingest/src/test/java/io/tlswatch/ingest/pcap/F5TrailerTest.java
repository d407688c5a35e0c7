package io.tlswatch.ingest.pcap;

import static io.tlswatch.ingest.pcap.PcapWriter.ethernet;
import static io.tlswatch.ingest.pcap.PcapWriter.ipv4Tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BIG-IP Ethernet trailer, on frames built by hand after the layout documented by Wireshark's
 * {@code f5ethtrailer} dissector (no public capture with a VIP name was available), plus the one public DPT
 * sample found (Wireshark issue 17171: an FCS then a DPT block of provider 5).
 */
class F5TrailerTest {
    static final String VIP = "/Common/vs_https";

    /** DPT: magic, length, version 1; noise low v2 (VIP name) and medium v4 (flow ids). */
    static byte[] dpt(String vip, long flow, long peer) {
        byte[] name = vip.getBytes(StandardCharsets.US_ASCII);
        int low = 8 + 4 + name.length;
        int medium = 8 + 32;
        ByteBuffer b = ByteBuffer.allocate(8 + low + medium);
        b.putInt(0xf5deb0f5).putShort((short) (8 + low + medium)).putShort((short) 1);
        b.putShort((short) 1).putShort((short) 1).putShort((short) low).putShort((short) 2);
        b.put((byte) 1).put((byte) 0).put((byte) 3).put((byte) name.length).put(name);
        b.putShort((short) 1).putShort((short) 2).putShort((short) medium).putShort((short) 4);
        b.putLong(flow).putLong(peer).put(new byte[16]);
        return b.array();
    }

    /** Legacy (TMOS 11-13): low v1 (length-prefixed VIP name) and medium v0 of size 29 (64-bit flow ids). */
    static byte[] legacy(String vip, long flow, long peer) {
        byte[] name = vip.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(7 + name.length + 29);
        b.put((byte) 1).put((byte) (7 + name.length - 2)).put((byte) 1);
        b.put((byte) 0).put((byte) 0).put((byte) 1).put((byte) name.length).put(name);
        b.put((byte) 2).put((byte) (29 - 2)).put((byte) 0).putLong(flow).putLong(peer).put(new byte[10]);
        return b.array();
    }

    @Test
    void dptTrailerAfterAnFcs() {
        byte[] fcs = {0x00, (byte) 0xd4, 0x3e, 0x2f};
        byte[] t = PcapWriter.concat(fcs, dpt(VIP, 0x1122334455667788L, 0x0102030405060708L));
        F5Trailer trailer = F5Trailer.parse(t, 0, t.length);
        assertThat(trailer).isEqualTo(new F5Trailer(VIP, 0x1122334455667788L, 0x0102030405060708L, true));
        assertThat(F5Trailer.hex(trailer.flowId())).isEqualTo("1122334455667788");
    }

    @Test
    void legacyTrailer() {
        byte[] t = legacy(VIP, 42L, 0L);
        assertThat(F5Trailer.parse(t, 0, t.length)).isEqualTo(new F5Trailer(VIP, 42L, null, false));
    }

    @Test
    void legacyTmos10LowNoiseWithFixedName() {
        ByteBuffer b = ByteBuffer.allocate(22);
        b.put((byte) 1).put((byte) 20).put((byte) 0).put((byte) 1).put((byte) 0).put((byte) 0)
                .put("/Common/vs_a".getBytes(StandardCharsets.US_ASCII));
        byte[] t = b.array();
        assertThat(F5Trailer.parse(t, 0, t.length).vipName()).isEqualTo("/Common/vs_a");
    }

    @Test
    void publicDptSampleOfAnUnknownProviderIsRecognisedWithoutFields() {
        // Wireshark issue 17171, frame 2 bytes after the TCP header: FCS 00d43e2f, then the DPT block
        byte[] t = HexFormat.of().parseHex("00d43e2ff5deb0f5001c000100050001001400010488 0f78ff1fff3fc9382f00"
                .replace(" ", ""));
        assertThat(F5Trailer.parse(t, 0, t.length)).isEqualTo(new F5Trailer(null, null, null, null));
    }

    @Test
    void paddingAndGarbageAreNotTrailers() {
        assertThat(F5Trailer.parse(new byte[18], 0, 18)).isNull();
        byte[] lying = dpt(VIP, 1, 2);
        lying[5] = (byte) 200; // DPT length past the frame
        assertThat(F5Trailer.parse(lying, 0, lying.length)).isNull();
        byte[] nameTooLong = dpt(VIP, 1, 2);
        nameTooLong[8 + 8 + 3] = (byte) 250; // VIP name length past its TLV
        F5Trailer t = F5Trailer.parse(nameTooLong, 0, nameTooLong.length);
        assertThat(t).isNotNull();
        assertThat(t.vipName()).isNull();
        assertThat(t.flowId()).isEqualTo(1L);
    }

    @Test
    void everyPrefixOfATrailerIsSafe() {
        byte[] t = PcapWriter.concat(dpt(VIP, 1, 2), legacy(VIP, 3, 4));
        for (int n = 0; n <= t.length; n++) {
            F5Trailer.parse(t, 0, n);
        }
    }

    @Test
    void summariesCarryVipNameAndFlowIds() throws IOException {
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        byte[] syn = ethernet(ipv4Tcp("10.1.1.10", 40000, "10.10.1.10", 443, 1, TcpSegment.SYN, new byte[0]));
        byte[] hello = ethernet(ipv4Tcp("10.1.1.10", 40000, "10.10.1.10", 443, 2, 0x18, PcapWriter.clientHello(80)));
        w.add(1_000_000, PcapWriter.concat(syn, dpt(VIP, 0xabcdefL, 0x123456L)));
        w.add(1_000_001, PcapWriter.concat(hello, dpt(VIP, 0xabcdefL, 0x123456L)));
        List<FlightSummary> out = new ArrayList<>();
        CaptureStats stats = CaptureReader.readFlights(new ByteArrayInputStream(w.pcap()),
                CaptureSettings.defaults("bigip-01"), out::add);
        assertThat(stats.get(CaptureStats.Counter.F5_TRAILERS)).isEqualTo(2);
        FlightSummary f = out.get(0);
        assertThat(f.vipName()).isEqualTo(VIP);
        assertThat(f.head()).isEqualTo(PcapWriter.clientHello(80)); // the trailer is not payload
        assertThat(f.toPacketSummary().f5FlowId()).isEqualTo("0000000000abcdef");
        assertThat(f.toPacketSummary().f5PeerFlowId()).isEqualTo("0000000000123456");
    }
}
