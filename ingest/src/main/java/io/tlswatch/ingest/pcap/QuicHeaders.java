package io.tlswatch.ingest.pcap;

/**
 * What the unprotected long headers of one UDP datagram say (RFC 8999, RFC 9000 §17.2, RFC 9369 §3.2): the packet
 * types it coalesces and where its last whole packet ends. Only the header fields sent in the clear are read
 * (version, connection-ID lengths, token and Length): decryption is the processors' part
 * ({@code QuicInitialDecoder}). Reused; not thread-safe.
 */
final class QuicHeaders {
    static final int VERSION_1 = 0x00000001;
    /** RFC 9369 §3.1. */
    static final int VERSION_2 = 0x6b3343cf;
    /** RFC 9000 §17.2: connection IDs are at most 20 bytes in versions 1 and 2. */
    static final int MAX_CID = 20;
    /**
     * RFC 9001 §5.4.2: a protected packet holds at least the 4 bytes before the header-protection sample and the
     * 16-byte sample (which the AEAD tag covers); shorter, it cannot be read.
     */
    static final int MIN_PROTECTED = 4 + 16;

    /** The version of the first packet (0 for Version Negotiation; -1 without a long header). */
    int version;
    /** The first packet is a whole Initial of version 1 or 2: a client may open a connection with it. */
    boolean startsWithInitial;
    boolean initial;
    boolean handshake;
    boolean zeroRtt;
    boolean retry;
    boolean versionNegotiation;
    /** A 1-RTT packet (short header with the fixed bit) follows, or starts the datagram. */
    boolean shortHeader;
    /** A long header whose lengths contradict the datagram, or of an unknown version after a known one. */
    boolean malformed;
    /** End of the bytes worth keeping: the last whole packet (and a short-header tail, which runs to the end). */
    int keepEnd;

    /** Reads the headers of {@code d[from, to)}. */
    void scan(byte[] d, int from, int to) {
        version = -1;
        startsWithInitial = false;
        initial = false;
        handshake = false;
        zeroRtt = false;
        retry = false;
        versionNegotiation = false;
        shortHeader = false;
        malformed = false;
        keepEnd = from;
        int p = from;
        while (p < to) {
            int b0 = d[p] & 0xff;
            if ((b0 & 0x80) == 0) {
                if ((b0 & 0x40) != 0) {
                    shortHeader = true;
                    keepEnd = to;
                }
                return; // a short header runs to the datagram's end; zeros are padding
            }
            if (to - p < 7) {
                malformed = true;
                return;
            }
            int v = Bytes.u32be(d, p + 1);
            if (p == from) {
                version = v;
            }
            if (v == 0) {
                versionNegotiation = true; // RFC 9000 §17.2.1: the rest is the list of versions
                keepEnd = to;
                return;
            }
            if (v != VERSION_1 && v != VERSION_2) {
                malformed |= p != from; // an unknown version first is simply not QUIC we read
                return;
            }
            int q = p + 5;
            int dcid = d[q++] & 0xff;
            if (dcid > MAX_CID || to - q < dcid + 1) {
                malformed = true;
                return;
            }
            q += dcid;
            int scid = d[q++] & 0xff;
            if (scid > MAX_CID || to - q < scid) {
                malformed = true;
                return;
            }
            q += scid;
            int bits = (b0 >> 4) & 0x03;
            int type = v == VERSION_2 ? (bits + 3) & 0x03 : bits; // as version 1 numbers them
            if (type == 3) {
                retry = true; // no Length field: a Retry ends its datagram
                keepEnd = to;
                return;
            }
            if (type == 0) {
                long token = varint(d, q, to);
                if (token < 0 || to - (q + varintLength(d, q)) < token) {
                    malformed = true;
                    return;
                }
                q += varintLength(d, q) + (int) token;
            }
            long length = varint(d, q, to);
            if (length < MIN_PROTECTED || to - (q + varintLength(d, q)) < length) {
                malformed = true;
                return;
            }
            q += varintLength(d, q);
            switch (type) {
                case 0 -> {
                    initial = true;
                    startsWithInitial |= p == from;
                }
                case 1 -> zeroRtt = true;
                default -> handshake = true;
            }
            p = q + (int) length;
            keepEnd = p;
        }
    }

    /** RFC 9000 §16 variable-length integer at p, or -1 when it runs past {@code to}. */
    private static long varint(byte[] a, int p, int to) {
        if (p >= to) {
            return -1;
        }
        int n = varintLength(a, p);
        if (to - p < n) {
            return -1;
        }
        long v = a[p] & 0x3f;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (a[p + i] & 0xff);
        }
        return v;
    }

    private static int varintLength(byte[] a, int p) {
        return 1 << ((a[p] & 0xff) >> 6);
    }
}
