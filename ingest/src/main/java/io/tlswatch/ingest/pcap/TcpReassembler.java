package io.tlswatch.ingest.pcap;

import java.util.Arrays;

/**
 * Reassembles the head of one TCP direction: the first {@code headLimit} bytes of the stream, placed by sequence
 * number relative to the initial sequence number (ISN + 1 after a SYN, else the first sequence number seen).
 * Out-of-order segments are written where they belong and remembered as covered ranges; bytes already covered
 * keep their first copy; a segment whose bytes were all seen before is a retransmission. Bytes past the head are
 * only counted. Memory: the head buffer (grown on demand, at most {@code headLimit}) and {@link #MAX_RANGES}
 * ranges.
 */
final class TcpReassembler {
    /** Separate covered ranges kept per direction; a segment that would need more is dropped and counted. */
    static final int MAX_RANGES = 64;
    private static final int INITIAL_CAPACITY = 2048;

    enum Offer { NEW_DATA, OUT_OF_ORDER, RETRANSMISSION, OVERFLOW, EMPTY }

    private final int headLimit;
    private boolean started;
    /** Raw sequence number whose relative offset is {@link #lastRelative} (unwraps 32-bit sequence numbers). */
    private int lastSequence;
    private long lastRelative;
    private byte[] head = new byte[0];
    /** Sorted, disjoint, non-adjacent covered ranges [start, end) within the head. */
    private final long[] ranges = new long[MAX_RANGES * 2];
    private int rangeCount;
    /** Highest relative end of any payload seen: the payload byte count of the direction. */
    private long highestEnd;
    private int retransmissions;

    TcpReassembler(int headLimit) {
        this.headLimit = headLimit;
    }

    boolean started() {
        return started;
    }

    /** Anchors relative offsets: after a SYN the stream starts at its sequence number + 1. */
    void start(int sequence, boolean syn) {
        started = true;
        lastSequence = syn ? sequence + 1 : sequence;
        lastRelative = 0;
    }

    /** The relative stream offset of a raw sequence number (may be negative: before the start). */
    long relative(int sequence) {
        long r = lastRelative + (sequence - lastSequence);
        if (r > lastRelative) {
            lastRelative = r;
            lastSequence = sequence;
        }
        return r;
    }

    /** A retransmitted SYN (or SYN-ACK). */
    void countRetransmission() {
        retransmissions++;
    }

    Offer offer(int sequence, byte[] data, int offset, int length) {
        if (length <= 0) {
            return Offer.EMPTY;
        }
        if (!started) {
            start(sequence, false);
        }
        long start = relative(sequence);
        long end = start + length;
        if (end <= 0 || covered(start, end)) {
            retransmissions++;
            return Offer.RETRANSMISSION;
        }
        boolean outOfOrder = start > contiguousEnd();
        if (end > highestEnd) {
            highestEnd = end;
        }
        long from = Math.max(start, 0);
        long to = Math.min(end, headLimit);
        if (from < to && !place(from, to, data, offset + (int) (from - start))) {
            return Offer.OVERFLOW;
        }
        return outOfOrder ? Offer.OUT_OF_ORDER : Offer.NEW_DATA;
    }

    /** True when every byte of [start, end) was seen: inside the head, or at or below the contiguous end. */
    private boolean covered(long start, long end) {
        if (end <= contiguousEnd()) {
            return true;
        }
        for (int i = 0; i < rangeCount; i++) {
            if (ranges[2 * i] <= start && end <= ranges[2 * i + 1]) {
                return true;
            }
        }
        return start >= headLimit && end <= highestEnd; // past the head only the high-water mark is known
    }

    /** Copies the uncovered parts of [from, to) into the head and records the range. */
    private boolean place(long from, long to, byte[] data, int dataOffset) {
        int insertAt = 0;
        while (insertAt < rangeCount && ranges[2 * insertAt + 1] < from) {
            insertAt++;
        }
        int last = insertAt;
        while (last < rangeCount && ranges[2 * last] <= to) {
            last++;
        }
        // ranges [insertAt, last) overlap or touch [from, to): they merge into one
        if (last == insertAt && rangeCount == MAX_RANGES) {
            return false;
        }
        ensureCapacity((int) to);
        long cursor = from;
        for (int i = insertAt; i < last && cursor < to; i++) {
            long rs = ranges[2 * i];
            long re = ranges[2 * i + 1];
            if (rs > cursor) {
                copy(cursor, Math.min(rs, to), from, data, dataOffset);
            }
            cursor = Math.max(cursor, re);
        }
        if (cursor < to) {
            copy(cursor, to, from, data, dataOffset);
        }
        long mergedStart = from;
        long mergedEnd = to;
        if (last > insertAt) {
            mergedStart = Math.min(from, ranges[2 * insertAt]);
            mergedEnd = Math.max(to, ranges[2 * (last - 1) + 1]);
        }
        int removed = last - insertAt;
        int shift = 1 - removed;
        if (shift != 0) {
            System.arraycopy(ranges, 2 * last, ranges, 2 * (last + shift), 2 * (rangeCount - last));
        }
        ranges[2 * insertAt] = mergedStart;
        ranges[2 * insertAt + 1] = mergedEnd;
        rangeCount += shift;
        return true;
    }

    private void copy(long start, long end, long segmentStart, byte[] data, int dataOffset) {
        System.arraycopy(data, dataOffset + (int) (start - segmentStart), head, (int) start, (int) (end - start));
    }

    private void ensureCapacity(int needed) {
        if (head.length < needed) {
            int capacity = Math.max(needed, Math.min(headLimit, Math.max(INITIAL_CAPACITY, head.length * 2)));
            head = Arrays.copyOf(head, capacity);
        }
    }

    /** Bytes from the stream start received without a gap (bounded by the head). */
    long contiguousEnd() {
        return rangeCount > 0 && ranges[0] == 0 ? ranges[1] : 0;
    }

    /** Payload bytes seen in this direction (the highest sequence offset reached). */
    long bytes() {
        return highestEnd;
    }

    int retransmissions() {
        return retransmissions;
    }

    int headLimit() {
        return headLimit;
    }

    /** The head buffer; valid bytes are [0, {@link #contiguousEnd()}). */
    byte[] head() {
        return head;
    }

    /** Heap held by this direction's buffer. */
    int capacity() {
        return head.length;
    }
}
