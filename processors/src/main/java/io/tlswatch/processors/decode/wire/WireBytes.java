package io.tlswatch.processors.decode.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Big-endian integers and small vectors read from a byte range (RFC 8446 §3.3, §3.4); every caller checks bounds first. */
final class WireBytes {
    static final int[] NONE = new int[0];
    /**
     * {@code {0}}: the compression list and the ec_point_formats of nearly every hello (null, uncompressed),
     * shared instead of allocated each time; hello arrays are read-only (see {@link ClientHello}).
     */
    static final int[] ZERO = {0};

    /** One bounds check and one 2-byte load instead of two of each. */
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private WireBytes() {}

    static int u16(byte[] a, int p) {
        return (short) U16.get(a, p) & 0xffff;
    }

    static int u24(byte[] a, int p) {
        return ((a[p] & 0xff) << 16) | ((a[p + 1] & 0xff) << 8) | (a[p + 2] & 0xff);
    }

    static int[] u16s(byte[] a, int p, int count) {
        if (count == 0) {
            return NONE;
        }
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = u16(a, p + 2 * i);
        }
        return v;
    }

    static int[] u8s(byte[] a, int p, int count) {
        if (count == 0) {
            return NONE;
        }
        if (count == 1 && a[p] == 0) {
            return ZERO;
        }
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = a[p + i] & 0xff;
        }
        return v;
    }

    /** 1: {@code sig} starts at p; 0: the input ends inside a prefix of it; -1: no. */
    static int match(byte[] in, int p, int end, byte[] sig) {
        int n = Math.min(sig.length, end - p);
        for (int i = 0; i < n; i++) {
            if (in[p + i] != sig[i]) {
                return -1;
            }
        }
        return n == sig.length ? 1 : 0;
    }

    /** {@code a} holds {@code known} at p; a plain loop: the range form of Arrays.equals costs more on 2-8 bytes. */
    static boolean sameBytes(byte[] a, int p, byte[] known) {
        for (int i = 0; i < known.length; i++) {
            if (a[p + i] != known[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
