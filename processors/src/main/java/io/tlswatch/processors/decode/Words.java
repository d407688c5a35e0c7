package io.tlswatch.processors.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time ("SWAR", bit tricks from Hacker's Delight §6-1): which bytes of a word the line
 * scanner must look at. Most bytes of a log line are ordinary printable ASCII; a word without a control byte,
 * a non-ASCII byte, a {@code :} or a {@code ,} is skipped in one step.
 */
final class Words {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COLONS = ONES * ':';
    private static final long COMMAS = ONES * ',';
    private static final long SPACES = ONES * 0x20;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private Words() {}

    /**
     * The high bit of each byte of {@code x} that is below 0x20, is 0x7f, has its high bit set, or is
     * {@code :} or {@code ,}; other bits clear. Exact for every byte: each test works on the low seven bits
     * of a byte, so no carry or borrow crosses into the next byte.
     */
    static long bytesOfInterest(long x) {
        long low = x & LOWS;
        long control = ~((low | HIGHS) - SPACES); // high bit set where low < 0x20
        long delete = low + ONES; // high bit set where low == 0x7f
        return (x | control | delete | equal(x ^ COLONS) | equal(x ^ COMMAS)) & HIGHS;
    }

    /**
     * The high bit of each byte of {@code x} that ends a run of plain characters inside a JSON string: a
     * quote, a backslash, a control byte (below 0x20) or a byte with its high bit set. Exact for every byte.
     */
    static long jsonStringBytesOfInterest(long x) {
        long control = ~(((x & LOWS) | HIGHS) - SPACES);
        return (x | control | equal(x ^ QUOTES) | equal(x ^ BACKSLASHES)) & HIGHS;
    }

    /** The high bit of each zero byte of {@code x}, exactly. */
    private static long equal(long x) {
        return ~(((x & LOWS) + LOWS) | x);
    }

    /** The word at {@code v[i..i+8)}, bytes past {@code to} read as a byte of no interest. */
    static long wordAt(byte[] v, int i, int to) {
        if (i + Long.BYTES <= to) {
            return (long) LONGS.get(v, i);
        }
        long w = 0;
        for (int k = Long.BYTES - 1; k >= 0; k--) {
            w = (w << 8) | (i + k < to ? v[i + k] & 0xff : 'a');
        }
        return w;
    }
}
