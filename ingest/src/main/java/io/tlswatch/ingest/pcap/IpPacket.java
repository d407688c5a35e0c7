package io.tlswatch.ingest.pcap;

/**
 * The IPv4 (RFC 791) or IPv6 (RFC 8200) header of one packet, decoded in place and reused. Addresses are kept as
 * bytes; text is built only when a summary is emitted.
 */
final class IpPacket {
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    /** IPv6 extension headers walked at most before giving up (RFC 8200 §4.1 recommends a small number). */
    static final int MAX_EXTENSION_HEADERS = 8;

    enum Result { OK, TRUNCATED, MALFORMED, FRAGMENT, NO_PAYLOAD }

    final byte[] source = new byte[16];
    final byte[] destination = new byte[16];
    int version;
    int protocol;
    /** Offset of the transport header in the frame. */
    int payloadOffset;
    /** End of the transport payload actually captured (≤ the datagram end). */
    int payloadEnd;
    /** Where the IP datagram ends by its own length field (bytes after it are padding or a trailer). */
    int datagramEnd;
    /** The datagram was cut by the snapshot length. */
    boolean truncated;

    int addressLength() {
        return version == 4 ? 4 : 16;
    }

    Result decode(byte[] data, int offset, int frameLength, int version) {
        this.version = version;
        truncated = false;
        return version == 4 ? decode4(data, offset, frameLength) : decode6(data, offset, frameLength);
    }

    private Result decode4(byte[] d, int at, int end) {
        if (at + 20 > end) {
            return Result.TRUNCATED;
        }
        if ((d[at] & 0xf0) != 0x40) {
            return Result.MALFORMED;
        }
        int headerLength = (d[at] & 0x0f) * 4;
        int totalLength = Bytes.u16be(d, at + 2);
        if (headerLength < 20) {
            return Result.MALFORMED;
        }
        if (at + headerLength > end) {
            return Result.TRUNCATED;
        }
        if (totalLength == 0) {
            totalLength = end - at; // TCP segmentation offload: the length was never filled in
        }
        if (totalLength < headerLength) {
            return Result.MALFORMED;
        }
        int flagsAndOffset = Bytes.u16be(d, at + 6);
        if ((flagsAndOffset & 0x1fff) != 0) {
            return Result.FRAGMENT;
        }
        protocol = Bytes.u8(d, at + 9);
        System.arraycopy(d, at + 12, source, 0, 4);
        System.arraycopy(d, at + 16, destination, 0, 4);
        payloadOffset = at + headerLength;
        datagramEnd = at + totalLength;
        if (datagramEnd > end) {
            truncated = true;
            datagramEnd = end;
        }
        payloadEnd = datagramEnd;
        return Result.OK;
    }

    private Result decode6(byte[] d, int at, int end) {
        if (at + 40 > end) {
            return Result.TRUNCATED;
        }
        if ((d[at] & 0xf0) != 0x60) {
            return Result.MALFORMED;
        }
        int payloadLength = Bytes.u16be(d, at + 4);
        int next = Bytes.u8(d, at + 6);
        System.arraycopy(d, at + 8, source, 0, 16);
        System.arraycopy(d, at + 24, destination, 0, 16);
        datagramEnd = payloadLength == 0 ? end : at + 40 + payloadLength; // 0: jumbogram or offload
        if (datagramEnd > end) {
            truncated = true;
            datagramEnd = end;
        }
        int p = at + 40;
        for (int walked = 0; ; walked++) {
            switch (next) {
                case 0, 43, 60 -> { // hop-by-hop, routing, destination options: (length + 1) * 8 bytes
                    if (walked == MAX_EXTENSION_HEADERS) {
                        return Result.MALFORMED;
                    }
                    if (p + 2 > datagramEnd) {
                        return truncated ? Result.TRUNCATED : Result.MALFORMED;
                    }
                    next = Bytes.u8(d, p);
                    p += (Bytes.u8(d, p + 1) + 1) * 8;
                }
                case 44 -> { // fragment: 8 bytes; offset in the upper 13 bits of bytes 2-3
                    if (p + 8 > datagramEnd) {
                        return truncated ? Result.TRUNCATED : Result.MALFORMED;
                    }
                    if ((Bytes.u16be(d, p + 2) & 0xfff8) != 0) {
                        return Result.FRAGMENT;
                    }
                    next = Bytes.u8(d, p);
                    p += 8;
                    if (walked == MAX_EXTENSION_HEADERS) {
                        return Result.MALFORMED;
                    }
                }
                case 51 -> { // authentication header: (length + 2) * 4 bytes
                    if (walked == MAX_EXTENSION_HEADERS) {
                        return Result.MALFORMED;
                    }
                    if (p + 2 > datagramEnd) {
                        return truncated ? Result.TRUNCATED : Result.MALFORMED;
                    }
                    next = Bytes.u8(d, p);
                    p += (Bytes.u8(d, p + 1) + 2) * 4;
                }
                case 59 -> {
                    return Result.NO_PAYLOAD;
                }
                default -> {
                    if (p > datagramEnd) {
                        return truncated ? Result.TRUNCATED : Result.MALFORMED;
                    }
                    protocol = next;
                    payloadOffset = p;
                    payloadEnd = datagramEnd;
                    return Result.OK;
                }
            }
        }
    }
}
