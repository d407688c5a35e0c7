package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.WireBytes.NONE;
import static io.tlswatch.processors.decode.wire.WireBytes.sameBytes;
import static io.tlswatch.processors.decode.wire.WireBytes.u16;
import static io.tlswatch.processors.decode.wire.WireBytes.u16s;
import static io.tlswatch.processors.decode.wire.WireBytes.u8s;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The extensions of one hello (RFC 8446 §4.2), a new object per hello: G1 makes every store of a new array into
 * a long-lived object pay a memory fence (its card-marking barrier); stores into a young object do not.
 */
final class HelloExtensions {
    /** ALPN protocol ids shared between hellos instead of a new String each time. */
    private static final String[] KNOWN_ALPN = {"h2", "http/1.1", "h3", "http/1.0"};
    private static final byte[][] KNOWN_ALPN_BYTES = new byte[KNOWN_ALPN.length][];

    static {
        for (int i = 0; i < KNOWN_ALPN.length; i++) {
            KNOWN_ALPN_BYTES[i] = WireBytes.ascii(KNOWN_ALPN[i]);
        }
    }

    /** the extension types in wire order, {@code count} of them */
    private int[] typeList = NONE;
    private int count;
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

    /** The types in wire order, an exact copy (read-only, like every hello array). */
    int[] types() {
        return count == 0 ? NONE : Arrays.copyOf(typeList, count);
    }

    /*
     * RFC 8446 §4.2:
     * struct {
     *     ExtensionType extension_type;
     *     opaque extension_data<0..2^16-1>;
     * } Extension;
     *
     * Extension extensions<0..2^16-1>, filling a[q, end) exactly.
     */
    /** The extensions block at q into these fields; false (the reason in {@code s}) when it is malformed. */
    boolean parse(WireScan s, byte[] a, int q, int end, int r, boolean client) {
        if (end - q < 2 || u16(a, q) != end - q - 2) {
            return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q, r));
        }
        q += 2;
        // a scratch list for this hello, trimmed by types(): counting the headers first walks the chain of
        // lengths twice, which measured slower than the extra array. 24 holds every hello of the benchmark
        // corpus (at most 19); an extension takes at least 4 bytes, so a short block bounds it further.
        typeList = new int[Math.min(24, (end - q) >> 2)];
        while (q < end) {
            if (end - q < 4) {
                return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q, r));
            }
            int type = u16(a, q);
            int length = u16(a, q + 2);
            int d = q + 4;
            if (end - d < length) {
                return s.failAt(MalformedReason.HELLO_VECTOR, s.at(a, q + 2, r));
            }
            if (count == typeList.length) {
                typeList = Arrays.copyOf(typeList, count * 2);
            }
            typeList[count++] = type;
            if (!extension(type, a, d, d + length, client)) {
                return s.failAt(MalformedReason.EXTENSION, s.at(a, q, r));
            }
            q = d + length;
        }
        return true;
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

    /* RFC 6066 §3: struct { NameType name_type; opaque HostName<1..2^16-1>; } ServerName; ServerName server_name_list<1..2^16-1> */
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

    /* RFC 7301 §3.1: opaque ProtocolName<1..2^8-1>; ProtocolName protocol_name_list<2..2^16-1> */
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

    /* RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1> */
    boolean pointFormats(byte[] a, int d, int e) {
        int n = e - d;
        if (n < 1 || (a[d] & 0xff) != n - 1) {
            return false;
        }
        pointFormats = u8s(a, d + 1, n - 1);
        return true;
    }

    /* RFC 8446 §4.2.1: ProtocolVersion versions<2..254> */
    boolean supportedVersions(byte[] a, int d, int e) {
        int n = e - d;
        if (n < 1 || (a[d] & 0xff) != n - 1 || ((n - 1) & 1) != 0) {
            return false;
        }
        versions = u16s(a, d + 1, (n - 1) >> 1);
        return true;
    }

    /* RFC 8446 §4.2.1: ProtocolVersion selected_version (ServerHello) */
    boolean selectedVersion(byte[] a, int d, int e) {
        if (e - d != 2) {
            return false;
        }
        selectedVersion = u16(a, d);
        return true;
    }

    /*
     * RFC 8446 §4.2.8:
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

    /* RFC 8446 §4.2.8: KeyShareEntry server_share, or NamedGroup selected_group in a HelloRetryRequest */
    boolean serverShare(byte[] a, int d, int e) {
        int n = e - d;
        if (n < 2 || (n > 2 && (n < 4 || u16(a, d + 2) != n - 4))) {
            return false;
        }
        keyShare = u16(a, d);
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

    /**
     * A {@code uint16 list<..2^16-1>} of 2-byte values filling d..e exactly; null when it does not: NamedGroup
     * named_group_list (RFC 8446 §4.2.7), SignatureScheme supported_signature_algorithms (§4.2.3).
     */
    private static int[] u16Vector(byte[] a, int d, int e) {
        int n = e - d;
        if (n < 2 || u16(a, d) != n - 2 || ((n - 2) & 1) != 0) {
            return null;
        }
        return u16s(a, d + 2, (n - 2) >> 1);
    }
}
