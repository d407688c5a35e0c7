package io.tlswatch.schemas.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only builder of a classic pcap file (microseconds, Ethernet) of IPv4 UDP datagrams, for captures crafted in
 * a test: QUIC flows with the answer a case needs. Checksums are left zero (the reader does not check them).
 */
public final class UdpCapture {
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();

    /** One datagram from {@code src:sport} to {@code dst:dport} at {@code timestampUs}. */
    public UdpCapture add(long timestampUs, String src, int sport, String dst, int dport, byte[] payload) {
        ByteBuffer ip = ByteBuffer.allocate(20 + 8 + payload.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0).put(v4(src)).put(v4(dst));
        ip.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        ByteBuffer frame = ByteBuffer.allocate(14 + ip.capacity());
        frame.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800).put(ip.array());
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) (timestampUs / 1_000_000)).putInt((int) (timestampUs % 1_000_000))
                .putInt(frame.capacity()).putInt(frame.capacity());
        records.writeBytes(r.array());
        records.writeBytes(frame.array());
        return this;
    }

    /** The capture file's bytes. */
    public byte[] pcap() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(records.toByteArray());
        return out.toByteArray();
    }

    /** Writes the capture to {@code file}; returns it. */
    public Path write(Path file) {
        try {
            return Files.write(file, pcap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] v4(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }
}
