package io.tlswatch.processors.decode.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * JA3, JA3S (Salesforce, BSD-3) and JA4 (FoxIO, BSD-3; client only) exactly as DESIGN §6 pins them. JA4S and
 * the other JA4+ methods are deliberately absent (FoxIO License 1.1).
 *
 * <ul>
 *   <li>JA3 = MD5 of {@code version,ciphers,extensions,groups,pointformats}: decimal, {@code -} inside a field,
 *       GREASE removed, version = legacy_version. SSLv2 hellos get none (null).</li>
 *   <li>JA3S = MD5 of {@code version,cipher,extensions}.</li>
 *   <li>JA4 = {@code t|q}, version, {@code d|i}, cipher and extension counts, ALPN first/last character,
 *       {@code _}, sorted-cipher hash, {@code _}, sorted-extension (+ signature algorithms) hash.</li>
 * </ul>
 *
 * <p>Clients repeat themselves: a fleet sees the same few hundred TLS stacks over and over. Each instance
 * memoises recent fingerprints in two small two-way set-associative caches ({@link #DEFAULT_CACHE_ENTRIES} entries
 * each by default), keyed by the values a fingerprint is computed from (GREASE removed; JA4's extensions
 * sorted, so Chrome's extension permutation still hits) and verified value by value, so a hit can never
 * return another hello's fingerprint. A hit costs one pass over the lists instead of MD5 / SHA-256.
 * Memory is bounded: keys longer than {@link #MAX_KEY_INTS} values are not cached. JA3 is not cached for
 * hellos with GREASE extensions: Chromium shuffles its extension order per connection, so their JA3 never
 * repeats (their JA4, which sorts, does), and caching them only evicted the stacks that repeat. The price: a
 * stack that GREASEs without shuffling (Apple's) computes its JA3 every time.
 *
 * <p>An instance reuses its digests, buffers and caches: it is <b>not thread-safe</b>; use one per thread.
 */
public final class Fingerprints {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_HASH = "000000000000".getBytes(StandardCharsets.US_ASCII);
    /** "00", "01", … "99": the two ASCII digits of i at 2i and 2i+1. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /**
     * An int in decimal: at most 11 characters ({@code -2147483648}). A decoded hello only holds 16-bit values
     * (5 digits), but a ClientHello built by hand may hold anything: the buffer is sized for the worst case.
     */
    private static final int MAX_DECIMAL = 11;
    /** One JA3 list entry: a separator and a decimal. */
    private static final int DECIMAL_SLOT = MAX_DECIMAL + 1;
    /** One JA4 list entry: a comma and 4 hex digits. */
    private static final int HEX_SLOT = 5;
    /** Each JA3 list entry is written 8 bytes at a time: the buffer keeps this much room past the text. */
    private static final int SLACK = Long.BYTES;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * {@code -} and the decimal digits of every 16-bit value as ASCII in the low bytes of a little-endian long,
     * the text's length in the top byte: a JA3 list entry is one load and one 8-byte store. 512 KiB shared by
     * all instances; it measured 30-40 % faster JA3 strings than computing the digits.
     */
    private static final long[] DASH_DECIMAL = new long[1 << 16];
    /** Longest list sorted by insertion (browsers send 16-20 ciphers, OpenSSL 28-31); longer ones use Arrays.sort. */
    private static final int INSERTION_SORT_MAX = 32;

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int v = 0; v < DASH_DECIMAL.length; v++) {
            String text = "-" + v;
            long packed = (long) text.length() << 56;
            for (int i = 0; i < text.length(); i++) {
                packed |= (long) text.charAt(i) << (8 * i);
            }
            DASH_DECIMAL[v] = packed;
        }
    }

    /** Cache entries per fingerprint kind. */
    public static final int DEFAULT_CACHE_ENTRIES = 512;
    /** Longest key (values of one hello) that is cached: 256 ints, so at most about 1 KiB per entry. */
    public static final int MAX_KEY_INTS = 256;

    private final MessageDigest md5 = digest("MD5");
    private final Memo ja3Memo;
    private final Memo ja4Memo;
    private int[] key = new int[64];
    private int keyLen;

    /** With the default caches. */
    public Fingerprints() {
        this(DEFAULT_CACHE_ENTRIES);
    }

    /** @param cacheEntries entries per cache; 0 disables caching */
    public Fingerprints(int cacheEntries) {
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must be >= 0: " + cacheEntries);
        }
        ja3Memo = cacheEntries > 0 ? new Memo(cacheEntries) : null;
        ja4Memo = cacheEntries > 0 ? new Memo(cacheEntries) : null;
    }
    private final MessageDigest sha256 = digest("SHA-256");
    private final byte[] hash = new byte[32];
    private byte[] buf = new byte[1024];
    private int len;
    private int[] sorted = new int[128];
    private final byte[] out = new byte[64];

    // ---- JA3 / JA3S ---------------------------------------------------------------------------------------

    /** The JA3 string, or null for an SSLv2 hello. */
    public String ja3String(ClientHello hello) {
        if (hello.sslv2()) {
            return null;
        }
        computeJa3(hello);
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** The JA3 hash (32 lower-case hex digits), or null for an SSLv2 hello. */
    public String ja3(ClientHello hello) {
        if (hello.sslv2()) {
            return null;
        }
        if (ja3Memo == null || greased(hello.extensions())) {
            // Chromium GREASEs its extensions and shuffles their order on every connection (since Chrome 110):
            // its JA3 (wire order) is new each time, and caching it would only evict the stacks that repeat
            return computeJa3(hello);
        }
        keyLen = 0;
        key(hello.legacyVersion());
        keyWithoutGrease(hello.cipherSuites());
        keyWithoutGrease(hello.extensions());
        keyWithoutGrease(hello.supportedGroups());
        keyWithoutGrease(hello.ecPointFormats());
        String hit = ja3Memo.get(key, keyLen);
        if (hit != null) {
            return hit;
        }
        String ja3 = computeJa3(hello);
        ja3Memo.put(key, keyLen, ja3);
        return ja3;
    }

    /**
     * The JA3 string as ASCII into {@code buf} (then one MD5 update over it). Every value is a 16-bit code
     * point, at most five digits and a separator: the buffer is sized once, then written with local indices.
     */
    private String computeJa3(ClientHello hello) {
        int[] ciphers = hello.cipherSuites();
        int[] extensions = hello.extensions();
        int[] groups = hello.supportedGroups();
        int[] formats = hello.ecPointFormats();
        byte[] b = capacity(MAX_DECIMAL + 4 + SLACK + DECIMAL_SLOT
                * (ciphers.length + extensions.length + groups.length + formats.length));
        int p = decimal(b, 0, hello.legacyVersion());
        p = decimals(b, p, ciphers);
        p = decimals(b, p, extensions);
        p = decimals(b, p, groups);
        p = decimals(b, p, formats);
        len = p;
        return md5Hex();
    }

    public String ja3sString(ServerHello hello) {
        ja3s(hello);
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** The JA3S hash (32 lower-case hex digits). */
    public String ja3s(ServerHello hello) {
        int[] extensions = hello.extensions();
        byte[] b = capacity(2 * MAX_DECIMAL + 2 + SLACK + DECIMAL_SLOT * extensions.length);
        int p = decimal(b, 0, hello.legacyVersion());
        b[p++] = ',';
        p = decimal(b, p, hello.cipherSuite());
        p = decimals(b, p, extensions);
        len = p;
        return md5Hex();
    }

    private String md5Hex() {
        md5.update(buf, 0, len);
        digestInto(md5);
        hex(hash, 16, out, 0);
        return new String(out, 0, 32, StandardCharsets.ISO_8859_1);
    }

    // ---- JA4 ----------------------------------------------------------------------------------------------

    /** JA4 over TCP ({@code t}); null for an SSLv2 hello. */
    public String ja4(ClientHello hello) {
        return ja4(hello, false);
    }

    /** JA4 with {@code q} when the hello came over QUIC; null for an SSLv2 hello. */
    public String ja4(ClientHello hello, boolean quic) {
        if (hello.sslv2()) {
            return null;
        }
        if (ja4Memo == null) {
            return computeJa4(hello, quic);
        }
        int a = ja4a(hello, quic); // the first part is cheap and goes into the key as it is
        keyLen = 0;
        for (int i = 0; i < a; i++) {
            key(out[i]);
        }
        // ciphers in wire order (clients do not shuffle them; sorting long lists costs more than the hash),
        // extensions sorted (Chrome shuffles them per connection): still a function of what JA4 hashes
        keyWithoutGrease(hello.cipherSuites());
        int from = keyLen;
        ensureKey(hello.extensions().length + 1);
        key[keyLen++] = -1;
        for (int v : hello.extensions()) {
            if (!TlsValues.isGrease(v) && v != TlsValues.EXT_SERVER_NAME && v != TlsValues.EXT_ALPN) {
                key[keyLen++] = v;
            }
        }
        sort(key, from + 1, keyLen);
        keyWithoutGrease(hello.signatureAlgorithms());
        String hit = ja4Memo.get(key, keyLen);
        if (hit != null) {
            return hit;
        }
        String ja4 = computeJa4(hello, quic);
        ja4Memo.put(key, keyLen, ja4);
        return ja4;
    }

    private String computeJa4(ClientHello hello, boolean quic) {
        int o = ja4a(hello, quic);
        out[o++] = '_';
        // b: first 12 hex of SHA-256 of the sorted 4-hex cipher list
        int n = sortedWithout(hello.cipherSuites(), false);
        len = hexList(capacity(HEX_SLOT * n), 0, sorted, n);
        o = truncatedSha256(n == 0, o);
        out[o++] = '_';
        // c: sorted extensions without SNI and ALPN, then "_" and the signature algorithms in wire order
        n = sortedWithout(hello.extensions(), true);
        int[] sigAlgs = hello.signatureAlgorithms();
        byte[] b = capacity(HEX_SLOT * (n + sigAlgs.length) + 1);
        int p = hexList(b, 0, sorted, n);
        int sigs = signatureAlgorithms(sigAlgs);
        if (sigs > 0) {
            b[p++] = '_';
            p = hexList(b, p, sorted, sigs);
        }
        len = p;
        o = truncatedSha256(n == 0, o);
        return new String(out, 0, o, StandardCharsets.ISO_8859_1);
    }

    /** JA4_r, the raw form: the lists themselves instead of their hashes (for debugging). */
    public String ja4r(ClientHello hello, boolean quic) {
        if (hello.sslv2()) {
            return null;
        }
        int o = ja4a(hello, quic);
        StringBuilder sb = new StringBuilder(new String(out, 0, o, StandardCharsets.ISO_8859_1)).append('_');
        int n = sortedWithout(hello.cipherSuites(), false);
        int p = hexList(capacity(HEX_SLOT * n), 0, sorted, n);
        sb.append(new String(buf, 0, p, StandardCharsets.ISO_8859_1)).append('_');
        n = sortedWithout(hello.extensions(), true);
        int[] sigAlgs = hello.signatureAlgorithms();
        byte[] b = capacity(HEX_SLOT * (n + sigAlgs.length) + 1);
        p = hexList(b, 0, sorted, n);
        int sigs = signatureAlgorithms(sigAlgs);
        if (sigs > 0) {
            b[p++] = '_';
            p = hexList(b, p, sorted, sigs);
        }
        return sb.append(new String(b, 0, p, StandardCharsets.ISO_8859_1)).toString();
    }

    /** The 10-character JA4_a part into {@code out}; returns its length. */
    private int ja4a(ClientHello hello, boolean quic) {
        int o = 0;
        out[o++] = (byte) (quic ? 'q' : 't');
        String v = switch (hello.highestVersion()) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
        out[o++] = (byte) v.charAt(0);
        out[o++] = (byte) v.charAt(1);
        out[o++] = (byte) (hello.hasExtension(TlsValues.EXT_SERVER_NAME) ? 'd' : 'i');
        o = twoDigits(countWithoutGrease(hello.cipherSuites()), o);
        o = twoDigits(countWithoutGrease(hello.extensions()), o);
        List<String> alpn = hello.alpn();
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
            out[o++] = '0';
            out[o++] = '0';
        } else {
            String first = alpn.get(0);
            char a = first.charAt(0);
            char z = first.charAt(first.length() - 1);
            if (alnum(a) && alnum(z)) {
                out[o++] = (byte) a;
                out[o++] = (byte) z;
            } else {
                // the first hex digit of the first byte and the last hex digit of the last byte: 0xBA 0xAD -> "bd"
                out[o++] = HEX[(a >> 4) & 0xf];
                out[o++] = HEX[z & 0xf];
            }
        }
        return o;
    }

    private int twoDigits(int count, int o) {
        int c = Math.min(count, 99);
        out[o++] = (byte) ('0' + c / 10);
        out[o++] = (byte) ('0' + c % 10);
        return o;
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean greased(int[] values) {
        for (int v : values) {
            if (TlsValues.isGrease(v)) {
                return true;
            }
        }
        return false;
    }

    private static int countWithoutGrease(int[] values) {
        int n = 0;
        for (int v : values) {
            if (!TlsValues.isGrease(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Copies the non-GREASE values (and, for extensions, not SNI/ALPN) into {@code sorted}, sorted (insertion
     * sort up to {@link #INSERTION_SORT_MAX} values, which covers nearly every real hello).
     */
    private int sortedWithout(int[] values, boolean extensions) {
        ensureSorted(values.length);
        int[] s = sorted;
        int n = 0;
        for (int v : values) {
            if (TlsValues.isGrease(v) || (extensions && (v == TlsValues.EXT_SERVER_NAME || v == TlsValues.EXT_ALPN))) {
                continue;
            }
            s[n++] = v;
        }
        sort(s, 0, n);
        return n;
    }

    /** Signature algorithms (0x000d) in wire order without GREASE, into {@code sorted}. */
    private int signatureAlgorithms(int[] sigs) {
        ensureSorted(sigs.length);
        int[] s = sorted;
        int n = 0;
        for (int v : sigs) {
            if (!TlsValues.isGrease(v)) {
                s[n++] = v;
            }
        }
        return n;
    }

    /** Insertion sort for the short lists of a hello (no allocation, no dispatch); Arrays.sort beyond the limit. */
    private static void sort(int[] a, int from, int to) {
        if (to - from > INSERTION_SORT_MAX) {
            Arrays.sort(a, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private void ensureSorted(int n) {
        if (sorted.length < n) {
            sorted = new int[Math.max(n, sorted.length * 2)];
        }
    }

    private int truncatedSha256(boolean empty, int o) {
        if (empty) {
            System.arraycopy(EMPTY_HASH, 0, out, o, 12);
            return o + 12;
        }
        sha256.update(buf, 0, len);
        digestInto(sha256);
        hex(hash, 6, out, o);
        return o + 12;
    }

    // ---- memo keys ----------------------------------------------------------------------------------------

    private void key(int v) {
        ensureKey(1);
        key[keyLen++] = v;
    }

    /** A separator (-1, never a 16-bit value), then the non-GREASE values. */
    private void keyWithoutGrease(int[] values) {
        ensureKey(values.length + 1);
        key[keyLen++] = -1;
        for (int v : values) {
            if (!TlsValues.isGrease(v)) {
                key[keyLen++] = v;
            }
        }
    }

    private void ensureKey(int more) {
        if (keyLen + more > key.length) {
            key = Arrays.copyOf(key, Math.max(keyLen + more, key.length * 2));
        }
    }

    /**
     * Two-way set-associative cache from an int sequence to its fingerprint; a hit compares the whole
     * sequence. A new entry replaces the older of its set.
     */
    private static final class Memo {
        private final int[][] keys;
        private final String[] values;
        private final boolean[] newer;
        private final int sets;

        Memo(int entries) {
            keys = new int[entries][];
            values = new String[entries];
            newer = new boolean[entries];
            sets = Math.max(1, entries / 2);
        }

        String get(int[] key, int n) {
            int first = set(key, n) * 2;
            for (int slot = first; slot < first + 2 && slot < keys.length; slot++) {
                int[] k = keys[slot];
                if (k != null && Arrays.equals(k, 0, k.length, key, 0, n)) {
                    return values[slot];
                }
            }
            return null;
        }

        void put(int[] key, int n, String value) {
            if (n > MAX_KEY_INTS) {
                return;
            }
            int first = set(key, n) * 2;
            int slot = first + 1 < keys.length && newer[first] ? first + 1 : first;
            keys[slot] = Arrays.copyOf(key, n);
            values[slot] = value;
            newer[slot] = true;
            if ((slot ^ 1) < keys.length) {
                newer[slot ^ 1] = false;
            }
        }

        private int set(int[] key, int n) {
            int h = n;
            for (int i = 0; i < n; i++) {
                h = 31 * h + key[i];
            }
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            return (h & 0x7fffffff) % sets;
        }
    }

    // ---- ASCII text into buf ------------------------------------------------------------------------------

    /** {@code buf} with room for at least {@code n} bytes (grown, never shrunk). */
    private byte[] capacity(int n) {
        if (buf.length < n) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
        return buf;
    }

    /**
     * A JA3 field: a comma, then the non-GREASE values in decimal separated by {@code -}; returns the position
     * after it. Each value goes in as {@code -digits} from {@link #DASH_DECIMAL}, then the field's first dash
     * becomes the comma. Needs {@link #SLACK} bytes of room past the text.
     */
    private static int decimals(byte[] b, int p, int[] values) {
        int start = p;
        for (int v : values) {
            if (TlsValues.isGrease(v)) {
                continue;
            }
            if ((v >>> 16) != 0) { // never from a decoded hello: its values are uint8 / uint16
                b[p++] = '-';
                p = decimal(b, p, v);
                continue;
            }
            long text = DASH_DECIMAL[v];
            LONG_LE.set(b, p, text);
            p += (int) (text >>> 56);
        }
        b[start] = ',';
        return p == start ? p + 1 : p;
    }

    /** The packed {@code -digits} entry of a 16-bit value (for the test of the table). */
    static long dashDecimal(int v) {
        return DASH_DECIMAL[v];
    }

    /**
     * {@code v} (a 16-bit code point, 0..65535) in decimal at {@code p}; returns the position after it. The
     * width comes from comparisons, then the digits are written from the right two at a time from
     * {@link #DIGIT_PAIRS} (C2 turns {@code / 100} into a multiply and a shift): no loop per digit, no reversal.
     */
    static int decimal(byte[] b, int p, int v) {
        if (v < 0 || v > 0xffff) { // never from a decoded hello: its values are uint8 / uint16
            byte[] text = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, b, p, text.length);
            return p + text.length;
        }
        int end = p + (v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5);
        int q = end;
        while (v >= 100) {
            int r = v % 100;
            v /= 100;
            b[--q] = DIGIT_PAIRS[2 * r + 1];
            b[--q] = DIGIT_PAIRS[2 * r];
        }
        if (v >= 10) {
            b[--q] = DIGIT_PAIRS[2 * v + 1];
            b[--q] = DIGIT_PAIRS[2 * v];
        } else {
            b[--q] = (byte) ('0' + v);
        }
        return end;
    }

    /** The first {@code n} values as 4 lower-case hex digits each, separated by commas; returns the end. */
    private static int hexList(byte[] b, int p, int[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b[p++] = ',';
            }
            int v = values[i];
            b[p] = HEX[(v >> 12) & 0xf];
            b[p + 1] = HEX[(v >> 8) & 0xf];
            b[p + 2] = HEX[(v >> 4) & 0xf];
            b[p + 3] = HEX[v & 0xf];
            p += 4;
        }
        return p;
    }

    /** The first {@code n} bytes of {@code digest} as lower-case hex into {@code to} at {@code p}. */
    private static void hex(byte[] digest, int n, byte[] to, int p) {
        for (int i = 0; i < n; i++) {
            to[p + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            to[p + 2 * i + 1] = HEX[digest[i] & 0xf];
        }
    }

    private void digestInto(MessageDigest d) {
        try {
            d.digest(hash, 0, d.getDigestLength());
        } catch (DigestException e) {
            throw new IllegalStateException("digest buffer too small", e);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
