package io.tlswatch.ingest.simulator.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growable byte buffer with the big-endian fields and length-prefixed vectors TLS and DER are made of. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Bytes u8(int v) {
        out.write(v);
        return this;
    }

    Bytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Bytes u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    Bytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Bytes ascii(String s) {
        return raw(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code b} behind a one-byte length (RFC 8446 §3.4 {@code <0..2^8-1>}). */
    Bytes vec8(byte[] b) {
        return u8(b.length).raw(b);
    }

    Bytes vec16(byte[] b) {
        return u16(b.length).raw(b);
    }

    Bytes vec24(byte[] b) {
        return u24(b.length).raw(b);
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    static Bytes of() {
        return new Bytes();
    }
}
