package io.tlswatch.processors.decode.wire;

import java.util.Objects;

/**
 * Decodes the head of one TCP direction (DESIGN §6): an optional PROXY v1/v2 header, then TLS records, an SSLv2
 * hello, a plain HTTP request, or anything else ({@link StreamKind#NOT_TLS}).
 *
 * <p>Every length is checked before it is used; no exception escapes on any bytes. Time is linear in the
 * input; memory is bounded by {@link #MAX_HELLO_MESSAGE} (one hello being reassembled across records) plus
 * the facts themselves.
 *
 * <p>Plaintext rules: a direction is plaintext until its ChangeCipherSpec (TLS 1.2 and earlier) or until its
 * ServerHello selects TLS 1.3; application data is always encrypted. In TLS 1.3 the middlebox-compatibility
 * ChangeCipherSpec does not start encryption: after it, a handshake record is read as plaintext only when it
 * starts a ClientHello or ServerHello (the second hello after a HelloRetryRequest); any other handshake record
 * after it is counted as encrypted. A 2-byte alert record is always plaintext (an encrypted one is longer);
 * longer alert records are counted, never guessed.
 *
 * <p>This class only recognises what the head starts with; each protocol has its own stateless part:
 * {@link ProxyProtocol}, {@link TlsRecords} ({@link Handshakes}, {@link Hellos}, {@link HelloExtensions}),
 * {@link Ssl2Hello}, {@link HttpTunnel}. The scratch of a call (facts so far, reassembly) is a {@link WireScan}
 * created for that call, so an instance holds no state: it is reusable and may be shared between threads.
 */
public final class WireDecoder {
    /** RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14. */
    public static final int MAX_PLAINTEXT_RECORD = 1 << 14;
    /** RFC 5246 §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048. */
    public static final int MAX_CIPHERTEXT_RECORD = (1 << 14) + 2048;
    /**
     * Upper bound of a hello message: the vectors of RFC 8446 §4.1.2 (2 + 32 + 33 + 2^16 + 2^8 + 2^16 bytes)
     * fit in 2^17.
     */
    public static final int MAX_HELLO_MESSAGE = 1 << 17;
    /** haproxy proxy-protocol.txt §2.1: a v1 line is at most 107 bytes, CRLF included. */
    public static final int MAX_PROXY_V1_LINE = 107;
    /** haproxy proxy-protocol.txt §2.2: 12-byte signature, ver/cmd, family, 2-byte length. */
    public static final int PROXY_V2_HEADER = 16;
    /** RFC 8446 §4.1.3: the ServerHello random of a HelloRetryRequest, SHA-256("HelloRetryRequest"). */
    static final byte[] HELLO_RETRY_RANDOM = WireBytes.hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /** Longest HTTP header block searched for the end of a CONNECT exchange; longer ones are not followed. */
    public static final int MAX_HTTP_HEAD = 8192;

    /** RFC 9112 §3 request-line starts (RFC 9110 §9 methods) and the HTTP/2 preface (RFC 9113 §3.4). */
    private static final String[] HTTP_METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "OPTIONS ", "CONNECT ",
            "DELETE ", "PATCH ", "TRACE ", "PRI * HTTP/2"};
    private static final String[] HTTP_METHOD_NAMES = new String[HTTP_METHODS.length];
    private static final byte[][] HTTP_PREFIXES = new byte[HTTP_METHODS.length][];
    /** RFC 9112 §4 status-line start. */
    private static final byte[] HTTP_RESPONSE = WireBytes.ascii("HTTP/1.");

    static {
        for (int i = 0; i < HTTP_METHODS.length; i++) {
            HTTP_PREFIXES[i] = WireBytes.ascii(HTTP_METHODS[i]);
            HTTP_METHOD_NAMES[i] = HTTP_METHODS[i].substring(0, HTTP_METHODS[i].indexOf(' '));
        }
    }

    /** Decodes a whole array. */
    public WireDecodeResult decode(byte[] head) {
        return decode(head, 0, head.length);
    }

    /** Decodes {@code length} bytes of {@code head} from {@code offset}; offsets in the result count from there. */
    public WireDecodeResult decode(byte[] head, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, head.length);
        int end = offset + length;
        if (length == 0) {
            return new WireDecodeResult.Incomplete(1);
        }
        byte[] in = head;
        int p = offset;
        ProxyHeader proxy = null;
        // most heads start with a record type: no PROXY signature begins with one
        int v1 = in[p] == ProxyProtocol.V1_SIGNATURE[0] ? WireBytes.match(in, p, end, ProxyProtocol.V1_SIGNATURE) : -1;
        int v2 = in[p] == ProxyProtocol.V2_SIGNATURE[0] ? WireBytes.match(in, p, end, ProxyProtocol.V2_SIGNATURE) : -1;
        if (v1 == 0 || v2 == 0) {
            return new WireDecodeResult.Incomplete(1);
        }
        if (v1 > 0 || v2 > 0) {
            ProxyProtocol.Parsed parsed = v1 > 0 ? ProxyProtocol.v1(in, p, end) : ProxyProtocol.v2(in, p, end);
            if (parsed.need() > 0) {
                return new WireDecodeResult.Incomplete(parsed.need());
            }
            if (parsed.reason() != null) {
                return new WireDecodeResult.Malformed(parsed.reason(), parsed.offset() - offset);
            }
            proxy = parsed.header();
            p += proxy.length();
            if (p == end) {
                return new WireDecodeResult.Incomplete(1);
            }
        }
        WireScan s = new WireScan(in, offset);
        int b0 = in[p] & 0xff;
        if (TlsRecords.isContentType(b0)) {
            if (end - p < 2) {
                return new WireDecodeResult.Incomplete(1);
            }
            if (in[p + 1] == 3) {
                return TlsRecords.decode(s, StreamKind.TLS, proxy, p, end);
            }
        } else if ((b0 & 0x80) != 0) {
            if (end - p < 3) {
                return new WireDecodeResult.Incomplete(3 - (end - p));
            }
            int type = in[p + 2] & 0xff;
            if (type == Ssl2Hello.MSG_CLIENT_HELLO || type == Ssl2Hello.MSG_SERVER_HELLO) {
                return Ssl2Hello.decode(s, proxy, p, end);
            }
        } else {
            for (int i = 0; i < HTTP_PREFIXES.length; i++) {
                int m = WireBytes.match(in, p, end, HTTP_PREFIXES[i]);
                if (m == 0) {
                    return new WireDecodeResult.Incomplete(1);
                }
                if (m > 0) {
                    String method = HTTP_METHOD_NAMES[i];
                    return http(s, proxy, method, p, end, method.equals("CONNECT"));
                }
            }
            int m = WireBytes.match(in, p, end, HTTP_RESPONSE);
            if (m == 0) {
                return new WireDecodeResult.Incomplete(1);
            }
            if (m > 0) {
                return http(s, proxy, null, p, end, true);
            }
        }
        return s.decoded(StreamKind.NOT_TLS, proxy, null, p - offset, false);
    }

    /**
     * A plain HTTP request or response. After a CONNECT request or a response (the proxy's answer to CONNECT),
     * TLS records that follow the header block are decoded as the tunnelled stream.
     */
    private static WireDecodeResult http(WireScan s, ProxyHeader proxy, String method, int p, int end, boolean tunnel) {
        s.httpMethod = method;
        if (tunnel) {
            int tls = HttpTunnel.tlsStart(s.in, p, end);
            if (tls == HttpTunnel.ONE_MORE_BYTE) {
                return new WireDecodeResult.Incomplete(1);
            }
            if (tls >= 0) {
                s.httpTunnel = true;
                return TlsRecords.decode(s, StreamKind.TLS, proxy, tls, end);
            }
        }
        return s.decoded(StreamKind.HTTP, proxy, method, end - s.base, false);
    }

    /**
     * The handshake messages of a QUIC CRYPTO stream (RFC 9001 §4: TLS handshake messages without records),
     * {@code length} contiguous bytes from offset 0 of {@code stream}. Offsets count from the stream start.
     */
    WireDecodeResult decodeCryptoStream(byte[] stream, int length) {
        WireScan s = new WireScan(stream, 0);
        if (!Handshakes.decode(s, stream, 0, length)) {
            if (s.events == 0) {
                return new WireDecodeResult.Malformed(s.failReason, s.failOffset);
            }
            return s.decoded(StreamKind.QUIC, null, null, length, false);
        }
        boolean midMessage = s.hsLen > 0 || s.skip > 0;
        if (s.events == 0) {
            return new WireDecodeResult.Incomplete(midMessage
                    ? (int) Math.min(Integer.MAX_VALUE, s.hsLen > 0 ? s.hsTotal - s.hsLen : s.skip) : 1);
        }
        return s.decoded(StreamKind.QUIC, null, null, length, midMessage && !s.encrypted);
    }
}
