package io.tlswatch.processors.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time ("SWAR", bit tricks from Hacker's Delight §6-1): whether a word holds a byte the
 * line scanner must look at. Most bytes of a log line are ordinary printable ASCII; a word without a
 * control byte, a non-ASCII byte, a {@code :} or a {@code ,} is skipped in one step.
 */
final class Words {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COLONS = ONES * ':';
    private static final long COMMAS = ONES * ',';
    private static final long DELETES = ONES * 0x7f;
    private static final long SPACES = ONES * 0x20;

    private Words() {}

    /**
     * Index (0..7, little-endian: the byte at the lowest address first) of the first byte that is below
     * 0x20, is 0x7f, has its high bit set, or is {@code :} or {@code ,}; 8 when there is none. The lowest
     * flagged byte of each test is exact (a borrow only ever flags bytes above a true hit).
     */
    static int firstByteOfInterest(long x) {
        long below = (x - SPACES) & ~x & HIGHS; // bytes < 0x20
        long mask = (x & HIGHS) | below | zeroByte(x ^ COLONS) | zeroByte(x ^ COMMAS) | zeroByte(x ^ DELETES);
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    /** Non-zero when some byte of {@code x} is zero. */
    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
