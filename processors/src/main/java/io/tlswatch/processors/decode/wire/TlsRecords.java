package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.WireBytes.u16;
import static io.tlswatch.processors.decode.wire.WireBytes.u24;

/**
 * The TLS record layer (RFC 8446 §5.1, RFC 5246 §6.2) of one direction, with its plaintext rules (see
 * {@link WireDecoder}); handshake records go to {@link Handshakes}. Stateless: everything lives in the
 * {@link WireScan} of the call.
 */
final class TlsRecords {
    static final int CT_CHANGE_CIPHER_SPEC = 20;
    static final int CT_ALERT = 21;
    static final int CT_HANDSHAKE = 22;
    static final int CT_APPLICATION_DATA = 23;
    static final int CT_HEARTBEAT = 24;

    private TlsRecords() {}

    /** A ContentType byte (RFC 8446 §5.1, plus heartbeat of RFC 6520 §3). */
    static boolean isContentType(int b) {
        return b >= CT_CHANGE_CIPHER_SPEC && b <= CT_HEARTBEAT;
    }

    /*
     * RFC 8446 §5.1:
     * struct {
     *     ContentType type;                 // 20..24
     *     ProtocolVersion legacy_record_version;
     *     uint16 length;
     *     opaque fragment[TLSPlaintext.length];
     * } TLSPlaintext;
     */
    static WireDecodeResult decode(WireScan s, StreamKind kind, ProxyHeader proxy, int p, int end) {
        byte[] in = s.in;
        int need = 0;
        while (p < end) {
            if (end - p < 5) {
                need = 5 - (end - p);
                break;
            }
            int type = in[p] & 0xff;
            int length = u16(in, p + 3);
            if (!isContentType(type)) {
                return fail(s, kind, proxy, p, MalformedReason.RECORD_TYPE, p);
            }
            if (in[p + 1] != 3 || (in[p + 2] & 0xff) > 4) {
                return fail(s, kind, proxy, p, MalformedReason.RECORD_VERSION, p + 1);
            }
            if (length > WireDecoder.MAX_CIPHERTEXT_RECORD || (length == 0 && type != CT_APPLICATION_DATA)) {
                return fail(s, kind, proxy, p, MalformedReason.RECORD_LENGTH, p + 3);
            }
            int body = p + 5;
            int avail = Math.min(length, end - body);
            boolean whole = avail == length;
            switch (type) {
                case CT_CHANGE_CIPHER_SPEC -> {
                    // RFC 5246 §7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec;
                    if (whole) {
                        if (length != 1 || in[body] != 1) {
                            return fail(s, kind, proxy, p, MalformedReason.CHANGE_CIPHER_SPEC, body);
                        }
                        s.changeCipherSpec = true;
                        s.events++;
                        if (s.tls13) {
                            s.ccs13 = true;
                        } else {
                            s.encrypted = true;
                        }
                    }
                }
                case CT_ALERT -> {
                    // RFC 8446 §6: struct { AlertLevel level; AlertDescription description; } Alert;
                    if (whole) {
                        if (length == 2) {
                            int level = in[body] & 0xff;
                            if (level != 1 && level != 2) {
                                return fail(s, kind, proxy, p, MalformedReason.ALERT, body);
                            }
                            s.add(new TlsAlert(level, in[body + 1] & 0xff, p - s.base));
                        } else {
                            s.encryptedAlerts++;
                        }
                        s.events++;
                    }
                }
                case CT_HANDSHAKE -> {
                    if (!s.encrypted && s.ccs13 && s.hsLen == 0 && s.skip == 0 && !startsHello(in, body, avail)) {
                        s.encrypted = true;
                    }
                    if (s.encrypted) {
                        s.encryptedRecords++;
                        s.events++;
                    } else {
                        if (length > WireDecoder.MAX_PLAINTEXT_RECORD) {
                            return fail(s, kind, proxy, p, MalformedReason.RECORD_LENGTH, p + 3);
                        }
                        if (!Handshakes.decode(s, in, body, body + avail)) {
                            return fail(s, kind, proxy, p, s.failReason, s.failOffset);
                        }
                    }
                }
                case CT_APPLICATION_DATA -> {
                    s.encrypted = true;
                    s.encryptedRecords++;
                    s.events++;
                }
                default -> {
                    s.heartbeats++;
                    s.events++;
                }
            }
            if (!whole) {
                need = length - avail;
                p = end;
                break;
            }
            p = body + length;
        }
        boolean midMessage = !s.encrypted && (s.hsLen > 0 || s.skip > 0);
        if (need == 0 && midMessage) {
            need = 5 + (int) Math.min(Integer.MAX_VALUE - 5, s.hsLen > 0 ? s.hsTotal - s.hsLen : s.skip);
        }
        boolean truncated = need > 0;
        if (truncated && s.events == 0) {
            return new WireDecodeResult.Incomplete(need);
        }
        return s.decoded(kind, proxy, null, p - s.base, truncated);
    }

    /** A TLS 1.3 hello after the compatibility CCS: type 1 or 2 with a plausible length, at a message boundary. */
    private static boolean startsHello(byte[] in, int body, int avail) {
        if (avail < 4) {
            return false;
        }
        int type = in[body] & 0xff;
        return (type == Handshakes.HS_CLIENT_HELLO || type == Handshakes.HS_SERVER_HELLO)
                && u24(in, body + 1) <= WireDecoder.MAX_HELLO_MESSAGE;
    }

    private static WireDecodeResult fail(WireScan s, StreamKind kind, ProxyHeader proxy, int recordStart,
            MalformedReason reason, int offset) {
        s.failReason = reason;
        s.failOffset = offset;
        if (s.events == 0) {
            return new WireDecodeResult.Malformed(reason, offset - s.base);
        }
        return s.decoded(kind, proxy, null, recordStart - s.base, false);
    }
}
