package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.WireBytes.u16;
import static io.tlswatch.processors.decode.wire.WireBytes.u16s;
import static io.tlswatch.processors.decode.wire.WireBytes.u8s;

import java.util.List;

/**
 * ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) and ServerHello (RFC 8446 §4.1.3) bodies, {@code a[p, end)}
 * after the 4-byte handshake header; their extensions go to {@link HelloExtensions}. A hello is added to the
 * call's {@link WireScan}; {@code r} places errors of a reassembled hello (see {@link WireScan#at}).
 */
final class Hellos {
    private Hellos() {}

    /*
     * RFC 8446 §4.1.2:
     * struct {
     *     ProtocolVersion legacy_version = 0x0303;
     *     Random random;                                   // 32 bytes
     *     opaque legacy_session_id<0..32>;
     *     CipherSuite cipher_suites<2..2^16-2>;
     *     opaque legacy_compression_methods<1..2^8-1>;
     *     Extension extensions<8..2^16-1>;                 // absent in SSL 3.0 / early TLS hellos
     * } ClientHello;
     */
    static boolean clientHello(WireScan s, byte[] a, int p, int end, int r) {
        int msg = s.at(a, p - 4, r);
        int q = p;
        if (end - q < 2 + 32 + 1) {
            return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q, r));
        }
        int legacy = u16(a, q);
        q += 34;
        int sessionId = a[q] & 0xff;
        q++;
        if (sessionId > 32 || end - q < sessionId + 2) {
            return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q - 1, r));
        }
        q += sessionId;
        int cipherBytes = u16(a, q);
        q += 2;
        if ((cipherBytes & 1) != 0 || end - q < cipherBytes + 1) {
            return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q - 2, r));
        }
        int[] ciphers = u16s(a, q, cipherBytes >> 1);
        q += cipherBytes;
        int compressionBytes = a[q] & 0xff;
        q++;
        if (end - q < compressionBytes) {
            return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q - 1, r));
        }
        int[] compression = u8s(a, q, compressionBytes);
        q += compressionBytes;
        HelloExtensions x = new HelloExtensions();
        if (q < end && !x.parse(s, a, q, end, r, true)) {
            return false;
        }
        ClientHello hello = new ClientHello(false, legacy, sessionId, ciphers, compression, x.types(), x.serverName,
                x.alpn == null ? List.of() : x.alpn, x.groups, x.pointFormats, x.sigAlgs,
                x.sigAlgsCert, x.versions, x.keyShares, x.ech, msg - s.base);
        s.add(hello);
        for (int v : hello.supportedVersions()) {
            if (v == 0x0304) {
                s.tls13 = true;
            }
        }
        return true;
    }

    /*
     * RFC 8446 §4.1.3:
     * struct {
     *     ProtocolVersion legacy_version = 0x0303;
     *     Random random;                                   // HELLO_RETRY_RANDOM in a HelloRetryRequest
     *     opaque legacy_session_id_echo<0..32>;
     *     CipherSuite cipher_suite;
     *     uint8 legacy_compression_method = 0;
     *     Extension extensions<6..2^16-1>;
     * } ServerHello;
     */
    static boolean serverHello(WireScan s, byte[] a, int p, int end, int r) {
        int msg = s.at(a, p - 4, r);
        int q = p;
        if (end - q < 2 + 32 + 1) {
            return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q, r));
        }
        int legacy = u16(a, q);
        boolean retry = true;
        for (int i = 0; i < 32; i++) {
            if (a[q + 2 + i] != WireDecoder.HELLO_RETRY_RANDOM[i]) {
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
                return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q, r));
            }
            cipher = u16(a, q);
            q += 2;
        } else {
            int sessionId = a[q] & 0xff;
            q++;
            if (sessionId > 32 || end - q < sessionId + 3) {
                return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q - 1, r));
            }
            q += sessionId;
            cipher = u16(a, q);
            compression = a[q + 2] & 0xff;
            q += 3;
        }
        HelloExtensions x = new HelloExtensions();
        if (q < end && !x.parse(s, a, q, end, r, false)) {
            return false;
        }
        ServerHello hello = new ServerHello(legacy, x.selectedVersion, cipher, compression, x.types(),
                x.alpn == null || x.alpn.isEmpty() ? null : x.alpn.get(0), x.keyShare, retry, msg - s.base);
        s.add(hello);
        if (retry) {
            s.tls13 = true;
        } else if (hello.version() > 0x0303) {
            // TLS 1.3, one of its drafts (0x7fNN) or a version this decoder does not know: a well-formed
            // ServerHello is TLS, and nothing after it can be read as plaintext (RFC 8446 §2)
            s.tls13 = true;
            s.encrypted = true;
        }
        return true;
    }
}
