package io.tlswatch.processors.decode.wire;

import io.tlswatch.processors.decode.IpAddresses;
import io.tlswatch.schemas.IpText;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>An instance is reusable and <b>not thread-safe</b> (it keeps a reassembly buffer); use one per thread.
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
    static final byte[] HELLO_RETRY_RANDOM = hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /** Longest HTTP header block searched for the end of a CONNECT exchange; longer ones are not followed. */
    public static final int MAX_HTTP_HEAD = 8192;

    private static final byte[] PROXY_V1 = ascii("PROXY ");
    private static final byte[] HTTP_RESPONSE = ascii("HTTP/1.");
    private static final byte[] PROXY_V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final String[] HTTP_METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "OPTIONS ", "CONNECT ",
            "DELETE ", "PATCH ", "TRACE ", "PRI * HTTP/2"};
    private static final byte[][] HTTP_PREFIXES = new byte[HTTP_METHODS.length][];
    private static final int[] NONE = new int[0];
    /**
     * {@code {0}}: the compression list and the ec_point_formats of nearly every hello (null, uncompressed),
     * shared instead of allocated each time; hello arrays are read-only (see {@link ClientHello}).
     */
    private static final int[] ZERO = {0};
    /** ALPN protocol ids shared between hellos instead of a new String each time. */
    private static final String[] KNOWN_ALPN = {"h2", "http/1.1", "h3", "http/1.0"};
    private static final byte[][] KNOWN_ALPN_BYTES = new byte[KNOWN_ALPN.length][];

    static {
        for (int i = 0; i < HTTP_METHODS.length; i++) {
            HTTP_PREFIXES[i] = ascii(HTTP_METHODS[i]);
        }
        for (int i = 0; i < KNOWN_ALPN.length; i++) {
            KNOWN_ALPN_BYTES[i] = ascii(KNOWN_ALPN[i]);
        }
    }

    private static final int CT_CHANGE_CIPHER_SPEC = 20;
    private static final int CT_ALERT = 21;
    private static final int CT_HANDSHAKE = 22;
    private static final int CT_APPLICATION_DATA = 23;
    private static final int CT_HEARTBEAT = 24;
    private static final int HS_CLIENT_HELLO = 1;
    private static final int HS_SERVER_HELLO = 2;
    private static final int HS_CERTIFICATE = 11;
    private static final int HS_CERTIFICATE_REQUEST = 13;
    private static final int HS_SERVER_HELLO_DONE = 14;

    // ---- per-decode state (reset by decode) ----
    private byte[] in;
    private int base;
    private String httpMethod;
    private boolean httpTunnel;
    private final List<ClientHello> clientHellos = new ArrayList<>(2);
    private final List<ServerHello> serverHellos = new ArrayList<>(2);
    private final List<TlsAlert> alerts = new ArrayList<>(2);
    private boolean certificate;
    private boolean certificateRequest;
    private boolean serverHelloDone;
    private boolean changeCipherSpec;
    private int encryptedRecords;
    private int encryptedAlerts;
    private int heartbeats;
    private int events;
    /** this direction speaks TLS 1.3: its CCS is the compatibility one */
    private boolean tls13;
    /** the compatibility CCS of TLS 1.3 was seen */
    private boolean ccs13;
    private boolean encrypted;
    private MalformedReason failReason;
    private int failOffset;
    /** handshake reassembly: header and body of the hello being gathered */
    private byte[] hs = new byte[512];
    private int hsLen;
    private int hsTotal;
    private int hsOffset;
    /** bytes of a non-hello handshake message still to skip */
    private long skip;

    /** Decodes a whole array. */
    public WireDecodeResult decode(byte[] head) {
        return decode(head, 0, head.length);
    }

    /** Decodes {@code length} bytes of {@code head} from {@code offset}; offsets in the result count from there. */
    public WireDecodeResult decode(byte[] head, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, head.length);
        reset(head, offset);
        int end = offset + length;
        if (length == 0) {
            return new WireDecodeResult.Incomplete(1);
        }
        int p = offset;
        ProxyHeader proxy = null;
        // most heads start with a record type: no PROXY signature begins with one
        int v1 = in[p] == PROXY_V1[0] ? match(p, end, PROXY_V1) : -1;
        int v2 = in[p] == PROXY_V2[0] ? match(p, end, PROXY_V2) : -1;
        if (v1 == 0 || v2 == 0) {
            return new WireDecodeResult.Incomplete(1);
        }
        if (v1 > 0 || v2 > 0) {
            int need = v1 > 0 ? proxyV1(p, end) : proxyV2(p, end);
            if (need > 0) {
                return new WireDecodeResult.Incomplete(need);
            }
            if (need < 0) {
                return new WireDecodeResult.Malformed(failReason, failOffset - base);
            }
            proxy = proxyHeader;
            p += proxy.length();
            if (p == end) {
                return new WireDecodeResult.Incomplete(1);
            }
        }
        int b0 = in[p] & 0xff;
        if (b0 >= CT_CHANGE_CIPHER_SPEC && b0 <= CT_HEARTBEAT) {
            if (end - p < 2) {
                return new WireDecodeResult.Incomplete(1);
            }
            if (in[p + 1] == 3) {
                return records(StreamKind.TLS, proxy, p, end);
            }
        } else if ((b0 & 0x80) != 0) {
            if (end - p < 3) {
                return new WireDecodeResult.Incomplete(3 - (end - p));
            }
            int type = in[p + 2] & 0xff;
            if (type == 1 || type == 4) {
                return sslv2(proxy, p, end);
            }
        } else {
            for (int i = 0; i < HTTP_PREFIXES.length; i++) {
                int m = match(p, end, HTTP_PREFIXES[i]);
                if (m == 0) {
                    return new WireDecodeResult.Incomplete(1);
                }
                if (m > 0) {
                    String method = HTTP_METHODS[i].substring(0, HTTP_METHODS[i].indexOf(' '));
                    return http(proxy, method, p, end, method.equals("CONNECT"));
                }
            }
            int m = match(p, end, HTTP_RESPONSE);
            if (m == 0) {
                return new WireDecodeResult.Incomplete(1);
            }
            if (m > 0) {
                return http(proxy, null, p, end, true);
            }
        }
        return decoded(StreamKind.NOT_TLS, proxy, null, p - base, false);
    }

    /**
     * A plain HTTP request or response. After a CONNECT request or a response (the proxy's answer to CONNECT),
     * TLS records that follow the header block are decoded as the tunnelled stream.
     */
    private WireDecodeResult http(ProxyHeader proxy, String method, int p, int end, boolean tunnel) {
        if (tunnel) {
            int limit = Math.min(end, p + MAX_HTTP_HEAD);
            for (int i = p; i + 3 < limit; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n' && in[i + 2] == '\r' && in[i + 3] == '\n') {
                    int tls = i + 4;
                    if (end - tls == 1 && (in[tls] & 0xff) >= CT_CHANGE_CIPHER_SPEC && (in[tls] & 0xff) <= CT_HEARTBEAT) {
                        return new WireDecodeResult.Incomplete(1);
                    }
                    if (end - tls >= 2 && (in[tls] & 0xff) >= CT_CHANGE_CIPHER_SPEC && (in[tls] & 0xff) <= CT_HEARTBEAT
                            && in[tls + 1] == 3) {
                        httpMethod = method;
                        httpTunnel = true;
                        return records(StreamKind.TLS, proxy, tls, end);
                    }
                    break;
                }
            }
        }
        httpMethod = method;
        return decoded(StreamKind.HTTP, proxy, method, end - base, false);
    }

    /**
     * The handshake messages of a QUIC CRYPTO stream (RFC 9001 §4: TLS handshake messages without records),
     * {@code length} contiguous bytes from offset 0 of {@code stream}. Offsets count from the stream start.
     */
    WireDecodeResult decodeCryptoStream(byte[] stream, int length) {
        reset(stream, 0);
        if (!handshake(stream, 0, length)) {
            if (events == 0) {
                return new WireDecodeResult.Malformed(failReason, failOffset);
            }
            return decoded(StreamKind.QUIC, null, null, length, false);
        }
        boolean midMessage = hsLen > 0 || skip > 0;
        if (events == 0) {
            return new WireDecodeResult.Incomplete(midMessage ? (int) Math.min(Integer.MAX_VALUE, hsLen > 0 ? hsTotal - hsLen : skip) : 1);
        }
        return decoded(StreamKind.QUIC, null, null, length, midMessage && !encrypted);
    }

    private void reset(byte[] head, int offset) {
        in = head;
        base = offset;
        clientHellos.clear();
        serverHellos.clear();
        alerts.clear();
        certificate = false;
        certificateRequest = false;
        serverHelloDone = false;
        changeCipherSpec = false;
        encryptedRecords = 0;
        encryptedAlerts = 0;
        heartbeats = 0;
        events = 0;
        tls13 = false;
        ccs13 = false;
        encrypted = false;
        failReason = null;
        failOffset = -1;
        hsLen = 0;
        hsTotal = 0;
        skip = 0;
        proxyHeader = null;
        httpMethod = null;
        httpTunnel = false;
    }

    private WireDecodeResult decoded(StreamKind kind, ProxyHeader proxy, String method, int bytesRead, boolean truncated) {
        return new WireDecodeResult.Decoded(new HandshakeFacts(kind, proxy, method != null ? method : httpMethod,
                httpTunnel, immutable(clientHellos),
                immutable(serverHellos), certificate, certificateRequest, serverHelloDone, changeCipherSpec,
                immutable(alerts), encryptedRecords, encryptedAlerts, heartbeats, bytesRead, truncated,
                failReason, failReason == null ? -1 : failOffset - base));
    }

    /** An immutable copy with one allocation for the usual sizes (0, 1, 2). */
    private static <T> List<T> immutable(List<T> list) {
        return switch (list.size()) {
            case 0 -> List.of();
            case 1 -> List.of(list.get(0));
            case 2 -> List.of(list.get(0), list.get(1));
            default -> List.copyOf(list);
        };
    }

    /** 1: {@code sig} starts at p; 0: the input ends inside a prefix of it; -1: no. */
    private int match(int p, int end, byte[] sig) {
        int n = Math.min(sig.length, end - p);
        for (int i = 0; i < n; i++) {
            if (in[p + i] != sig[i]) {
                return -1;
            }
        }
        return n == sig.length ? 1 : 0;
    }

    // ---- TLS records (RFC 8446 §5.1) ---------------------------------------------------------------------

    /*
     * struct {
     *     ContentType type;                 // 20..24
     *     ProtocolVersion legacy_record_version;
     *     uint16 length;
     *     opaque fragment[TLSPlaintext.length];
     * } TLSPlaintext;
     */
    private WireDecodeResult records(StreamKind kind, ProxyHeader proxy, int p, int end) {
        int need = 0;
        while (p < end) {
            if (end - p < 5) {
                need = 5 - (end - p);
                break;
            }
            int type = in[p] & 0xff;
            int length = u16(in, p + 3);
            if (type < CT_CHANGE_CIPHER_SPEC || type > CT_HEARTBEAT) {
                return fail(kind, proxy, p, MalformedReason.RECORD_TYPE, p);
            }
            if (in[p + 1] != 3 || (in[p + 2] & 0xff) > 4) {
                return fail(kind, proxy, p, MalformedReason.RECORD_VERSION, p + 1);
            }
            if (length > MAX_CIPHERTEXT_RECORD || (length == 0 && type != CT_APPLICATION_DATA)) {
                return fail(kind, proxy, p, MalformedReason.RECORD_LENGTH, p + 3);
            }
            int body = p + 5;
            int avail = Math.min(length, end - body);
            boolean whole = avail == length;
            switch (type) {
                case CT_CHANGE_CIPHER_SPEC -> {
                    if (whole) {
                        if (length != 1 || in[body] != 1) {
                            return fail(kind, proxy, p, MalformedReason.CHANGE_CIPHER_SPEC, body);
                        }
                        changeCipherSpec = true;
                        events++;
                        if (tls13) {
                            ccs13 = true;
                        } else {
                            encrypted = true;
                        }
                    }
                }
                case CT_ALERT -> {
                    if (whole) {
                        if (length == 2) {
                            int level = in[body] & 0xff;
                            if (level != 1 && level != 2) {
                                return fail(kind, proxy, p, MalformedReason.ALERT, body);
                            }
                            alerts.add(new TlsAlert(level, in[body + 1] & 0xff, p - base));
                        } else {
                            encryptedAlerts++;
                        }
                        events++;
                    }
                }
                case CT_HANDSHAKE -> {
                    if (!encrypted && ccs13 && hsLen == 0 && skip == 0 && !startsHello(body, avail)) {
                        encrypted = true;
                    }
                    if (encrypted) {
                        encryptedRecords++;
                        events++;
                    } else {
                        if (length > MAX_PLAINTEXT_RECORD) {
                            return fail(kind, proxy, p, MalformedReason.RECORD_LENGTH, p + 3);
                        }
                        if (!handshake(in, body, body + avail)) {
                            return fail(kind, proxy, p, failReason, failOffset);
                        }
                    }
                }
                case CT_APPLICATION_DATA -> {
                    encrypted = true;
                    encryptedRecords++;
                    events++;
                }
                default -> {
                    heartbeats++;
                    events++;
                }
            }
            if (!whole) {
                need = length - avail;
                p = end;
                break;
            }
            p = body + length;
        }
        boolean midMessage = !encrypted && (hsLen > 0 || skip > 0);
        if (need == 0 && midMessage) {
            need = 5 + (int) Math.min(Integer.MAX_VALUE - 5, hsLen > 0 ? hsTotal - hsLen : skip);
        }
        boolean truncated = need > 0;
        if (truncated && events == 0) {
            return new WireDecodeResult.Incomplete(need);
        }
        return decoded(kind, proxy, null, p - base, truncated);
    }

    /** A TLS 1.3 hello after the compatibility CCS: type 1 or 2 with a plausible length, at a message boundary. */
    private boolean startsHello(int body, int avail) {
        if (avail < 4) {
            return false;
        }
        int type = in[body] & 0xff;
        return (type == HS_CLIENT_HELLO || type == HS_SERVER_HELLO) && u24(in, body + 1) <= MAX_HELLO_MESSAGE;
    }

    private WireDecodeResult fail(StreamKind kind, ProxyHeader proxy, int recordStart, MalformedReason reason, int offset) {
        failReason = reason;
        failOffset = offset;
        if (events == 0) {
            return new WireDecodeResult.Malformed(reason, offset - base);
        }
        return decoded(kind, proxy, null, recordStart - base, false);
    }

    // ---- handshake layer (RFC 8446 §4) --------------------------------------------------------------------

    /*
     * struct {
     *     HandshakeType msg_type;
     *     uint24 length;
     *     select (Handshake.msg_type) { ... };
     * } Handshake;
     *
     * Hellos are parsed (reassembled across records when they span several); other messages are noted by type
     * and skipped without buffering.
     */
    private boolean handshake(byte[] a, int from, int to) {
        while (from < to && !encrypted) {
            if (skip > 0) {
                int n = (int) Math.min(skip, to - from);
                skip -= n;
                from += n;
                if (skip == 0) {
                    events++;
                }
                continue;
            }
            if (hsLen == 0 && to - from >= 4) {
                int type = a[from] & 0xff;
                int length = u24(a, from + 1);
                if (type != HS_CLIENT_HELLO && type != HS_SERVER_HELLO) {
                    note(type, length);
                    from += 4;
                    continue;
                }
                if (length > MAX_HELLO_MESSAGE) {
                    return failAt(MalformedReason.HANDSHAKE_LENGTH, from + 1);
                }
                if (to - from - 4 >= length) {
                    if (!hello(type, a, from + 4, from + 4 + length, 0)) {
                        return false;
                    }
                    from += 4 + length;
                    continue;
                }
            }
            if (hsLen < 4) {
                if (hsLen == 0) {
                    hsOffset = from;
                }
                int n = Math.min(4 - hsLen, to - from);
                System.arraycopy(a, from, hs, hsLen, n);
                hsLen += n;
                from += n;
                if (hsLen < 4) {
                    continue;
                }
                int type = hs[0] & 0xff;
                int length = u24(hs, 1);
                if (type != HS_CLIENT_HELLO && type != HS_SERVER_HELLO) {
                    hsLen = 0;
                    note(type, length);
                    continue;
                }
                if (length > MAX_HELLO_MESSAGE) {
                    return failAt(MalformedReason.HANDSHAKE_LENGTH, hsOffset + 1);
                }
                hsTotal = 4 + length;
                if (hs.length < hsTotal) {
                    byte[] bigger = new byte[Math.max(hsTotal, hs.length * 2)];
                    System.arraycopy(hs, 0, bigger, 0, hsLen);
                    hs = bigger;
                }
            }
            int n = Math.min(hsTotal - hsLen, to - from);
            System.arraycopy(a, from, hs, hsLen, n);
            hsLen += n;
            from += n;
            if (hsLen == hsTotal) {
                hsLen = 0;
                // errors in a reassembled hello are reported from the message start plus the position inside it
                if (!hello(hs[0] & 0xff, hs, 4, hsTotal, hsOffset)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void note(int type, int length) {
        switch (type) {
            case HS_CERTIFICATE -> certificate = true;
            case HS_CERTIFICATE_REQUEST -> certificateRequest = true;
            case HS_SERVER_HELLO_DONE -> serverHelloDone = true;
            default -> { }
        }
        skip = length;
        if (length == 0) {
            events++;
        }
    }

    private boolean failAt(MalformedReason reason, int offset) {
        failReason = reason;
        failOffset = offset;
        return false;
    }

    /** Offsets: in the input when {@code a} is the input, else {@code reassembledAt} plus the position in {@code hs}. */
    private int at(byte[] a, int q, int reassembledAt) {
        return a == in ? q : reassembledAt + q;
    }

    private boolean hello(int type, byte[] a, int p, int end, int reassembledAt) {
        boolean ok = type == HS_CLIENT_HELLO ? clientHello(a, p, end, reassembledAt) : serverHello(a, p, end, reassembledAt);
        if (ok) {
            events++;
        }
        return ok;
    }

    private boolean clientHello(byte[] a, int p, int end, int r) {
        int msg = at(a, p - 4, r);
        int q = p;
        if (end - q < 2 + 32 + 1) {
            return failAt(MalformedReason.HELLO_VECTOR, at(a, q, r));
        }
        int legacy = u16(a, q);
        q += 34;
        int sessionId = a[q] & 0xff;
        q++;
        if (sessionId > 32 || end - q < sessionId + 2) {
            return failAt(MalformedReason.HELLO_VECTOR, at(a, q - 1, r));
        }
        q += sessionId;
        int cipherBytes = u16(a, q);
        q += 2;
        if ((cipherBytes & 1) != 0 || end - q < cipherBytes + 1) {
            return failAt(MalformedReason.HELLO_VECTOR, at(a, q - 2, r));
        }
        int[] ciphers = u16s(a, q, cipherBytes >> 1);
        q += cipherBytes;
        int compressionBytes = a[q] & 0xff;
        q++;
        if (end - q < compressionBytes) {
            return failAt(MalformedReason.HELLO_VECTOR, at(a, q - 1, r));
        }
        int[] compression = u8s(a, q, compressionBytes);
        q += compressionBytes;
        Extensions x = new Extensions(extensionTypes);
        boolean ok = q >= end || extensions(x, a, q, end, r, true);
        if (x.typeList != extensionTypes) {
            extensionTypes = x.typeList; // grown: keep it (only then, to spare the barrier)
        }
        if (!ok) {
            return false;
        }
        ClientHello hello = new ClientHello(false, legacy, sessionId, ciphers, compression, x.types(), x.serverName,
                x.alpn == null ? List.of() : x.alpn, x.groups, x.pointFormats, x.sigAlgs,
                x.sigAlgsCert, x.versions, x.keyShares, x.ech, msg - base);
        clientHellos.add(hello);
        for (int v : hello.supportedVersions()) {
            if (v == 0x0304) {
                tls13 = true;
            }
        }
        return true;
    }

    private boolean serverHello(byte[] a, int p, int end, int r) {
        int msg = at(a, p - 4, r);
        int q = p;
        if (end - q < 2 + 32 + 1) {
            return failAt(MalformedReason.HELLO_VECTOR, at(a, q, r));
        }
        int legacy = u16(a, q);
        boolean retry = true;
        for (int i = 0; i < 32; i++) {
            if (a[q + 2 + i] != HELLO_RETRY_RANDOM[i]) {
                retry = false;
                break;
            }
        }
        q += 34;
        int cipher;
        int compression = 0;
        if (TlsNames.isTls13Draft(legacy)) {
            /*
             * TLS 1.3 drafts up to 21 (draft-ietf-tls-tls13-21 §4.1.3):
             * struct { ProtocolVersion version; Random random; CipherSuite cipher_suite;
             *          Extension extensions<6..2^16-1>; } ServerHello;
             */
            if (end - q < 2) {
                return failAt(MalformedReason.HELLO_VECTOR, at(a, q, r));
            }
            cipher = u16(a, q);
            q += 2;
        } else {
            int sessionId = a[q] & 0xff;
            q++;
            if (sessionId > 32 || end - q < sessionId + 3) {
                return failAt(MalformedReason.HELLO_VECTOR, at(a, q - 1, r));
            }
            q += sessionId;
            cipher = u16(a, q);
            compression = a[q + 2] & 0xff;
            q += 3;
        }
        Extensions x = new Extensions(extensionTypes);
        boolean ok = q >= end || extensions(x, a, q, end, r, false);
        if (x.typeList != extensionTypes) {
            extensionTypes = x.typeList; // grown: keep it (only then, to spare the barrier)
        }
        if (!ok) {
            return false;
        }
        ServerHello hello = new ServerHello(legacy, x.selectedVersion, cipher, compression, x.types(),
                x.alpn == null || x.alpn.isEmpty() ? null : x.alpn.get(0), x.keyShare, retry, msg - base);
        serverHellos.add(hello);
        if (retry) {
            tls13 = true;
        } else if (hello.version() > 0x0303) {
            // TLS 1.3, one of its drafts (0x7fNN) or a version this decoder does not know: a well-formed
            // ServerHello is TLS, and nothing after it can be read as plaintext (RFC 8446 §2)
            tls13 = true;
            encrypted = true;
        }
        return true;
    }

    // ---- extensions (RFC 8446 §4.2) -----------------------------------------------------------------------

    /** The extension types of the hello being parsed, reused between hellos. */
    private int[] extensionTypes = new int[32];

    /**
     * The extensions of one hello, a new object per hello: G1 makes every store of a new array into a
     * long-lived object pay a memory fence (its card-marking barrier); stores into a young object do not.
     */
    private static final class Extensions {
        /** the decoder's reusable buffer, replaced when a hello has more extensions than it holds */
        int[] typeList;
        int count;
        String serverName;
        List<String> alpn;
        int[] groups = NONE;
        int[] pointFormats = NONE;
        int[] sigAlgs = NONE;
        int[] sigAlgsCert = NONE;
        int[] versions = NONE;
        int[] keyShares = NONE;
        boolean ech;
        int selectedVersion;
        int keyShare = -1;

        Extensions(int[] typeList) {
            this.typeList = typeList;
        }

        void add(int type) {
            if (count == typeList.length) {
                int[] bigger = new int[count * 2];
                System.arraycopy(typeList, 0, bigger, 0, count);
                typeList = bigger;
            }
            typeList[count++] = type;
        }

        int[] types() {
            return count == 0 ? NONE : Arrays.copyOf(typeList, count);
        }

        /** One extension's data between d and e into these fields; false when its inner lengths disagree. */
        boolean extension(int type, byte[] a, int d, int e, boolean client) {
            return switch (type) {
                case TlsValues.EXT_SERVER_NAME -> serverName(a, d, e);
                case TlsValues.EXT_ALPN -> alpn(a, d, e);
                case TlsValues.EXT_SUPPORTED_GROUPS -> (groups = u16Vector(a, d, e)) != null;
                case TlsValues.EXT_SIGNATURE_ALGORITHMS -> (sigAlgs = u16Vector(a, d, e)) != null;
                case TlsValues.EXT_SIGNATURE_ALGORITHMS_CERT -> (sigAlgsCert = u16Vector(a, d, e)) != null;
                case TlsValues.EXT_EC_POINT_FORMATS -> pointFormats(a, d, e);
                case TlsValues.EXT_SUPPORTED_VERSIONS -> client ? supportedVersions(a, d, e) : selectedVersion(a, d, e);
                case TlsValues.EXT_KEY_SHARE -> client ? keyShares(a, d, e) : serverShare(a, d, e);
                case TlsValues.EXT_ENCRYPTED_CLIENT_HELLO -> ech = true;
                default -> true;
            };
        }

        /* struct { NameType name_type; opaque HostName<1..2^16-1>; } ServerName; ServerName server_name_list<1..2^16-1> */
        boolean serverName(byte[] a, int d, int e) {
            int n = e - d;
            if (n == 0) {
                return true; // a server's empty acknowledgement (RFC 6066 §3)
            }
            if (n < 2 || u16(a, d) != n - 2) {
                return false;
            }
            for (int q = d + 2; q < e; ) {
                if (e - q < 3) {
                    return false;
                }
                int len = u16(a, q + 1);
                if (e - q - 3 < len) {
                    return false;
                }
                if (a[q] == 0 && serverName == null) {
                    serverName = new String(a, q + 3, len, StandardCharsets.ISO_8859_1);
                }
                q += 3 + len;
            }
            return true;
        }

        /* opaque ProtocolName<1..2^8-1>; ProtocolName protocol_name_list<2..2^16-1> */
        boolean alpn(byte[] a, int d, int e) {
            int n = e - d;
            if (n < 2 || u16(a, d) != n - 2) {
                return false;
            }
            // one pass to check and count, then the names straight into an exact immutable list
            int count = 0;
            for (int q = d + 2; q < e; count++) {
                int len = a[q] & 0xff;
                if (len == 0 || e - q - 1 < len) {
                    return false;
                }
                q += 1 + len;
            }
            int first = d + 2;
            if (count == 0) {
                alpn = List.of();
            } else if (count == 1) {
                alpn = List.of(protocolName(a, first));
            } else if (count == 2) {
                alpn = List.of(protocolName(a, first), protocolName(a, first + 1 + (a[first] & 0xff)));
            } else {
                String[] names = new String[count];
                for (int i = 0, q = first; i < count; i++, q += 1 + (a[q] & 0xff)) {
                    names[i] = protocolName(a, q);
                }
                alpn = List.of(names);
            }
            return true;
        }

        /* ECPointFormat ec_point_format_list<1..2^8-1> */
        boolean pointFormats(byte[] a, int d, int e) {
            int n = e - d;
            if (n < 1 || (a[d] & 0xff) != n - 1) {
                return false;
            }
            pointFormats = u8s(a, d + 1, n - 1);
            return true;
        }

        /* ProtocolVersion versions<2..254> */
        boolean supportedVersions(byte[] a, int d, int e) {
            int n = e - d;
            if (n < 1 || (a[d] & 0xff) != n - 1 || ((n - 1) & 1) != 0) {
                return false;
            }
            versions = u16s(a, d + 1, (n - 1) >> 1);
            return true;
        }

        /* ProtocolVersion selected_version (ServerHello) */
        boolean selectedVersion(byte[] a, int d, int e) {
            if (e - d != 2) {
                return false;
            }
            selectedVersion = u16(a, d);
            return true;
        }

        /*
         * struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
         * KeyShareEntry client_shares<0..2^16-1>
         */
        boolean keyShares(byte[] a, int d, int e) {
            int n = e - d;
            if (n < 2 || u16(a, d) != n - 2) {
                return false;
            }
            int count = 0;
            for (int q = d + 2; q < e; count++) {
                if (e - q < 4 || e - q - 4 < u16(a, q + 2)) {
                    return false;
                }
                q += 4 + u16(a, q + 2);
            }
            int[] groups = new int[count];
            int i = 0;
            for (int q = d + 2; q < e; q += 4 + u16(a, q + 2)) {
                groups[i++] = u16(a, q);
            }
            keyShares = groups;
            return true;
        }

        /* KeyShareEntry server_share, or NamedGroup selected_group in a HelloRetryRequest */
        boolean serverShare(byte[] a, int d, int e) {
            int n = e - d;
            if (n < 2 || (n > 2 && (n < 4 || u16(a, d + 2) != n - 4))) {
                return false;
            }
            keyShare = u16(a, d);
            return true;
        }
    }


    /*
     * struct {
     *     ExtensionType extension_type;
     *     opaque extension_data<0..2^16-1>;
     * } Extension;
     */
    private boolean extensions(Extensions x, byte[] a, int q, int end, int r, boolean client) {
        if (end - q < 2 || u16(a, q) != end - q - 2) {
            return failAt(MalformedReason.HELLO_VECTOR, at(a, q, r));
        }
        q += 2;
        while (q < end) {
            if (end - q < 4) {
                return failAt(MalformedReason.HELLO_VECTOR, at(a, q, r));
            }
            int type = u16(a, q);
            int length = u16(a, q + 2);
            int d = q + 4;
            if (end - d < length) {
                return failAt(MalformedReason.HELLO_VECTOR, at(a, q + 2, r));
            }
            x.add(type);
            if (!x.extension(type, a, d, d + length, client)) {
                return failAt(MalformedReason.EXTENSION, at(a, q, r));
            }
            q = d + length;
        }
        return true;
    }

    /**
     * The ProtocolName whose length byte is at {@code q}: the shared constant for the protocols nearly every
     * hello offers (IANA ALPN registry), else a new String (one char per byte).
     */
    private static String protocolName(byte[] a, int q) {
        int len = a[q] & 0xff;
        for (int i = 0; i < KNOWN_ALPN.length; i++) {
            byte[] known = KNOWN_ALPN_BYTES[i];
            if (known.length == len && sameBytes(a, q + 1, known)) {
                return KNOWN_ALPN[i];
            }
        }
        return new String(a, q + 1, len, StandardCharsets.ISO_8859_1);
    }

    /** {@code a} holds {@code known} at p; a plain loop: the range form of Arrays.equals costs more on 2-8 bytes. */
    private static boolean sameBytes(byte[] a, int p, byte[] known) {
        for (int i = 0; i < known.length; i++) {
            if (a[p + i] != known[i]) {
                return false;
            }
        }
        return true;
    }

    /** A {@code uint16 list<..2^16-1>} of 2-byte values filling d..e exactly; null when it does not. */
    private static int[] u16Vector(byte[] a, int d, int e) {
        int n = e - d;
        if (n < 2 || u16(a, d) != n - 2 || ((n - 2) & 1) != 0) {
            return null;
        }
        return u16s(a, d + 2, (n - 2) >> 1);
    }

    // ---- SSLv2 (RFC 6101 Appendix E; draft-hickman-netscape-ssl-00) ---------------------------------------

    /*
     * 2-byte header: length = ((byte[0] & 0x7f) << 8) | byte[1], then
     * char MSG-CLIENT-HELLO (1); char CLIENT-VERSION-MSB, -LSB; char CIPHER-SPECS-LENGTH-MSB, -LSB;
     * char SESSION-ID-LENGTH-MSB, -LSB; char CHALLENGE-LENGTH-MSB, -LSB;
     * char CIPHER-SPECS-DATA[(MSB<<8)|LSB]; char SESSION-ID-DATA[...]; char CHALLENGE-DATA[...]
     */
    private WireDecodeResult sslv2(ProxyHeader proxy, int p, int end) {
        int length = ((in[p] & 0x7f) << 8) | (in[p + 1] & 0xff);
        if (end - p - 2 < length) {
            return new WireDecodeResult.Incomplete(length - (end - p - 2));
        }
        int type = in[p + 2] & 0xff;
        int body = p + 2;
        if (type == 4) { // SERVER-HELLO: recognised, not parsed
            events++;
            return decoded(StreamKind.SSL2, proxy, null, body + length - base, false);
        }
        if (length < 9) {
            return new WireDecodeResult.Malformed(MalformedReason.SSL2_HELLO, p - base);
        }
        int version = u16(in, body + 1);
        int specs = u16(in, body + 3);
        int sessionId = u16(in, body + 5);
        int challenge = u16(in, body + 7);
        if (specs % 3 != 0 || sessionId > 32 || challenge < 16 || challenge > 32
                || 9 + specs + sessionId + challenge != length) {
            return new WireDecodeResult.Malformed(MalformedReason.SSL2_HELLO, body + 3 - base);
        }
        int[] ciphers = new int[specs / 3];
        for (int i = 0; i < ciphers.length; i++) {
            int q = body + 9 + 3 * i;
            ciphers[i] = ((in[q] & 0xff) << 16) | u16(in, q + 1);
        }
        events++;
        clientHellos.add(new ClientHello(true, version, sessionId, ciphers, NONE, NONE, null, List.of(), NONE, NONE,
                NONE, NONE, NONE, NONE, false, p - base));
        int next = body + length;
        if (next == end) {
            return decoded(StreamKind.SSL2, proxy, null, next - base, false);
        }
        return records(StreamKind.SSL2, proxy, next, end);
    }

    // ---- PROXY protocol (haproxy proxy-protocol.txt) ------------------------------------------------------

    private ProxyHeader proxyHeader;

    /** "PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\n": 0 when read, >0 bytes needed, -1 malformed. */
    private int proxyV1(int p, int end) {
        int limit = Math.min(end, p + MAX_PROXY_V1_LINE);
        int cr = -1;
        for (int i = p; i + 1 < limit; i++) {
            if (in[i] == '\r' && in[i + 1] == '\n') {
                cr = i;
                break;
            }
        }
        if (cr < 0) {
            if (end - p < MAX_PROXY_V1_LINE) {
                return 1;
            }
            return failProxy(MalformedReason.PROXY_V1, p);
        }
        String line = new String(in, p, cr - p, StandardCharsets.ISO_8859_1);
        String[] f = line.split(" ", -1);
        int length = cr + 2 - p;
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            proxyHeader = new ProxyHeader(1, false, "UNKNOWN", null, -1, null, -1, length);
            return 0;
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            return failProxy(MalformedReason.PROXY_V1, p + 6);
        }
        boolean v6 = f[1].equals("TCP6");
        int sport = port(f[4]);
        int dport = port(f[5]);
        if (!IpAddresses.isAddress(f[2]) || !IpAddresses.isAddress(f[3]) || (f[2].indexOf(':') >= 0) != v6
                || (f[3].indexOf(':') >= 0) != v6 || sport < 0 || dport < 0) {
            return failProxy(MalformedReason.PROXY_V1, p + 11);
        }
        proxyHeader = new ProxyHeader(1, false, f[1], f[2], sport, f[3], dport, length);
        return 0;
    }

    private static int port(String s) {
        if (s.isEmpty() || s.length() > 5 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    /*
     * struct proxy_hdr_v2 {
     *     uint8_t sig[12]; uint8_t ver_cmd; uint8_t fam; uint16_t len;
     *     union { ipv4: src_addr[4] dst_addr[4] src_port dst_port; ipv6: 16 16 2 2; unix: 108 108 } addr;
     * };
     */
    private int proxyV2(int p, int end) {
        if (end - p < PROXY_V2_HEADER) {
            return PROXY_V2_HEADER - (end - p);
        }
        int verCmd = in[p + 12] & 0xff;
        int family = in[p + 13] & 0xff;
        int length = u16(in, p + 14);
        if ((verCmd >> 4) != 2 || (verCmd & 0x0f) > 1) {
            return failProxy(MalformedReason.PROXY_V2, p + 12);
        }
        if (end - p - PROXY_V2_HEADER < length) {
            return length - (end - p - PROXY_V2_HEADER);
        }
        boolean local = (verCmd & 0x0f) == 0;
        int a = p + PROXY_V2_HEADER;
        String transport;
        String src = null;
        String dst = null;
        int sport = -1;
        int dport = -1;
        switch (family) {
            case 0x11, 0x12 -> {
                if (length < 12) {
                    return failProxy(MalformedReason.PROXY_V2, p + 14);
                }
                transport = family == 0x11 ? "TCP4" : "UDP4";
                src = ipv4(a);
                dst = ipv4(a + 4);
                sport = u16(in, a + 8);
                dport = u16(in, a + 10);
            }
            case 0x21, 0x22 -> {
                if (length < 36) {
                    return failProxy(MalformedReason.PROXY_V2, p + 14);
                }
                transport = family == 0x21 ? "TCP6" : "UDP6";
                src = ipv6(a);
                dst = ipv6(a + 16);
                sport = u16(in, a + 32);
                dport = u16(in, a + 34);
            }
            case 0x31, 0x32 -> transport = "UNIX";
            case 0x00 -> transport = "UNKNOWN";
            default -> {
                return failProxy(MalformedReason.PROXY_V2, p + 13);
            }
        }
        if (local) {
            src = null;
            dst = null;
            sport = -1;
            dport = -1;
        }
        proxyHeader = new ProxyHeader(2, local, transport, src, sport, dst, dport, PROXY_V2_HEADER + length);
        return 0;
    }

    private int failProxy(MalformedReason reason, int offset) {
        failReason = reason;
        failOffset = offset;
        return -1;
    }

    private String ipv4(int a) {
        return IpText.format(in, a, 4);
    }

    /** RFC 5952 text ({@link IpText}, the one formatter of addresses). */
    private String ipv6(int a) {
        return IpText.format(in, a, 16);
    }

    // ---- bytes ------------------------------------------------------------------------------------------------

    /** One bounds check and one 2-byte load instead of two of each. */
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private static int u16(byte[] a, int p) {
        return (short) U16.get(a, p) & 0xffff;
    }

    private static int u24(byte[] a, int p) {
        return ((a[p] & 0xff) << 16) | ((a[p + 1] & 0xff) << 8) | (a[p + 2] & 0xff);
    }

    private static int[] u16s(byte[] a, int p, int count) {
        if (count == 0) {
            return NONE;
        }
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = u16(a, p + 2 * i);
        }
        return v;
    }

    private static int[] u8s(byte[] a, int p, int count) {
        if (count == 0) {
            return NONE;
        }
        if (count == 1 && a[p] == 0) {
            return ZERO;
        }
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = a[p + i] & 0xff;
        }
        return v;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
