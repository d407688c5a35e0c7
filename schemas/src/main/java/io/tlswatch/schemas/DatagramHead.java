package io.tlswatch.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload head of a UDP summary ({@code transport = udp} on {@code f5.packets}): the direction's kept
 * datagrams one after another, each preceded by its length as two bytes, big-endian. A datagram's bounds matter
 * to QUIC (a short-header packet, or padding, runs to the end of its datagram), so they travel with the bytes.
 * The capture reader writes it; the packet verdict reads it back. Never throws on bytes.
 */
public final class DatagramHead {
    /** Bytes in front of each datagram. */
    public static final int PREFIX = 2;
    /** Largest datagram a prefix can announce (RFC 768: a UDP length is 16 bits, the header included). */
    public static final int MAX_DATAGRAM = 0xffff;

    private DatagramHead() {}

    /** Bytes a datagram of {@code length} bytes takes in a head. */
    public static int framed(int length) {
        return PREFIX + length;
    }

    /** Writes one datagram's prefix and bytes at {@code at} of {@code out}; returns the position after it. */
    public static int put(byte[] out, int at, byte[] data, int offset, int length) {
        if (length < 0 || length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("datagram length " + length);
        }
        out[at] = (byte) (length >>> 8);
        out[at + 1] = (byte) length;
        System.arraycopy(data, offset, out, at + PREFIX, length);
        return at + PREFIX + length;
    }

    /** The datagrams of a head, in order; a last one cut short (its prefix announces more) is left out. */
    public static List<byte[]> split(byte[] head) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (head.length - p >= PREFIX) {
            int length = (head[p] & 0xff) << 8 | (head[p + 1] & 0xff);
            p += PREFIX;
            if (head.length - p < length) {
                break;
            }
            byte[] d = new byte[length];
            System.arraycopy(head, p, d, 0, length);
            out.add(d);
            p += length;
        }
        return out;
    }

    /** One head of the given datagrams. */
    public static byte[] of(List<byte[]> datagrams) {
        int size = 0;
        for (byte[] d : datagrams) {
            size += framed(d.length);
        }
        byte[] out = new byte[size];
        int p = 0;
        for (byte[] d : datagrams) {
            p = put(out, p, d, 0, d.length);
        }
        return out;
    }
}
