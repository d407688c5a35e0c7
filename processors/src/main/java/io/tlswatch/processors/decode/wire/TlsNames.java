package io.tlswatch.processors.decode.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Names for ECS {@code tls.cipher}, {@code tls.version} and {@code tls.version_protocol}. Cipher suite names
 * come from the IANA "TLS Cipher Suites" registry, kept as data in {@code wire/tls-cipher-suites.txt}.
 */
public final class TlsNames {
    private static final String RESOURCE = "/wire/tls-cipher-suites.txt";
    private static final String[] CIPHERS = load();

    private TlsNames() {}

    /** The IANA name of a TLS cipher suite, or null when the registry does not name it (GREASE, unassigned). */
    public static String cipherSuite(int value) {
        return value < 0 || value > 0xffff ? null : CIPHERS[value];
    }

    /** ECS {@code tls.version}: {@code 1.0}..{@code 1.3}, {@code 3.0} or {@code 2.0}; null when unknown. */
    public static String version(int value) {
        return switch (value) {
            case 0x0304 -> "1.3";
            case 0x0303 -> "1.2";
            case 0x0302 -> "1.1";
            case 0x0301 -> "1.0";
            case 0x0300 -> "3.0";
            case 0x0002 -> "2.0";
            default -> null;
        };
    }

    /**
     * A version as the packets showed it: its {@link #version name} when it has one, else the number in hex
     * ({@code 0x7f1c} for TLS 1.3 draft 28), never dropped.
     */
    public static String versionAsSeen(int value) {
        String name = version(value);
        return name != null ? name : String.format(java.util.Locale.ROOT, "0x%04x", value & 0xffff);
    }

    /** Whether {@code value} is a TLS 1.3 draft version, {@code 0x7f00 | draft} (RFC 8446 drafts, §4.2.1). */
    public static boolean isTls13Draft(int value) {
        return (value & 0xff00) == 0x7f00;
    }

    /** ECS {@code tls.version_protocol}: {@code tls} (TLS 1.3 drafts included) or {@code ssl}; null when unknown. */
    public static String versionProtocol(int value) {
        if (isTls13Draft(value)) {
            return "tls";
        }
        return switch (value) {
            case 0x0301, 0x0302, 0x0303, 0x0304 -> "tls";
            case 0x0300, 0x0002 -> "ssl";
            default -> null;
        };
    }

    /** Lines {@code 0xC02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}; {@code #} starts a comment. */
    private static String[] load() {
        String[] names = new String[0x10000];
        try (InputStream in = TlsNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                names[Integer.parseInt(line.substring(2, space), 16)] = line.substring(space + 1).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
