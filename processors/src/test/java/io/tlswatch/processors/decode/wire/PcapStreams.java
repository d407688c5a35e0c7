package io.tlswatch.processors.decode.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <b>Test fixture only</b>, and independent of the real reader ({@code io.tlswatch.ingest.pcap}) on purpose:
 * the expected tables name streams by tshark's {@code tcp.stream}, the order of first appearance in the file,
 * which a streaming reader that hands out connections as they close does not keep; and a second reader is a
 * cross-check on the first (the packet verdict tests use the real one). Reads classic pcap and minimal pcapng
 * (SHB, IDB, EPB, SPB), Ethernet / 802.1Q / BSD loopback / raw IP / Linux SLL and SLL2, IPv4 / IPv6, TCP and
 * UDP; and returns the UDP datagrams of each flow, and each TCP stream's two payload directions, placed by
 * sequence number (so retransmissions and reordering are harmless), up to {@link #MAX_BYTES} each. Streams
 * are numbered in order of their first packet, as tshark's {@code tcp.stream}. No IP fragments, no sequence
 * wrap handling beyond 32-bit arithmetic, no connection reuse.
 */
final class PcapStreams {
    static final int MAX_BYTES = 64 * 1024;

    /** One TCP connection: client = SYN sender (else first sender). */
    record Stream(int index, String clientIp, int clientPort, String serverIp, int serverPort, byte[] clientToServer,
            byte[] serverToClient) {
        String client() {
            return clientIp + ":" + clientPort;
        }

        String server() {
            return serverIp + ":" + serverPort;
        }
    }

    private static final class Direction {
        long base = -1;
        final byte[] data = new byte[MAX_BYTES];
        final boolean[] filled = new boolean[MAX_BYTES];

        void add(long seq, boolean syn, byte[] pkt, int off, int len) {
            if (syn) {
                base = (seq + 1) & 0xffffffffL;
                return;
            }
            if (base < 0) {
                base = seq;
            }
            long rel = (seq - base) & 0xffffffffL;
            for (int i = 0; i < len; i++) {
                long at = rel + i;
                if (at < MAX_BYTES && !filled[(int) at]) {
                    data[(int) at] = pkt[off + i];
                    filled[(int) at] = true;
                }
            }
        }

        byte[] contiguous() {
            int n = 0;
            while (n < MAX_BYTES && filled[n]) {
                n++;
            }
            return Arrays.copyOf(data, n);
        }
    }

    private static final class Builder {
        final int index;
        String clientIp;
        int clientPort;
        String serverIp;
        int serverPort;
        final Direction toServer = new Direction();
        final Direction toClient = new Direction();

        Builder(int index) {
            this.index = index;
        }
    }

    private final Map<String, Builder> streams = new LinkedHashMap<>();
    private final Map<String, UdpFlow> udp = new LinkedHashMap<>();
    private int frameNumber;

    /** One UDP datagram payload of a flow, with its frame number (1-based, as tshark's frame.number). */
    record Datagram(int frame, boolean fromClient, byte[] payload) {}

    /** A UDP flow: client = sender of its first datagram. */
    record UdpFlow(String client, String server, List<Datagram> datagrams) {
        boolean hasFrame(int frame) {
            return datagrams.stream().anyMatch(d -> d.frame() == frame);
        }

        /** Payloads of one direction up to and including {@code frame}. */
        byte[][] upTo(int frame, boolean fromClient) {
            return datagrams.stream().filter(d -> d.frame() <= frame && d.fromClient() == fromClient)
                    .map(Datagram::payload).toArray(byte[][]::new);
        }
    }

    /** The UDP flows of a capture, in order of their first datagram. */
    static List<UdpFlow> readUdp(Path file) {
        return new ArrayList<>(parse(file).udp.values());
    }

    private static PcapStreams parse(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            PcapStreams s = new PcapStreams();
            ByteBuffer buf = ByteBuffer.wrap(b);
            int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
            if (magic == 0x0A0D0D0A) {
                s.pcapng(buf);
            } else {
                s.pcap(buf);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Stream> read(Path file) {
        PcapStreams s = parse(file);
        List<Stream> out = new ArrayList<>();
        for (Builder x : s.streams.values()) {
            out.add(new Stream(x.index, x.clientIp, x.clientPort, x.serverIp, x.serverPort, x.toServer.contiguous(),
                    x.toClient.contiguous()));
        }
        return out;
    }

    private void pcap(ByteBuffer buf) {
        int magic = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        ByteOrder order = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        buf.order(order);
        int link = buf.getInt(20) & 0xffff;
        int p = 24;
        while (p + 16 <= buf.limit()) {
            int caplen = buf.getInt(p + 8);
            if (caplen < 0 || p + 16 + caplen > buf.limit()) {
                break;
            }
            frame(buf.array(), p + 16, caplen, link, order);
            p += 16 + caplen;
        }
    }

    private void pcapng(ByteBuffer buf) {
        List<Integer> links = new ArrayList<>();
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int p = 0;
        while (p + 12 <= buf.limit()) {
            int type = buf.order(ByteOrder.BIG_ENDIAN).getInt(p);
            if (type == 0x0A0D0D0A) {
                order = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(p + 8) == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                links.clear();
            }
            buf.order(order);
            type = buf.getInt(p);
            int len = buf.getInt(p + 4);
            if (len < 12 || p + len > buf.limit()) {
                break;
            }
            if (type == 1) {
                links.add(buf.getShort(p + 8) & 0xffff);
            } else if (type == 6) {
                int iface = buf.getInt(p + 8);
                int caplen = buf.getInt(p + 20);
                if (iface < links.size() && caplen <= len - 28) {
                    frame(buf.array(), p + 28, caplen, links.get(iface), order);
                }
            } else if (type == 3 && !links.isEmpty()) {
                frame(buf.array(), p + 12, Math.min(buf.getInt(p + 8), len - 16), links.get(0), order);
            }
            p += len;
        }
    }

    private void frame(byte[] b, int off, int len, int link, ByteOrder order) {
        frameNumber++;
        int end = off + len;
        int p = off;
        int ethertype;
        switch (link) {
            case 0 -> { // BSD loopback: 4-byte address family in host order
                if (len < 4) {
                    return;
                }
                int family = order == ByteOrder.LITTLE_ENDIAN ? (b[p] & 0xff) : (b[p + 3] & 0xff);
                ethertype = family == 2 ? 0x0800 : 0x86DD;
                p += 4;
            }
            case 1 -> {
                if (len < 14) {
                    return;
                }
                ethertype = u16(b, p + 12);
                p += 14;
                while ((ethertype == 0x8100 || ethertype == 0x88A8) && p + 4 <= end) {
                    ethertype = u16(b, p + 2);
                    p += 4;
                }
            }
            case 101, 228, 229 -> ethertype = (b[p] & 0xf0) == 0x60 ? 0x86DD : 0x0800;
            case 113 -> {
                ethertype = u16(b, p + 14);
                p += 16;
            }
            case 276 -> {
                ethertype = u16(b, p);
                p += 20;
            }
            default -> {
                return;
            }
        }
        String src;
        String dst;
        int proto = 0;
        if (ethertype == 0x0800) {
            if (end - p < 20 || (b[p + 9] != 6 && b[p + 9] != 17)) {
                return;
            }
            proto = b[p + 9];
            int ihl = (b[p] & 0x0f) * 4;
            int total = u16(b, p + 2);
            end = Math.min(end, p + total);
            src = ip(b, p + 12, 4);
            dst = ip(b, p + 16, 4);
            p += ihl;
        } else if (ethertype == 0x86DD) {
            if (end - p < 40) {
                return;
            }
            int next = b[p + 6] & 0xff;
            end = Math.min(end, p + 40 + u16(b, p + 4));
            src = ip(b, p + 8, 16);
            dst = ip(b, p + 24, 16);
            p += 40;
            while ((next == 0 || next == 43 || next == 60) && p + 8 <= end) {
                next = b[p] & 0xff;
                p += 8 + 8 * (b[p + 1] & 0xff);
            }
            if (next != 6 && next != 17) {
                return;
            }
            proto = next;
        } else {
            return;
        }
        if (proto == 17) {
            udp(b, p, end, src, dst);
            return;
        }
        if (end - p < 20) {
            return;
        }
        int sport = u16(b, p);
        int dport = u16(b, p + 2);
        long seq = ((long) u16(b, p + 4) << 16) | u16(b, p + 6);
        int dataOffset = ((b[p + 12] & 0xff) >> 4) * 4;
        int flags = b[p + 13] & 0xff;
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        int payload = p + dataOffset;
        if (payload > end) {
            return;
        }
        String a = src + ":" + sport;
        String z = dst + ":" + dport;
        String key = a.compareTo(z) < 0 ? a + "|" + z : z + "|" + a;
        Builder s = streams.computeIfAbsent(key, k -> new Builder(streams.size()));
        if (s.clientIp == null) {
            boolean fromClient = !syn || !ack;
            s.clientIp = fromClient ? src : dst;
            s.clientPort = fromClient ? sport : dport;
            s.serverIp = fromClient ? dst : src;
            s.serverPort = fromClient ? dport : sport;
        }
        boolean toServer = src.equals(s.clientIp) && sport == s.clientPort;
        (toServer ? s.toServer : s.toClient).add(seq, syn, b, payload, end - payload);
    }

    private void udp(byte[] b, int p, int end, String src, String dst) {
        if (end - p < 8) {
            return;
        }
        String a = src + ":" + u16(b, p);
        String z = dst + ":" + u16(b, p + 2);
        String key = a.compareTo(z) < 0 ? a + "|" + z : z + "|" + a;
        UdpFlow flow = udp.computeIfAbsent(key, k -> new UdpFlow(a, z, new ArrayList<>()));
        flow.datagrams().add(new Datagram(frameNumber, flow.client().equals(a), Arrays.copyOfRange(b, p + 8, Math.min(end, p + u16(b, p + 4)))));
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static String ip(byte[] b, int p, int n) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, p, p + n)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
