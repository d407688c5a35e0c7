package io.tlswatch.ingest.simulator.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * ClientHello records of the {@link ClientKind}s (RFC 8446 §4.1.2; extensions of RFC 6066, 7301, 7627, 8422,
 * 8446, 8879, draft-ietf-tls-ecdhe-mlkem). Values are written as the clients write them, GREASE (RFC 8701)
 * included, so that fingerprints computed from them behave as on real traffic.
 */
final class ClientHellos {
    private static final int[] CHROME_CIPHERS = {0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9,
        0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035};
    private static final int[] FIREFOX_CIPHERS = {0x1301, 0x1303, 0x1302, 0xC02B, 0xC02F, 0xCCA9, 0xCCA8, 0xC02C,
        0xC030, 0xC00A, 0xC009, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035};
    private static final int[] JAVA_CIPHERS = {0x1302, 0x1301, 0x1303, 0xC02C, 0xC02B, 0xCCA9, 0xC030, 0xCCA8,
        0xC02F, 0x009F, 0xCCAA, 0x00A3, 0x009E, 0x00A2, 0xC024, 0xC028, 0xC023, 0xC027, 0x006B, 0x006A, 0x0067,
        0x0040, 0xC02E, 0xC032, 0xC02D, 0xC031, 0xC026, 0xC02A, 0xC025, 0xC029, 0xC00A, 0xC014, 0xC009, 0xC013,
        0x0039, 0x0038, 0x0033, 0x0032, 0xC005, 0xC00F, 0xC004, 0xC00E, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035,
        0x002F, 0x00FF};
    private static final int[] CURL_CIPHERS = {0x1302, 0x1303, 0x1301, 0xC02C, 0xC030, 0x009F, 0xCCA9, 0xCCA8,
        0xCCAA, 0xC02B, 0xC02F, 0x009E, 0xC024, 0xC028, 0x006B, 0xC023, 0xC027, 0x0067, 0xC00A, 0xC014, 0x0039,
        0xC009, 0xC013, 0x0033, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F, 0x00FF};
    private static final int[] LEGACY_CIPHERS = {0xC014, 0xC013, 0x0035, 0x002F, 0x000A, 0x0005, 0x0004};
    private static final int[] MODERN_SIGNATURES = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
    private static final int[] JAVA_SIGNATURES = {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
        0x0809, 0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0402, 0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202};
    /** SSLv2 cipher kinds (3 bytes each) a scanner offers: RC4, RC2, DES, 3DES, export. */
    private static final int[] SSL2_CIPHERS = {0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700C0};

    private ClientHellos() {}

    static byte[] chrome(Random r, String sni) {
        int grease1 = grease(r);
        int grease2 = grease(r);
        List<byte[]> middle = new ArrayList<>(List.of(
                sni(sni), ext(0x0017, new byte[0]), ext(0xFF01, new byte[] {0}),
                ext(0x000A, u16List(grease(r), ClientKind.X25519_MLKEM768, ClientKind.X25519, ClientKind.SECP256R1,
                        0x0018)),
                ext(0x000B, new byte[] {1, 0}), ext(0x0023, new byte[0]), alpn("h2", "http/1.1"),
                ext(0x0005, new byte[] {1, 0, 0, 0, 0}), ext(0x000D, u16List(MODERN_SIGNATURES)),
                ext(0x0012, new byte[0]),
                ext(0x0033, keyShares(r, new int[] {grease1, ClientKind.X25519_MLKEM768, ClientKind.X25519},
                        new int[] {1, 1216, 32})),
                ext(0x002D, new byte[] {1, 1}),
                ext(0x002B, u8List(grease(r), ClientKind.TLS13, ClientKind.TLS12)),
                ext(0x001B, Bytes.of().u8(2).u16(0x0002).toArray()),
                ext(0x44CD, Bytes.of().vec16(Bytes.of().vec8("h2".getBytes(StandardCharsets.US_ASCII)).toArray())
                        .toArray()),
                ext(0xFE0D, greaseEch(r))));
        // Chrome permutes its extensions on every connection (GREASE stays first and last)
        for (int i = middle.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            middle.set(j, middle.set(i, middle.get(j)));
        }
        List<byte[]> extensions = new ArrayList<>();
        extensions.add(ext(grease2, new byte[0]));
        extensions.addAll(middle);
        extensions.add(ext(grease2 ^ 0x1010, new byte[] {0}));
        return hello(r, ClientKind.TLS12, true, prepend(grease1, CHROME_CIPHERS), extensions);
    }

    static byte[] firefox(Random r, String sni) {
        int[] groups = {ClientKind.X25519_MLKEM768, ClientKind.X25519, ClientKind.SECP256R1, 0x0018, 0x0019, 0x0100,
            0x0101};
        return hello(r, ClientKind.TLS12, true, FIREFOX_CIPHERS, List.of(
                sni(sni), ext(0x0017, new byte[0]), ext(0xFF01, new byte[] {0}), ext(0x000A, u16List(groups)),
                ext(0x000B, new byte[] {1, 0}), ext(0x0023, new byte[0]), alpn("h2", "http/1.1"),
                ext(0x0005, new byte[] {1, 0, 0, 0, 0}), ext(0x0022, u16List(0x0403, 0x0503, 0x0603, 0x0203)),
                ext(0x0012, new byte[0]),
                ext(0x0033, keyShares(r, new int[] {ClientKind.X25519_MLKEM768, ClientKind.X25519,
                    ClientKind.SECP256R1}, new int[] {1216, 32, 65})),
                ext(0x002B, u8List(ClientKind.TLS13, ClientKind.TLS12)), ext(0x000D, u16List(MODERN_SIGNATURES)),
                ext(0x002D, new byte[] {1, 1}), ext(0x001C, new byte[] {0x0f, (byte) 0xa1}),
                ext(0x001B, Bytes.of().u8(6).u16(1).u16(2).u16(3).toArray()), ext(0xFE0D, greaseEch(r))));
    }

    static byte[] java(Random r, String sni) {
        int[] groups = {ClientKind.X25519, ClientKind.SECP256R1, 0x0018, 0x0019, 0x001E, 0x0100, 0x0101, 0x0102,
            0x0103, 0x0104};
        return hello(r, ClientKind.TLS12, true, JAVA_CIPHERS, List.of(
                sni(sni), ext(0x0005, new byte[] {1, 0, 0, 0, 0}), ext(0x000A, u16List(groups)),
                ext(0x000B, new byte[] {1, 0}), ext(0x000D, u16List(JAVA_SIGNATURES)),
                ext(0x0032, u16List(JAVA_SIGNATURES)), ext(0x0011, new byte[] {0, 7, 2, 0, 4, 0, 0, 0, 0}),
                ext(0x0017, new byte[0]), ext(0x002B, u8List(ClientKind.TLS13, ClientKind.TLS12)),
                ext(0x002D, new byte[] {1, 1}),
                ext(0x0033, keyShares(r, new int[] {ClientKind.X25519}, new int[] {32}))));
    }

    static byte[] curl(Random r, String sni) {
        int[] groups = {ClientKind.X25519, ClientKind.SECP256R1, 0x001E, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102,
            0x0103, 0x0104};
        return hello(r, ClientKind.TLS12, true, CURL_CIPHERS, List.of(
                sni(sni), ext(0x000B, new byte[] {3, 0, 1, 2}), ext(0x000A, u16List(groups)), ext(0x0023, new byte[0]),
                alpn("h2", "http/1.1"), ext(0x0016, new byte[0]), ext(0x0017, new byte[0]),
                ext(0x000D, u16List(MODERN_SIGNATURES)), ext(0x002B, u8List(ClientKind.TLS13, ClientKind.TLS12)),
                ext(0x002D, new byte[] {1, 1}),
                ext(0x0033, keyShares(r, new int[] {ClientKind.X25519}, new int[] {32}))));
    }

    static byte[] legacy(Random r, String sni) {
        return hello(r, ClientKind.TLS10, false, LEGACY_CIPHERS, List.of(
                sni(sni), ext(0x000A, u16List(ClientKind.SECP256R1, 0x0018)), ext(0x000B, new byte[] {1, 0}),
                ext(0x0023, new byte[0]), ext(0xFF01, new byte[] {0})));
    }

    /** An SSLv2-format ClientHello (RFC 6101 Appendix E.1 layout): 2-byte header with the high bit set. */
    static byte[] sslv2(Random r) {
        Bytes specs = Bytes.of();
        for (int c : SSL2_CIPHERS) {
            specs.u8(c >>> 16).u16(c);
        }
        byte[] ciphers = specs.toArray();
        byte[] challenge = random(r, 16);
        byte[] body = Bytes.of().u8(1).u16(0x0002).u16(ciphers.length).u16(0).u16(challenge.length).raw(ciphers)
                .raw(challenge).toArray();
        return Bytes.of().u16(0x8000 | body.length).raw(body).toArray();
    }

    private static byte[] hello(Random r, int legacyVersion, boolean sessionId, int[] ciphers, List<byte[]> extensions) {
        Bytes ext = Bytes.of();
        extensions.forEach(ext::raw);
        byte[] body = Bytes.of().u16(legacyVersion).raw(random(r, 32)).vec8(sessionId ? random(r, 32) : new byte[0])
                .vec16(u16Array(ciphers)).vec8(new byte[] {0}).vec16(ext.toArray()).toArray();
        return Tls.record(Tls.HANDSHAKE, ClientKind.TLS10, Tls.handshake(Tls.CLIENT_HELLO, body));
    }

    /** RFC 8701: {@code 0x?A?A} with both nibbles equal. */
    static int grease(Random r) {
        int n = r.nextInt(16);
        return (n << 12) | 0x0A00 | (n << 4) | 0x0A;
    }

    private static byte[] sni(String host) {
        if (host == null) {
            return new byte[0];
        }
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        return ext(0x0000, Bytes.of().vec16(Bytes.of().u8(0).vec16(name).toArray()).toArray());
    }

    private static byte[] alpn(String... protocols) {
        Bytes list = Bytes.of();
        for (String p : protocols) {
            list.vec8(p.getBytes(StandardCharsets.US_ASCII));
        }
        return ext(0x0010, Bytes.of().vec16(list.toArray()).toArray());
    }

    private static byte[] keyShares(Random r, int[] groups, int[] sizes) {
        Bytes shares = Bytes.of();
        for (int i = 0; i < groups.length; i++) {
            shares.u16(groups[i]).vec16(random(r, sizes[i]));
        }
        return Bytes.of().vec16(shares.toArray()).toArray();
    }

    /** A GREASE ECH extension (draft-ietf-tls-esni §6.2): outer type, HKDF-SHA256/AES-128-GCM, random payload. */
    private static byte[] greaseEch(Random r) {
        return Bytes.of().u8(0).u16(0x0001).u16(0x0001).u8(r.nextInt(256)).vec16(random(r, 32))
                .vec16(random(r, 144 + 32 * r.nextInt(4))).toArray();
    }

    static byte[] ext(int type, byte[] data) {
        return Bytes.of().u16(type).vec16(data).toArray();
    }

    private static byte[] u16List(int... values) {
        return Bytes.of().vec16(u16Array(values)).toArray();
    }

    private static byte[] u8List(int... values) {
        return Bytes.of().vec8(u16Array(values)).toArray();
    }

    private static byte[] u16Array(int[] values) {
        Bytes b = Bytes.of();
        for (int v : values) {
            b.u16(v);
        }
        return b.toArray();
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
