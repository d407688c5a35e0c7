package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.ingest.pcap.CaptureStats.Ending;
import java.io.IOException;

/**
 * pcapng (draft-ietf-opsawg-pcapng): blocks of {@code type(4) total_length(4) body total_length(4)}.
 * Reads Section Header Blocks in either byte order (a file may hold several sections), Interface Description
 * Blocks (link type, {@code if_tsresol}, {@code if_tsoffset}), Enhanced, Simple and the obsolete Packet Blocks;
 * every other block is skipped by its length.
 */
final class PcapngFormat extends CaptureFormat {
    static final int BLOCK_IDB = 0x00000001;
    static final int BLOCK_PB = 0x00000002;
    static final int BLOCK_SPB = 0x00000003;
    static final int BLOCK_EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    /** Largest non-packet block read into memory (IDB, SHB options); larger ones are skipped. */
    private static final int MAX_SMALL_BLOCK = 64 * 1024;
    /** Interfaces per section; more means a damaged file. */
    static final int MAX_INTERFACES = 4096;
    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    private final byte[] header = new byte[32];
    private byte[] block = new byte[256];
    private boolean bigEndian;
    private int interfaceCount;
    private int[] linkTypes = new int[4];
    /** if_tsresol byte per interface (default 6: microseconds). */
    private int[] resolutions = new int[4];
    private long[] offsetsSeconds = new long[4];
    private long lastTimestampUs;

    PcapngFormat(ByteSource source, CaptureStats stats) {
        super(source, stats);
        stats.format("pcapng");
    }

    @Override
    boolean readFileHeader() throws IOException {
        return readFully(header, 0, 8) && readSection();
    }

    /**
     * The rest of an SHB once type, length and byte-order magic are read ({@code header[0..8)} holds length and
     * magic): check the magic, then skip the body.
     */
    private boolean readSection() throws IOException {
        int magic = Bytes.u32be(header, 4);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else {
            stats.end(Ending.MALFORMED);
            return false;
        }
        long total = Bytes.u32(header, 0, bigEndian);
        // SHB: type, length, magic, major, minor, section length(8), trailing length = 28 bytes at least.
        if (total < 28 || total % 4 != 0) {
            stats.end(Ending.MALFORMED);
            return false;
        }
        interfaceCount = 0;
        stats.add(Counter.SECTIONS);
        return skipFully(total - 12);
    }

    @Override
    boolean next(Frame frame) throws IOException {
        while (true) {
            int n = source.read(header, 0, 8);
            if (n == 0) {
                return false;
            }
            if (n < 8) {
                stats.end(Ending.TRUNCATED);
                return false;
            }
            int type = bigEndian ? Bytes.u32be(header, 0) : Bytes.u32le(header, 0);
            if (type == PCAPNG_SHB) {
                System.arraycopy(header, 4, header, 0, 4);
                if (!readFully(header, 4, 4) || !readSection()) {
                    return false;
                }
                continue;
            }
            long total = Bytes.u32(header, 4, bigEndian);
            if (total < 12 || total % 4 != 0) {
                stats.end(Ending.MALFORMED);
                return false;
            }
            long rest = total - 8; // body and the trailing length
            switch (type) {
                case BLOCK_EPB, BLOCK_PB -> {
                    int read = readPacketBlock(frame, rest, type == BLOCK_EPB);
                    if (read < 0) {
                        return false;
                    }
                    if (read > 0) {
                        return true;
                    }
                }
                case BLOCK_SPB -> {
                    int read = readSimplePacketBlock(frame, rest);
                    if (read < 0) {
                        return false;
                    }
                    if (read > 0) {
                        return true;
                    }
                }
                case BLOCK_IDB -> {
                    if (!readInterface(rest)) {
                        return false;
                    }
                }
                default -> {
                    stats.add(Counter.SKIPPED_BLOCKS);
                    if (!skipFully(rest)) {
                        return false;
                    }
                }
            }
        }
    }

    private boolean readInterface(long rest) throws IOException {
        if (rest > MAX_SMALL_BLOCK || rest < 12) {
            stats.add(rest < 12 ? Counter.MALFORMED_PACKETS : Counter.OVERSIZED_RECORDS);
            return skipFully(rest);
        }
        int length = (int) rest;
        if (block.length < length) {
            block = new byte[length];
        }
        if (!readFully(block, 0, length)) {
            return false;
        }
        if (interfaceCount == MAX_INTERFACES) {
            stats.add(Counter.MALFORMED_PACKETS);
            return true;
        }
        if (interfaceCount == linkTypes.length) {
            linkTypes = java.util.Arrays.copyOf(linkTypes, interfaceCount * 2);
            resolutions = java.util.Arrays.copyOf(resolutions, interfaceCount * 2);
            offsetsSeconds = java.util.Arrays.copyOf(offsetsSeconds, interfaceCount * 2);
        }
        int i = interfaceCount++;
        linkTypes[i] = Bytes.u16(block, 0, bigEndian);
        resolutions[i] = 6;
        offsetsSeconds[i] = 0;
        // options after linktype(2) reserved(2) snaplen(4); the last 4 bytes are the trailing length
        int p = 8;
        int end = length - 4;
        while (p + 4 <= end) {
            int code = Bytes.u16(block, p, bigEndian);
            int optionLength = Bytes.u16(block, p + 2, bigEndian);
            int value = p + 4;
            if (code == OPT_END || value + optionLength > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && optionLength >= 1) {
                resolutions[i] = Bytes.u8(block, value);
            } else if (code == OPT_IF_TSOFFSET && optionLength >= 8) {
                offsetsSeconds[i] = bigEndian ? Bytes.u64be(block, value)
                        : Long.reverseBytes(Bytes.u64be(block, value));
            }
            p = value + ((optionLength + 3) & ~3);
        }
        return true;
    }

    /**
     * EPB: interface(4) ts_high(4) ts_low(4) caplen(4) origlen(4) data options; the obsolete PB has
     * interface(2) drops(2) in place of interface(4).
     *
     * @return 1 with a frame, 0 when the block was skipped, -1 at the end of input
     */
    private int readPacketBlock(Frame frame, long rest, boolean enhanced) throws IOException {
        if (rest < 24) {
            stats.add(Counter.MALFORMED_PACKETS);
            return skipFully(rest) ? 0 : -1;
        }
        if (!readFully(header, 0, 20)) {
            return -1;
        }
        int iface = enhanced ? (int) Math.min(Bytes.u32(header, 0, bigEndian), Integer.MAX_VALUE)
                : Bytes.u16(header, 0, bigEndian);
        long timestamp = Bytes.u32(header, 4, bigEndian) << 32 | Bytes.u32(header, 8, bigEndian);
        long captured = Bytes.u32(header, 12, bigEndian);
        long original = Bytes.u32(header, 16, bigEndian);
        long padded = (captured + 3) & ~3L;
        long remaining = rest - 20;
        if (padded + 4 > remaining) {
            stats.add(Counter.MALFORMED_PACKETS);
            return skipFully(remaining) ? 0 : -1;
        }
        int read = readData(frame, captured, original, remaining);
        if (read != 1) {
            return read;
        }
        frame.interfaceId = iface;
        if (iface < interfaceCount) {
            frame.linkType = linkTypes[iface];
            frame.timestampUs = toMicros(timestamp, resolutions[iface]) + offsetsSeconds[iface] * 1_000_000L;
        } else {
            frame.linkType = -1; // no such interface: counted as an unsupported link type
            frame.timestampUs = lastTimestampUs;
        }
        lastTimestampUs = frame.timestampUs;
        return 1;
    }

    /** SPB: original_length(4) then the data, cut to the block; interface 0, no timestamp. */
    private int readSimplePacketBlock(Frame frame, long rest) throws IOException {
        if (rest < 8) {
            stats.add(Counter.MALFORMED_PACKETS);
            return skipFully(rest) ? 0 : -1;
        }
        if (!readFully(header, 0, 4)) {
            return -1;
        }
        long original = Bytes.u32(header, 0, bigEndian);
        long remaining = rest - 4;
        long captured = Math.min(original, remaining - 4);
        int read = readData(frame, captured, original, remaining);
        if (read != 1) {
            return read;
        }
        frame.interfaceId = 0;
        frame.linkType = interfaceCount > 0 ? linkTypes[0] : -1;
        frame.timestampUs = lastTimestampUs;
        return 1;
    }

    /**
     * The packet bytes of an EPB or SPB into {@code frame}, then the rest of the block skipped.
     *
     * @return 1 read, 0 skipped (longer than a frame may be), -1 the input ended
     */
    private int readData(Frame frame, long captured, long original, long remaining) throws IOException {
        if (captured > Frame.MAX_LENGTH) {
            oversized();
            return skipFully(remaining) ? 0 : -1;
        }
        int length = (int) captured;
        frame.ensureCapacity(length);
        if (!readFully(frame.data, 0, length) || !skipFully(remaining - length)) {
            return -1;
        }
        frame.length = length;
        frame.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        count(length);
        return 1;
    }

    private void count(int length) {
        stats.add(Counter.PACKETS);
        stats.add(Counter.CAPTURED_BYTES, length);
    }

    /**
     * A timestamp in interface units to microseconds. {@code if_tsresol}: most significant bit clear, a negative
     * power of ten; set, a negative power of two.
     */
    static long toMicros(long units, int resolution) {
        int exponent = resolution & 0x7f;
        if ((resolution & 0x80) == 0) {
            if (exponent == 6) {
                return units;
            }
            if (exponent < 6) {
                long factor = 1;
                for (int i = exponent; i < 6; i++) {
                    factor *= 10;
                }
                return units * factor;
            }
            if (exponent > 24) {
                return 0;
            }
            long divisor = 1;
            for (int i = 6; i < exponent && i < 24; i++) {
                divisor = divisor > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : divisor * 10;
            }
            return Long.divideUnsigned(units, divisor);
        }
        if (exponent == 0) {
            return units * 1_000_000L;
        }
        if (exponent > 63) {
            return 0;
        }
        long whole = units >>> exponent;
        long fraction = units & ((1L << exponent) - 1);
        double fractionMicros = fraction / Math.pow(2, exponent) * 1_000_000d;
        return whole * 1_000_000L + (long) fractionMicros;
    }
}
