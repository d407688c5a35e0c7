package io.tlswatch.processors.decode.wire;

/** Code points shared by the decoder and the fingerprints. */
public final class TlsValues {
    public static final int EXT_SERVER_NAME = 0x0000;
    public static final int EXT_SUPPORTED_GROUPS = 0x000a;
    public static final int EXT_EC_POINT_FORMATS = 0x000b;
    public static final int EXT_SIGNATURE_ALGORITHMS = 0x000d;
    public static final int EXT_ALPN = 0x0010;
    public static final int EXT_SUPPORTED_VERSIONS = 0x002b;
    public static final int EXT_SIGNATURE_ALGORITHMS_CERT = 0x0032;
    public static final int EXT_KEY_SHARE = 0x0033;
    public static final int EXT_ENCRYPTED_CLIENT_HELLO = 0xfe0d;

    private TlsValues() {}

    /** RFC 8701 GREASE: {@code 0x?A?A} with both bytes equal (0x0a0a, 0x1a1a, ... 0xfafa). */
    public static boolean isGrease(int v) {
        return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
    }
}
