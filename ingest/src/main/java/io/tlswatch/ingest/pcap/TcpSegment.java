package io.tlswatch.ingest.pcap;

/** A TCP header (RFC 9293 §3.1) decoded in place and reused. */
final class TcpSegment {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    enum Result { OK, TRUNCATED, MALFORMED }

    int sourcePort;
    int destinationPort;
    /** Sequence number as the raw 32-bit value. */
    int sequence;
    int flags;
    int payloadOffset;
    int payloadLength;

    Result decode(byte[] d, int at, int end) {
        if (at + 20 > end) {
            return Result.TRUNCATED;
        }
        int headerLength = ((d[at + 12] & 0xf0) >>> 4) * 4;
        if (headerLength < 20) {
            return Result.MALFORMED;
        }
        if (at + headerLength > end) {
            return Result.TRUNCATED;
        }
        sourcePort = Bytes.u16be(d, at);
        destinationPort = Bytes.u16be(d, at + 2);
        sequence = Bytes.u32be(d, at + 4);
        flags = Bytes.u8(d, at + 13);
        payloadOffset = at + headerLength;
        payloadLength = end - payloadOffset;
        return Result.OK;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
