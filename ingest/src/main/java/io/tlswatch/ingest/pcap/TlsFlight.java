package io.tlswatch.ingest.pcap;

/**
 * Decides from TLS record headers whether the bytes of one direction hold a whole handshake flight, so its
 * summary can go out without waiting for the connection to end. Reads only record headers
 * ({@code ContentType type; ProtocolVersion legacy_record_version; uint16 length}, RFC 8446 §5.1) and handshake
 * message headers ({@code HandshakeType msg_type; uint24 length}, §4), never more than the bytes given.
 *
 * <p>Complete when a whole record set shows: a ClientHello message (client flight), a ServerHelloDone message
 * (TLS ≤ 1.2 server flight), an Alert record, a ChangeCipherSpec or ApplicationData record after a ServerHello
 * (TLS 1.3 server flight, abbreviated handshakes), the record after a ChangeCipherSpec (the encrypted Finished),
 * or any ApplicationData record. An SSLv2 ClientHello is complete when its record is. A PROXY protocol v1/v2
 * header at the very start of the stream is stepped over first. Anything else (HTTP, garbage) is never complete
 * by content: its flight ends when the peer speaks or the connection closes.
 */
final class TlsFlight {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int SERVER_HELLO_DONE = 14;
    /** Largest record length accepted: 2^14 + 2048 (RFC 5246 §6.2.3, TLSCiphertext). */
    static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;
    /** PROXY v1 header is at most 107 bytes, CRLF included (haproxy proxy-protocol.txt §2.1). */
    static final int PROXY_V1_MAX = 107;
    static final byte[] PROXY_V2_SIGNATURE = {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a};

    private TlsFlight() {}

    /** Whether {@code b[from, to)} — a flight starting at stream offset {@code from} — is a whole flight. */
    static boolean isComplete(byte[] b, int from, int to) {
        int p = from;
        if (from == 0) {
            p = skipProxyHeader(b, 0, to);
            if (p < 0) {
                return false;
            }
        }
        if (p + 3 <= to && (b[p] & 0x80) != 0 && b[p + 2] == CLIENT_HELLO) {
            int length = ((b[p] & 0x7f) << 8) | (b[p + 1] & 0xff); // SSLv2 two-byte record header
            return p + 2 + length <= to;
        }
        boolean serverHello = false;
        boolean changeCipherSpec = false;
        // handshake message walk across records: header bytes gathered, then the body skipped
        int headerGathered = 0;
        int messageType = 0;
        long bodyLeft = 0;
        int lengthBytes = 0;
        while (p + 5 <= to) {
            int type = b[p] & 0xff;
            int length = Bytes.u16be(b, p + 3);
            if (type < CHANGE_CIPHER_SPEC || type > APPLICATION_DATA || b[p + 1] != 3 || length > MAX_RECORD_LENGTH) {
                return false;
            }
            int body = p + 5;
            int end = body + length;
            if (end > to) {
                return false;
            }
            if (changeCipherSpec) {
                return true; // the encrypted Finished after ChangeCipherSpec closes the flight
            }
            switch (type) {
                case ALERT, APPLICATION_DATA -> {
                    return true;
                }
                case CHANGE_CIPHER_SPEC -> {
                    if (serverHello) {
                        return true;
                    }
                    changeCipherSpec = true;
                }
                default -> {
                    for (int q = body; q < end; ) {
                        if (bodyLeft > 0) {
                            long step = Math.min(bodyLeft, end - q);
                            bodyLeft -= step;
                            q += (int) step;
                        } else {
                            if (headerGathered == 0) {
                                messageType = b[q] & 0xff;
                                lengthBytes = 0;
                            } else {
                                lengthBytes = lengthBytes << 8 | (b[q] & 0xff);
                            }
                            headerGathered++;
                            q++;
                            if (headerGathered < 4) {
                                continue;
                            }
                            headerGathered = 0;
                            bodyLeft = lengthBytes;
                            if (messageType == SERVER_HELLO) {
                                serverHello = true;
                            }
                        }
                        if (bodyLeft == 0 && headerGathered == 0) {
                            if (messageType == CLIENT_HELLO || messageType == SERVER_HELLO_DONE) {
                                return true;
                            }
                        }
                    }
                }
            }
            p = end;
        }
        return false;
    }

    /**
     * The offset after a PROXY protocol header at {@code p}, {@code p} itself when there is none, or -1 when a
     * header has started but is not whole yet.
     */
    static int skipProxyHeader(byte[] b, int p, int to) {
        if (startsWith(b, p, to, PROXY_V2_SIGNATURE)) {
            if (p + 16 > to) {
                return -1;
            }
            int end = p + 16 + Bytes.u16be(b, p + 14);
            return end <= to ? end : -1;
        }
        if (p + 6 <= to && b[p] == 'P' && b[p + 1] == 'R' && b[p + 2] == 'O' && b[p + 3] == 'X' && b[p + 4] == 'Y'
                && b[p + 5] == ' ') {
            int limit = Math.min(to, p + PROXY_V1_MAX);
            for (int i = p + 6; i + 1 < limit; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    return i + 2;
                }
            }
            return limit - p >= PROXY_V1_MAX ? p : -1; // too long: not a PROXY header after all
        }
        if (to - p < PROXY_V2_SIGNATURE.length && to > p && prefixOf(b, p, to, PROXY_V2_SIGNATURE)) {
            return -1;
        }
        return p;
    }

    /** Whether a payload starts the way only a client starts (ClientHello, SSLv2 hello, PROXY header). */
    static boolean looksLikeClientStart(byte[] b, int p, int to) {
        if (p + 6 <= to && b[p] == HANDSHAKE && b[p + 1] == 3 && b[p + 5] == CLIENT_HELLO) {
            return true;
        }
        if (p + 3 <= to && (b[p] & 0x80) != 0 && b[p + 2] == CLIENT_HELLO) {
            return true;
        }
        return startsWith(b, p, to, PROXY_V2_SIGNATURE)
                || (p + 6 <= to && b[p] == 'P' && b[p + 1] == 'R' && b[p + 2] == 'O' && b[p + 3] == 'X'
                        && b[p + 4] == 'Y' && b[p + 5] == ' ');
    }

    private static boolean startsWith(byte[] b, int p, int to, byte[] prefix) {
        if (p + prefix.length > to) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefixOf(byte[] b, int p, int to, byte[] signature) {
        for (int i = 0; p + i < to; i++) {
            if (b[p + i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
