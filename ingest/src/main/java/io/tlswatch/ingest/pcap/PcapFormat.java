package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.ingest.pcap.CaptureStats.Ending;
import java.io.IOException;

/**
 * The libpcap savefile format (draft-ietf-opsawg-pcap): a 24-byte file header, then per record
 * {@code ts_sec, ts_usec|ts_nsec, incl_len, orig_len} and {@code incl_len} bytes. Both byte orders, micro- and
 * nanosecond magic numbers, and the Kuznetzov variant (8 extra record-header bytes).
 */
final class PcapFormat extends CaptureFormat {
    private static final int FILE_HEADER_REST = 20;
    private static final int RECORD_HEADER = 16;
    /** A record length above this cannot be a real record: the file is damaged and has no resync point. */
    private static final long MAX_PLAUSIBLE_RECORD = 64L * 1024 * 1024;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int extraHeader;
    private final byte[] header = new byte[RECORD_HEADER + 8];
    private int linkType;

    PcapFormat(ByteSource source, CaptureStats stats, boolean bigEndian, boolean nanos, boolean kuznetzov) {
        super(source, stats);
        this.bigEndian = bigEndian;
        this.nanos = nanos;
        this.extraHeader = kuznetzov ? 8 : 0;
        stats.format(nanos ? "pcap-nsec" : "pcap");
    }

    @Override
    boolean readFileHeader() throws IOException {
        byte[] rest = new byte[FILE_HEADER_REST];
        if (!readFully(rest, 0, FILE_HEADER_REST)) {
            return false;
        }
        // version_major(2) version_minor(2) thiszone(4) sigfigs(4) snaplen(4) linktype(4): the low 16 bits of
        // the last field are the link type; the upper bits carry FCS information.
        linkType = (int) (Bytes.u32(rest, 16, bigEndian) & 0xffff);
        return true;
    }

    @Override
    boolean next(Frame frame) throws IOException {
        while (true) {
            int headerLength = RECORD_HEADER + extraHeader;
            int n = source.read(header, 0, headerLength);
            if (n == 0) {
                return false;
            }
            if (n < headerLength) {
                stats.end(Ending.TRUNCATED);
                return false;
            }
            long seconds = Bytes.u32(header, 0, bigEndian);
            long fraction = Bytes.u32(header, 4, bigEndian);
            long included = Bytes.u32(header, 8, bigEndian);
            long original = Bytes.u32(header, 12, bigEndian);
            if (included > MAX_PLAUSIBLE_RECORD) {
                stats.end(Ending.MALFORMED);
                return false;
            }
            if (included > Frame.MAX_LENGTH) {
                oversized();
                if (!skipFully(included)) {
                    return false;
                }
                continue;
            }
            int length = (int) included;
            frame.ensureCapacity(length);
            if (!readFully(frame.data, 0, length)) {
                return false;
            }
            frame.length = length;
            frame.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
            frame.timestampUs = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
            frame.linkType = linkType;
            frame.interfaceId = 0;
            stats.add(Counter.PACKETS);
            stats.add(Counter.CAPTURED_BYTES, length);
            return true;
        }
    }
}
