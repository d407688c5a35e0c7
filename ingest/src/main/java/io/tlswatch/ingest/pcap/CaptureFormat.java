package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.ingest.pcap.CaptureStats.Ending;
import java.io.IOException;

/**
 * A capture file format, detected from its magic number, that hands out one {@link Frame} at a time.
 * Readers never throw on data: a short read is {@link Ending#TRUNCATED}, an impossible header
 * {@link Ending#MALFORMED}, both recorded in {@link CaptureStats}.
 */
abstract sealed class CaptureFormat permits PcapFormat, PcapngFormat {
    /** pcap magic numbers as read big-endian (libpcap savefile format). */
    static final int PCAP_MICRO = 0xa1b2c3d4;
    static final int PCAP_MICRO_SWAPPED = 0xd4c3b2a1;
    static final int PCAP_NANO = 0xa1b23c4d;
    static final int PCAP_NANO_SWAPPED = 0x4d3cb2a1;
    /** Alexey Kuznetzov's modified pcap: 8 more bytes per record header. */
    static final int PCAP_KUZNETZOV = 0xa1b2cd34;
    static final int PCAP_KUZNETZOV_SWAPPED = 0x34cdb2a1;
    /** pcapng Section Header Block type (draft-ietf-opsawg-pcapng §4.1): the same in both byte orders. */
    static final int PCAPNG_SHB = 0x0a0d0d0a;

    protected final ByteSource source;
    protected final CaptureStats stats;

    CaptureFormat(ByteSource source, CaptureStats stats) {
        this.source = source;
        this.stats = stats;
    }

    /**
     * Reads the magic number and the file header.
     *
     * @return the reader, or null when the input is empty, not a capture, or its header is cut short (the
     *         reason is in {@code stats})
     */
    static CaptureFormat open(ByteSource source, CaptureStats stats) throws IOException {
        byte[] magic = new byte[4];
        int n = source.read(magic, 0, 4);
        if (n == 0) {
            stats.end(Ending.EMPTY);
            return null;
        }
        if (n < 4) {
            stats.end(Ending.UNKNOWN_FORMAT);
            return null;
        }
        int m = Bytes.u32be(magic, 0);
        CaptureFormat format = switch (m) {
            case PCAP_MICRO -> new PcapFormat(source, stats, true, false, false);
            case PCAP_MICRO_SWAPPED -> new PcapFormat(source, stats, false, false, false);
            case PCAP_NANO -> new PcapFormat(source, stats, true, true, false);
            case PCAP_NANO_SWAPPED -> new PcapFormat(source, stats, false, true, false);
            case PCAP_KUZNETZOV -> new PcapFormat(source, stats, true, false, true);
            case PCAP_KUZNETZOV_SWAPPED -> new PcapFormat(source, stats, false, false, true);
            case PCAPNG_SHB -> new PcapngFormat(source, stats);
            default -> null;
        };
        if (format == null) {
            stats.end(Ending.UNKNOWN_FORMAT);
            return null;
        }
        return format.readFileHeader() ? format : null;
    }

    /** Reads what follows the magic number; false (with the ending set) when it cannot be read. */
    abstract boolean readFileHeader() throws IOException;

    /** Fills {@code frame} with the next record; false at the end of input (the ending is in {@code stats}). */
    abstract boolean next(Frame frame) throws IOException;

    /** Reads exactly {@code length} bytes or marks the capture truncated. */
    protected final boolean readFully(byte[] target, int offset, int length) throws IOException {
        if (source.read(target, offset, length) == length) {
            return true;
        }
        stats.end(Ending.TRUNCATED);
        return false;
    }

    protected final boolean skipFully(long length) throws IOException {
        if (source.skip(length) == length) {
            return true;
        }
        stats.end(Ending.TRUNCATED);
        return false;
    }

    protected final void oversized() {
        stats.add(Counter.OVERSIZED_RECORDS);
    }
}
