package io.tlswatch.ingest.pcap;

/** Unsigned reads from byte arrays; callers check bounds first. */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16be(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    static int u16le(byte[] b, int i) {
        return (b[i + 1] & 0xff) << 8 | (b[i] & 0xff);
    }

    static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? u16be(b, i) : u16le(b, i);
    }

    static int u32be(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    static int u32le(byte[] b, int i) {
        return (b[i + 3] & 0xff) << 24 | (b[i + 2] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i] & 0xff);
    }

    /** A 32-bit field as an unsigned long. */
    static long u32(byte[] b, int i, boolean bigEndian) {
        return (bigEndian ? u32be(b, i) : u32le(b, i)) & 0xffff_ffffL;
    }

    static long u64be(byte[] b, int i) {
        return (long) u32be(b, i) << 32 | (u32be(b, i + 4) & 0xffff_ffffL);
    }
}
