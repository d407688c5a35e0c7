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
     * True when some byte is below 0x20, is 0x7f, has its high bit set, or is {@code :} or {@code ,}. May
     * say true for a word that holds none (a borrow between bytes); never false for one that does.
     */
    static boolean hasByteOfInterest(long x) {
        long below = (x - SPACES) & ~x & HIGHS; // some byte < 0x20 (exact for ASCII bytes)
        return ((x & HIGHS) | below | zeroByte(x ^ COLONS) | zeroByte(x ^ COMMAS) | zeroByte(x ^ DELETES)) != 0;
    }

    /** Non-zero when some byte of {@code x} is zero. */
    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
