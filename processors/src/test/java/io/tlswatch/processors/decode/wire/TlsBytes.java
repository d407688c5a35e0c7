package io.tlswatch.processors.decode.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only builder of TLS wire bytes following RFC 8446 / RFC 5246: hello messages with any extensions,
 * records (split at any sizes), alerts, CCS, SSLv2 hellos and PROXY headers.
 */
final class TlsBytes {
    static final int HANDSHAKE = 22;
    static final int ALERT = 21;
    static final int CCS = 20;
    static final int APPLICATION_DATA = 23;

    private TlsBytes() {}

    /** One extension: type and extension_data. */
    record Ext(int type, byte[] data) {}

    /** A ClientHello's fields, with the defaults of a plain TLS 1.2 client. */
    static final class Client {
        int legacyVersion = 0x0303;
        int sessionIdLength = 32;
        int[] ciphers = {0xc02b, 0xc02f, 0x009c};
        int[] compression = {0};
        List<Ext> extensions = new ArrayList<>();
        boolean omitExtensionsBlock;

        Client ext(int type, byte[] data) {
            extensions.add(new Ext(type, data));
            return this;
        }

        Client ciphers(int... c) {
            ciphers = c;
            return this;
        }

        /** The handshake message: msg_type 1, uint24 length, body. */
        byte[] message() {
            Out body = new Out();
            body.u16(legacyVersion);
            body.fill(32, 0x11);
            body.u8(sessionIdLength);
            body.fill(sessionIdLength, 0x22);
            body.u16(ciphers.length * 2);
            for (int c : ciphers) {
                body.u16(c);
            }
            body.u8(compression.length);
            for (int c : compression) {
                body.u8(c);
            }
            if (!omitExtensionsBlock) {
                body.bytes(extensionsBlock(extensions));
            }
            return handshake(1, body.toByteArray());
        }
    }

    /** A ServerHello's fields. */
    static final class Server {
        int legacyVersion = 0x0303;
        byte[] random = filled(32, 0x33);
        int sessionIdLength = 32;
        int cipher = 0xc02f;
        int compression = 0;
        List<Ext> extensions = new ArrayList<>();

        Server ext(int type, byte[] data) {
            extensions.add(new Ext(type, data));
            return this;
        }

        Server helloRetryRequest() {
            random = WireDecoder.HELLO_RETRY_RANDOM.clone();
            return this;
        }

        byte[] message() {
            Out body = new Out();
            body.u16(legacyVersion);
            body.bytes(random);
            body.u8(sessionIdLength);
            body.fill(sessionIdLength, 0x44);
            body.u16(cipher);
            body.u8(compression);
            if (!extensions.isEmpty()) {
                body.bytes(extensionsBlock(extensions));
            }
            return handshake(2, body.toByteArray());
        }
    }

    static byte[] extensionsBlock(List<Ext> extensions) {
        Out all = new Out();
        for (Ext e : extensions) {
            all.u16(e.type());
            all.u16(e.data().length);
            all.bytes(e.data());
        }
        Out block = new Out();
        block.u16(all.size());
        block.bytes(all.toByteArray());
        return block.toByteArray();
    }

    static byte[] handshake(int type, byte[] body) {
        Out m = new Out();
        m.u8(type);
        m.u24(body.length);
        m.bytes(body);
        return m.toByteArray();
    }

    // ---- extension data -----------------------------------------------------------------------------------

    static byte[] sni(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        Out o = new Out();
        o.u16(name.length + 3);
        o.u8(0);
        o.u16(name.length);
        o.bytes(name);
        return o.toByteArray();
    }

    static byte[] alpn(String... protocols) {
        byte[][] raw = new byte[protocols.length][];
        for (int i = 0; i < protocols.length; i++) {
            raw[i] = protocols[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return alpnRaw(raw);
    }

    static byte[] alpnRaw(byte[]... protocols) {
        Out list = new Out();
        for (byte[] p : protocols) {
            list.u8(p.length);
            list.bytes(p);
        }
        Out o = new Out();
        o.u16(list.size());
        o.bytes(list.toByteArray());
        return o.toByteArray();
    }

    /** {@code uint16 list<..2^16-1>}: supported_groups, signature_algorithms, signature_algorithms_cert. */
    static byte[] u16List(int... values) {
        Out o = new Out();
        o.u16(values.length * 2);
        for (int v : values) {
            o.u16(v);
        }
        return o.toByteArray();
    }

    /** ClientHello supported_versions: {@code ProtocolVersion versions<2..254>}. */
    static byte[] versions(int... values) {
        Out o = new Out();
        o.u8(values.length * 2);
        for (int v : values) {
            o.u16(v);
        }
        return o.toByteArray();
    }

    static byte[] pointFormats(int... values) {
        Out o = new Out();
        o.u8(values.length);
        for (int v : values) {
            o.u8(v);
        }
        return o.toByteArray();
    }

    /** ClientHello key_share with a 32-byte key per group. */
    static byte[] keyShares(int... groups) {
        Out list = new Out();
        for (int g : groups) {
            list.u16(g);
            list.u16(32);
            list.fill(32, 0x55);
        }
        Out o = new Out();
        o.u16(list.size());
        o.bytes(list.toByteArray());
        return o.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    // ---- records ------------------------------------------------------------------------------------------

    /** One record around {@code fragment}. */
    static byte[] record(int type, int version, byte[] fragment) {
        Out o = new Out();
        o.u8(type);
        o.u16(version);
        o.u16(fragment.length);
        o.bytes(fragment);
        return o.toByteArray();
    }

    static byte[] record(int type, byte[] fragment) {
        return record(type, 0x0303, fragment);
    }

    /** {@code payload} as consecutive records of one type, cut at the given fragment sizes (the rest last). */
    static byte[] records(int type, byte[] payload, int... cuts) {
        Out o = new Out();
        int p = 0;
        for (int c : cuts) {
            int n = Math.min(c, payload.length - p);
            if (n > 0) {
                o.bytes(record(type, Arrays.copyOfRange(payload, p, p + n)));
                p += n;
            }
        }
        if (p < payload.length) {
            o.bytes(record(type, Arrays.copyOfRange(payload, p, payload.length)));
        }
        return o.toByteArray();
    }

    static byte[] alert(int level, int description) {
        return record(ALERT, new byte[] {(byte) level, (byte) description});
    }

    static byte[] changeCipherSpec() {
        return record(CCS, new byte[] {1});
    }

    static byte[] concat(byte[]... parts) {
        Out o = new Out();
        for (byte[] p : parts) {
            o.bytes(p);
        }
        return o.toByteArray();
    }

    /** SSLv2 CLIENT-HELLO with a 2-byte header (RFC 6101 Appendix E.2). */
    static byte[] sslv2ClientHello(int version, int... cipherSpecs) {
        Out body = new Out();
        body.u8(1);
        body.u16(version);
        body.u16(cipherSpecs.length * 3);
        body.u16(0);
        body.u16(16);
        for (int c : cipherSpecs) {
            body.u8(c >> 16);
            body.u16(c & 0xffff);
        }
        body.fill(16, 0x66);
        Out o = new Out();
        o.u16(0x8000 | body.size());
        o.bytes(body.toByteArray());
        return o.toByteArray();
    }

    static byte[] proxyV1(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** PROXY v2, PROXY command, TCP over IPv4 or IPv6 (by address length). */
    static byte[] proxyV2(byte[] src, int sport, byte[] dst, int dport) {
        Out o = new Out();
        o.bytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        o.u8(0x21);
        o.u8(src.length == 4 ? 0x11 : 0x21);
        o.u16(2 * src.length + 4);
        o.bytes(src);
        o.bytes(dst);
        o.u16(sport);
        o.u16(dport);
        return o.toByteArray();
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static final class Out extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >> 8);
            write(v);
        }

        void u24(int v) {
            write(v >> 16);
            write(v >> 8);
            write(v);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void fill(int n, int v) {
            for (int i = 0; i < n; i++) {
                write(v);
            }
        }
    }
}
