package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.WireBytes.u24;

/**
 * The handshake layer (RFC 8446 §4): messages over the fragments of handshake records, or over a QUIC CRYPTO
 * stream (RFC 9001 §4). Hellos go to {@link Hellos}, reassembled in the call's {@link WireScan} when they span
 * fragments; other messages are noted by type and skipped without buffering.
 */
final class Handshakes {
    static final int HS_CLIENT_HELLO = 1;
    static final int HS_SERVER_HELLO = 2;
    static final int HS_CERTIFICATE = 11;
    static final int HS_CERTIFICATE_REQUEST = 13;
    static final int HS_SERVER_HELLO_DONE = 14;

    private Handshakes() {}

    /*
     * RFC 8446 §4:
     * struct {
     *     HandshakeType msg_type;
     *     uint24 length;
     *     select (Handshake.msg_type) { ... };
     * } Handshake;
     */
    /** The messages in {@code a[from, to)}; false (the reason in {@code s}) when one is malformed. */
    static boolean decode(WireScan s, byte[] a, int from, int to) {
        while (from < to && !s.encrypted) {
            if (s.skip > 0) {
                int n = (int) Math.min(s.skip, to - from);
                if (s.leafCapture != null && !s.leafCapture.done()) {
                    s.leafCapture.feed(a, from, n);
                }
                s.skip -= n;
                from += n;
                if (s.skip == 0) {
                    s.events++;
                }
                continue;
            }
            if (s.hsLen == 0 && to - from >= 4) {
                int type = a[from] & 0xff;
                int length = u24(a, from + 1);
                if (type != HS_CLIENT_HELLO && type != HS_SERVER_HELLO) {
                    note(s, type, length);
                    from += 4;
                    continue;
                }
                if (length > WireDecoder.MAX_HELLO_MESSAGE) {
                    return s.failAt(MalformedReason.HANDSHAKE_LENGTH, from + 1);
                }
                if (to - from - 4 >= length) {
                    // whole inside this fragment: parsed in place
                    if (!hello(s, type, a, from + 4, from + 4 + length, 0)) {
                        return false;
                    }
                    from += 4 + length;
                    continue;
                }
            }
            if (s.hsLen < 4) {
                if (s.hsLen == 0) {
                    s.hsOffset = from;
                    if (s.hs == null) {
                        s.hs = new byte[512];
                    }
                }
                int n = Math.min(4 - s.hsLen, to - from);
                System.arraycopy(a, from, s.hs, s.hsLen, n);
                s.hsLen += n;
                from += n;
                if (s.hsLen < 4) {
                    continue;
                }
                int type = s.hs[0] & 0xff;
                int length = u24(s.hs, 1);
                if (type != HS_CLIENT_HELLO && type != HS_SERVER_HELLO) {
                    s.hsLen = 0;
                    note(s, type, length);
                    continue;
                }
                if (length > WireDecoder.MAX_HELLO_MESSAGE) {
                    return s.failAt(MalformedReason.HANDSHAKE_LENGTH, s.hsOffset + 1);
                }
                s.hsTotal = 4 + length;
                if (s.hs.length < s.hsTotal) {
                    byte[] bigger = new byte[Math.max(s.hsTotal, s.hs.length * 2)];
                    System.arraycopy(s.hs, 0, bigger, 0, s.hsLen);
                    s.hs = bigger;
                }
            }
            int n = Math.min(s.hsTotal - s.hsLen, to - from);
            System.arraycopy(a, from, s.hs, s.hsLen, n);
            s.hsLen += n;
            from += n;
            if (s.hsLen == s.hsTotal) {
                s.hsLen = 0;
                // errors in a reassembled hello are reported from the message start plus the position inside it
                if (!hello(s, s.hs[0] & 0xff, s.hs, 4, s.hsTotal, s.hsOffset)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A message other than a hello: its type noted, its body to skip. */
    private static void note(WireScan s, int type, int length) {
        switch (type) {
            case HS_CERTIFICATE -> {
                // the first one only, and not TLS 1.3's (encrypted, and laid out with extensions)
                if (!s.certificate && !s.tls13) {
                    s.leafCapture = new LeafCertificate.Capture(length);
                }
                s.certificate = true;
            }
            case HS_CERTIFICATE_REQUEST -> s.certificateRequest = true;
            case HS_SERVER_HELLO_DONE -> s.serverHelloDone = true;
            default -> { }
        }
        s.skip = length;
        if (length == 0) {
            s.events++;
        }
    }

    private static boolean hello(WireScan s, int type, byte[] a, int p, int end, int reassembledAt) {
        boolean ok = type == HS_CLIENT_HELLO
                ? Hellos.clientHello(s, a, p, end, reassembledAt)
                : Hellos.serverHello(s, a, p, end, reassembledAt);
        if (ok) {
            s.events++;
        }
        return ok;
    }
}
