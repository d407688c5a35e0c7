package io.tlswatch.ingest.pcap;

/** One captured record, reused from packet to packet: its bytes, link type and time. */
final class Frame {
    /** Largest record accepted (bytes): TSO/GRO super-frames and 64 KiB loopback frames fit. */
    static final int MAX_LENGTH = 256 * 1024;

    byte[] data = new byte[64 * 1024];
    int length;
    int originalLength;
    long timestampUs;
    int linkType;
    /** pcapng interface index (0 for pcap). */
    int interfaceId;

    void ensureCapacity(int n) {
        if (data.length < n) {
            data = new byte[Math.max(n, Math.min(MAX_LENGTH, data.length * 2))];
        }
    }
}
