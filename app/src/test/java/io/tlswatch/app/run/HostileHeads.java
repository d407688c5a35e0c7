package io.tlswatch.app.run;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Payload heads whose TLS, SSLv2, PROXY or QUIC lengths lie, for packet summaries: each one starts like the real
 * thing and then claims more (or less) than it holds. Built by hand from the RFC layouts, seeded, no files.
 */
final class HostileHeads {
    private HostileHeads() {}

    /** Client heads by name: what a capture point could reassemble from a hostile client. */
    static Map<String, byte[]> client(Random random) {
        Map<String, byte[]> heads = new LinkedHashMap<>();
        byte[] hello = clientHello(extensions(sni("poison.example"), supportedVersions()), 32, 4);
        heads.put("record-length-65535", withRecordLength(hello, 0xffff));
        heads.put("record-length-18433", withRecordLength(hello, (1 << 14) + 2049));
        heads.put("record-length-zero", withRecordLength(hello, 0));
        heads.put("handshake-length-16M", record(22, concat(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                slice(hello, 9, 40))));
        heads.put("session-id-255", clientHello(extensions(sni("a.example")), 255, 4));
        heads.put("cipher-suites-65534", clientHelloRaw(0xfffe, new byte[4], extensions()));
        heads.put("cipher-suites-odd", clientHelloRaw(3, new byte[3], extensions()));
        heads.put("extensions-longer-than-hello", clientHelloWithExtensionsLength(0xffff));
        heads.put("sni-list-lies", clientHello(extensions(ext(0, u16(0xffff), u8(0), u16(0x7fff))), 0, 2));
        heads.put("sni-name-lies", clientHello(extensions(ext(0, u16(5), u8(0), u16(0xfff0), "ab".getBytes(StandardCharsets.US_ASCII))), 0, 2));
        heads.put("supported-versions-255", clientHello(extensions(ext(43, u8(255), u16(0x0304))), 0, 2));
        heads.put("key-share-lies", clientHello(extensions(ext(51, u16(0x0100), u16(29), u16(0xffff), new byte[8])), 0, 2));
        heads.put("alpn-lies", clientHello(extensions(ext(16, u16(0x0010), u8(200), "h2".getBytes(StandardCharsets.US_ASCII))), 0, 2));
        heads.put("extension-length-lies", clientHello(extensions(ext(10, u16(0x0fff)), rawExt(13, 0xffff, new byte[3])), 0, 2));
        heads.put("three-thousand-empty-extensions", manyEmptyExtensions(3000));
        heads.put("one-byte-records", oneByteRecords(hello, 16 * 1024));
        heads.put("fragment-claims-16M", fragmentsOfHugeMessage(600));
        heads.put("sslv2-length-lies", new byte[] {(byte) 0x80, (byte) 0xff, 1, 0, 2, (byte) 0xff, (byte) 0xff, 0, 0,
                0, 16, 0, 0, (byte) 0x80});
        heads.put("sslv2-cipher-spec-lies", new byte[] {(byte) 0x80, 0x2e, 1, 0, 2, 0x7f, (byte) 0xf0, 0, 0, 0, 16,
                1, 0, (byte) 0x80});
        heads.put("proxy-v2-length-65535", concat(new byte[] {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55,
                0x49, 0x54, 0x0a, 0x21, 0x11, (byte) 0xff, (byte) 0xff}, new byte[64]));
        heads.put("proxy-v2-tlv-lies", concat(new byte[] {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55,
                0x49, 0x54, 0x0a, 0x21, 0x11, 0x00, 0x13}, new byte[12], new byte[] {0x20, (byte) 0xff, (byte) 0xff,
                1, 2, 3, 4}, hello));
        heads.put("proxy-v1-no-crlf", ("PROXY TCP4 " + "9".repeat(400)).getBytes(StandardCharsets.US_ASCII));
        heads.put("proxy-v1-then-lying-hello", concat(
                "PROXY TCP4 1.2.3.4 5.6.7.8 65535 443\r\n".getBytes(StandardCharsets.US_ASCII),
                withRecordLength(hello, 0xfff0)));
        heads.put("http-connect-no-end", ("CONNECT " + "a".repeat(15_000)).getBytes(StandardCharsets.US_ASCII));
        heads.put("garbage-after-record-header", concat(new byte[] {22, 3, 3, 0x3f, (byte) 0xff}, bytes(random, 16 * 1024 - 5)));
        heads.put("alert-record-65535", new byte[] {21, 3, 3, (byte) 0xff, (byte) 0xff, 2, 40});
        heads.put("unknown-record-types", concat(new byte[] {99, 3, 3, 0, 2, 1, 1}, new byte[] {(byte) 0xff, 3, 3, 0, 0}));
        return heads;
    }

    /** Server heads: a ServerHello, Certificate or alert that lies about its lengths. */
    static Map<String, byte[]> server(Random random) {
        Map<String, byte[]> heads = new LinkedHashMap<>();
        byte[] serverHello = concat(u16(0x0303), bytes(random, 32), u8(0), u16(0xc02f), u8(0), u16(0xffff), u16(43));
        heads.put("server-hello-extensions-lie", record(22, handshake(2, serverHello)));
        heads.put("certificate-list-16M", record(22, handshake(11, concat(new byte[] {(byte) 0xff, (byte) 0xff,
                (byte) 0xff}, new byte[] {0, 0, 5}, new byte[5]))));
        heads.put("certificate-request-lies", record(22, handshake(13, concat(u8(255), u16(0xffff)))));
        heads.put("alert-truncated", new byte[] {21, 3, 3, 0, 2, 2});
        heads.put("ccs-length-zero", new byte[] {20, 3, 3, 0, 0});
        heads.put("hello-retry-garbage", record(22, handshake(2, concat(u16(0x0303), new byte[] {(byte) 0xcf, 0x21,
                (byte) 0xad, 0x74}, new byte[28], u8(33)))));
        return heads;
    }

    /** A QUIC long-header Initial whose connection-id and token lengths lie (transport udp). */
    static byte[] quicInitial() {
        return concat(new byte[] {(byte) 0xc3, 0, 0, 0, 1, (byte) 0xff}, new byte[20], new byte[] {(byte) 0xbf,
                (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[40]);
    }

    private static byte[] clientHello(byte[] extensions, int sessionIdLength, int cipherBytes) {
        return clientHelloRaw(cipherBytes, new byte[cipherBytes], extensions, sessionIdLength);
    }

    private static byte[] clientHelloRaw(int cipherLength, byte[] ciphers, byte[] extensions) {
        return clientHelloRaw(cipherLength, ciphers, extensions, 0);
    }

    /** legacy_version, random, session_id (its length byte may lie), cipher_suites, compression, extensions. */
    private static byte[] clientHelloRaw(int cipherLength, byte[] ciphers, byte[] extensions, int sessionIdLength) {
        byte[] sessionId = new byte[Math.min(sessionIdLength, 32)];
        byte[] body = concat(u16(0x0303), new byte[32], u8(sessionIdLength), sessionId, u16(cipherLength), ciphers,
                new byte[] {1, 0}, u16(extensions.length), extensions);
        return record(22, handshake(1, body));
    }

    private static byte[] clientHelloWithExtensionsLength(int claimed) {
        byte[] body = concat(u16(0x0303), new byte[32], u8(0), u16(2), u16(0x1301), new byte[] {1, 0}, u16(claimed),
                ext(0, u16(3), u8(0), u16(0)));
        return record(22, handshake(1, body));
    }

    private static byte[] manyEmptyExtensions(int count) {
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            exts.writeBytes(u16(0x0a0a + (i % 200)));
            exts.writeBytes(u16(0));
        }
        byte[] e = exts.toByteArray();
        byte[] body = concat(u16(0x0303), new byte[32], u8(0), u16(2), u16(0x1301), new byte[] {1, 0},
                u16(e.length), e);
        return record(22, handshake(1, body));
    }

    /** The hello's handshake bytes, one per TLS record, up to {@code limit} bytes of head. */
    private static byte[] oneByteRecords(byte[] hello, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 5; out.size() + 6 <= limit; i = i + 1 < hello.length ? i + 1 : 5) {
            out.writeBytes(new byte[] {22, 3, 3, 0, 1, hello[i]});
        }
        return out.toByteArray();
    }

    /** A handshake header claiming 16 MiB, then many full records of its body. */
    private static byte[] fragmentsOfHugeMessage(int records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(22, new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 3, 3}));
        for (int i = 0; i < records && out.size() < 16 * 1024 - 30; i++) {
            out.writeBytes(record(22, new byte[20]));
        }
        return out.toByteArray();
    }

    private static byte[] withRecordLength(byte[] record, int length) {
        byte[] copy = record.clone();
        copy[3] = (byte) (length >> 8);
        copy[4] = (byte) length;
        return copy;
    }

    private static byte[] extensions(byte[]... exts) {
        return concat(exts);
    }

    private static byte[] sni(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        return ext(0, u16(n.length + 3), u8(0), u16(n.length), n);
    }

    private static byte[] supportedVersions() {
        return ext(43, u8(4), u16(0x0304), u16(0x0303));
    }

    /** type, length (the true length of the parts), parts. */
    private static byte[] ext(int type, byte[]... parts) {
        byte[] data = concat(parts);
        return concat(u16(type), u16(data.length), data);
    }

    /** type, a length that may lie, data. */
    private static byte[] rawExt(int type, int claimed, byte[] data) {
        return concat(u16(type), u16(claimed), data);
    }

    private static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8),
                (byte) body.length}, body);
    }

    private static byte[] record(int type, byte[] fragment) {
        return concat(new byte[] {(byte) type, 3, 1, (byte) (fragment.length >> 8), (byte) fragment.length},
                fragment);
    }

    private static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, Math.min(to, b.length));
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
