package io.tlswatch.app.probe;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;

/**
 * ClientHellos written by tlswatch for the version and cipher checks. The JDK refuses to offer TLS 1.0 and 1.1
 * ({@code jdk.tls.disabledAlgorithms}, which {@code SSLParameters} cannot lift: its constraints only add to the
 * security property's), and changing that property would weaken every TLS client of the process (Kafka's among
 * them). So these checks send a hello of their own and read only the server's first answer (ServerHello,
 * HelloRetryRequest or alert): no handshake is completed, no key is used beyond the hello.
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version;            // the version offered; 0x0303 for TLS 1.3 (RFC 8446 §4.1.2)
 *     Random random;
 *     opaque legacy_session_id&lt;0..32&gt;;        // 32 random bytes in a TLS 1.3 hello (middlebox compatibility)
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 *     Extension extensions&lt;8..2^16-1&gt;;
 * } ClientHello;
 * </pre>
 */
final class ClientHellos {
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;

    /** RFC 8446 §B.4. */
    static final int[] TLS13_SUITES = {0x1301, 0x1302, 0x1303};
    /**
     * What TLS 1.0-1.2 servers commonly accept: ECDHE, DHE and RSA key exchange with AES-GCM, ChaCha20, AES-CBC
     * and 3DES, so that a refusal means the version, not the suites.
     */
    static final int[] LEGACY_SUITES = {
        0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc023, 0xc027, 0xc024, 0xc028, 0xc009, 0xc013, 0xc00a,
        0xc014, 0x009e, 0x009f, 0x0067, 0x006b, 0x0033, 0x0039, 0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035,
        0xc012, 0x0016, 0x000a};
    /** RFC 8446 §4.2.2 limits: more suites than this is no client's list. */
    static final int MAX_SUITES = 1024;

    /** x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072 (RFC 8446 §4.2.7). */
    private static final int[] GROUPS = {0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101};
    /** RFC 8446 §4.2.3, plus the SHA-1 schemes TLS 1.2 servers may still need. */
    private static final int[] SIGNATURE_SCHEMES = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
        0x0807, 0x0201, 0x0203};
    private static final int GROUP_X25519 = 0x001d;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientHellos() {}

    /** A hello offering {@code version} alone, with the suites of that version. */
    static byte[] forVersion(int version, String sni) {
        return build(version, version == TLS13 ? TLS13_SUITES : LEGACY_SUITES, sni);
    }

    /**
     * A TLS record holding one ClientHello that offers {@code version} alone (TLS 1.3 through supported_versions,
     * older ones through legacy_version) and {@code suites} in that order.
     *
     * @param sni an ASCII host name, or null for none
     */
    static byte[] build(int version, int[] suites, String sni) {
        if (suites.length == 0 || suites.length > MAX_SUITES) {
            throw new IllegalArgumentException("1.." + MAX_SUITES + " cipher suites, got " + suites.length);
        }
        boolean tls13 = version == TLS13;
        Bytes body = new Bytes();
        body.u16(tls13 ? TLS12 : version);
        body.raw(random(32));
        body.vector8(tls13 ? random(32) : new byte[0]);
        Bytes list = new Bytes();
        for (int s : suites) {
            list.u16(s);
        }
        body.vector16(list.bytes());
        body.vector8(new byte[] {0}); // null compression only

        Bytes ext = new Bytes();
        if (sni != null) {
            // RFC 6066 §3: server_name_list of one host_name
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            Bytes entry = new Bytes();
            entry.u8(0);
            entry.vector16(name);
            extension(ext, 0x0000, new Bytes().vector16(entry.bytes()).bytes());
        }
        Bytes groups = new Bytes();
        for (int g : GROUPS) {
            groups.u16(g);
        }
        extension(ext, 0x000a, new Bytes().vector16(groups.bytes()).bytes());
        extension(ext, 0x000b, new Bytes().vector8(new byte[] {0}).bytes()); // uncompressed points
        Bytes schemes = new Bytes();
        for (int s : SIGNATURE_SCHEMES) {
            schemes.u16(s);
        }
        extension(ext, 0x000d, new Bytes().vector16(schemes.bytes()).bytes());
        if (tls13) {
            extension(ext, 0x002b, new Bytes().vector8(new Bytes().u16(TLS13).bytes()).bytes());
            Bytes share = new Bytes();
            share.u16(GROUP_X25519);
            share.vector16(x25519PublicKey());
            extension(ext, 0x0033, new Bytes().vector16(share.bytes()).bytes());
            extension(ext, 0x002d, new Bytes().vector8(new byte[] {1}).bytes()); // psk_dhe_ke
        } else {
            extension(ext, 0x0017, new byte[0]); // extended_master_secret
            extension(ext, 0xff01, new byte[] {0}); // renegotiation_info, initial handshake
        }
        body.vector16(ext.bytes());

        byte[] b = body.bytes();
        Bytes handshake = new Bytes();
        handshake.u8(1); // client_hello
        handshake.u24(b.length);
        handshake.raw(b);
        byte[] h = handshake.bytes();
        Bytes record = new Bytes();
        record.u8(22); // handshake
        record.u16(TLS10); // record version of hellos in the wild: servers of every version read it
        record.vector16(h);
        return record.bytes();
    }

    /** A fresh X25519 public key, little-endian u-coordinate (RFC 7748 §5): the server computes a real secret. */
    private static byte[] x25519PublicKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            BigInteger u = ((XECPublicKey) g.generateKeyPair().getPublic()).getU();
            byte[] big = u.toByteArray();
            byte[] out = new byte[32];
            for (int i = 0; i < out.length && i < big.length; i++) {
                out[i] = big[big.length - 1 - i];
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no X25519", e);
        }
    }

    private static void extension(Bytes out, int type, byte[] data) {
        out.u16(type);
        out.vector16(data);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Big-endian writer of the TLS presentation language's integers and vectors. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v & 0xff);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >> 8).u8(v);
        }

        Bytes u24(int v) {
            return u8(v >> 16).u8(v >> 8).u8(v);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes vector8(byte[] b) {
            return u8(b.length).raw(b);
        }

        Bytes vector16(byte[] b) {
            return u16(b.length).raw(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
