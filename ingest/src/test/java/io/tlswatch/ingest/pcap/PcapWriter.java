package io.tlswatch.ingest.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only builder of capture files and frames: pcap (either byte order, micro or nano), pcapng, and Ethernet /
 * 802.1Q / SLL / SLL2 / raw frames holding IPv4 or IPv6 TCP segments. Checksums are left zero (the reader does
 * not check them).
 */
final class PcapWriter {
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int SLL = 113;
    static final int SLL2 = 276;
    static final int NULL = 0;

    /** One record: link-layer bytes and a time. */
    record Packet(long timestampUs, byte[] frame) {}

    private final List<Packet> packets = new ArrayList<>();
    private final int linkType;

    PcapWriter(int linkType) {
        this.linkType = linkType;
    }

    PcapWriter add(long timestampUs, byte[] frame) {
        packets.add(new Packet(timestampUs, frame));
        return this;
    }

    List<Packet> packets() {
        return packets;
    }

    /** A classic pcap file. */
    byte[] pcap(ByteOrder order, boolean nanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        out.writeBytes(h.array());
        for (Packet p : packets) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            long seconds = p.timestampUs() / 1_000_000;
            long micros = p.timestampUs() % 1_000_000;
            r.putInt((int) seconds).putInt((int) (nanos ? micros * 1000 : micros)).putInt(p.frame().length)
                    .putInt(p.frame().length);
            out.writeBytes(r.array());
            out.writeBytes(p.frame());
        }
        return out.toByteArray();
    }

    byte[] pcap() {
        return pcap(ByteOrder.LITTLE_ENDIAN, false);
    }

    /** A pcapng file: one section, one interface with {@code if_tsresol} = {@code resolution}, EPBs. */
    byte[] pcapng(ByteOrder order, int resolution) {
        return pcapng(order, resolution, false);
    }

    /** The same with simple packet blocks (SPB: no timestamp, no interface) when {@code simple}. */
    byte[] pcapng(ByteOrder order, int resolution, boolean simple) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(order, 0x0a0d0d0a, ByteBuffer.allocate(16).order(order).putInt(0x1a2b3c4d)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array()));
        ByteBuffer idb = ByteBuffer.allocate(16).order(order);
        idb.putShort((short) linkType).putShort((short) 0).putInt(0);
        idb.putShort((short) 9).putShort((short) 1).put((byte) resolution).put(new byte[3]);
        out.writeBytes(block(order, 1, idb.array()));
        // an unknown block (custom, 0x00000BAD) that must be skipped by its length
        out.writeBytes(block(order, 0x00000bad, new byte[] {1, 2, 3, 4}));
        for (Packet p : packets) {
            int padded = (p.frame().length + 3) & ~3;
            if (simple) {
                ByteBuffer spb = ByteBuffer.allocate(4 + padded).order(order);
                spb.putInt(p.frame().length).put(p.frame());
                out.writeBytes(block(order, 3, spb.array()));
                continue;
            }
            long units = resolution == 9 ? p.timestampUs() * 1000 : p.timestampUs();
            ByteBuffer epb = ByteBuffer.allocate(20 + padded).order(order);
            epb.putInt(0).putInt((int) (units >>> 32)).putInt((int) units).putInt(p.frame().length)
                    .putInt(p.frame().length).put(p.frame());
            out.writeBytes(block(order, 6, epb.array()));
        }
        return out.toByteArray();
    }

    private static byte[] block(ByteOrder order, int type, byte[] body) {
        int total = 12 + body.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total).put(body).putInt(total);
        return b.array();
    }

    // ---- frames ----

    static byte[] ethernet(byte[] ip, int... vlanTags) {
        int etherType = ip[0] >>> 4 == 6 ? 0x86dd : 0x0800;
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanTags.length + ip.length);
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6});
        for (int tag : vlanTags) {
            b.putShort((short) 0x8100).putShort((short) tag);
        }
        b.putShort((short) etherType).put(ip);
        return b.array();
    }

    static byte[] sll(byte[] ip) {
        int etherType = ip[0] >>> 4 == 6 ? 0x86dd : 0x0800;
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[] {0, 1, 2, 3, 4, 5, 0, 0})
                .putShort((short) etherType).put(ip);
        return b.array();
    }

    static byte[] sll2(byte[] ip) {
        int etherType = ip[0] >>> 4 == 6 ? 0x86dd : 0x0800;
        ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) etherType).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) 0).put((byte) 6)
                .put(new byte[] {0, 1, 2, 3, 4, 5, 0, 0}).put(ip);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- IP and TCP ----

    /** An IPv4 packet carrying one TCP segment. */
    static byte[] ipv4Tcp(String src, int sport, String dst, int dport, long seq, int flags, byte[] payload) {
        byte[] tcp = tcp(sport, dport, seq, flags, payload);
        ByteBuffer b = ByteBuffer.allocate(20 + tcp.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcp.length)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(v4(src)).put(v4(dst)).put(tcp);
        return b.array();
    }

    /** An IPv6 packet carrying one TCP segment behind a hop-by-hop options header. */
    static byte[] ipv6Tcp(String src, int sport, String dst, int dport, long seq, int flags, byte[] payload) {
        byte[] tcp = tcp(sport, dport, seq, flags, payload);
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + tcp.length);
        b.putInt(0x60000000).putShort((short) (8 + tcp.length)).put((byte) 0).put((byte) 64).put(v6(src))
                .put(v6(dst));
        b.put((byte) 6).put((byte) 0).put(new byte[6]); // hop-by-hop: next TCP, 8 bytes
        b.put(tcp);
        return b.array();
    }

    static byte[] tcp(int sport, int dport, long seq, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0).put((byte) 0x50)
                .put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(payload);
        return b.array();
    }

    static byte[] v4(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    static byte[] v6(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    // ---- TLS ----

    /** A TLS record: type, version 0x0303, length, body. */
    static byte[] record(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) type).put((byte) 3).put((byte) 3).putShort((short) body.length).put(body);
        return b.array();
    }

    /** A handshake message: type, uint24 length, body of {@code length} filler bytes. */
    static byte[] handshake(int type, int length) {
        byte[] m = new byte[4 + length];
        m[0] = (byte) type;
        m[1] = (byte) (length >>> 16);
        m[2] = (byte) (length >>> 8);
        m[3] = (byte) length;
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    static byte[] clientHello(int bodyLength) {
        return record(22, handshake(1, bodyLength));
    }
}
