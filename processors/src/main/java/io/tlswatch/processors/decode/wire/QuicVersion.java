package io.tlswatch.processors.decode.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The QUIC versions whose Initial packets can be read: what differs between them is the public salt, the
 * HKDF label prefix and the bits of the long-header packet type (RFC 9001 §5.2, RFC 9369 §3.2-3.3).
 */
public enum QuicVersion {
    /** RFC 9000 / RFC 9001 §5.2. */
    V1(0x00000001, "38762cf7f55934b34d179ae6a4c80cadccbb7f0a", "quic "),
    /** RFC 9369 §3.3.1 (salt), §3.3.2 (labels "quicv2 key/iv/hp"). */
    V2(0x6b3343cf, "0dede3def700a6db819381be6e269dcbf9bd2ed9", "quicv2 ");

    /** Long-header packet types, as version 1 numbers them (RFC 9000 §17.2). */
    public static final int INITIAL = 0;
    public static final int ZERO_RTT = 1;
    public static final int HANDSHAKE = 2;
    public static final int RETRY = 3;

    private final int number;
    private final byte[] salt;
    private final String labelPrefix;

    QuicVersion(int number, String salt, String labelPrefix) {
        this.number = number;
        this.salt = WireBytes.hex(salt);
        this.labelPrefix = labelPrefix;
    }

    /** The version field of a long header. */
    public int number() {
        return number;
    }

    /** The version of a long header's version field, or null when it is not one read here. */
    public static QuicVersion of(int number) {
        for (QuicVersion v : values()) {
            if (v.number == number) {
                return v;
            }
        }
        return null;
    }

    /**
     * The packet type of a long header's first byte, numbered as in version 1 ({@link #INITIAL} ...): RFC 9369
     * §3.2 rotates them in version 2 (Initial 0b01, 0-RTT 0b10, Handshake 0b11, Retry 0b00).
     */
    public int packetType(int firstByte) {
        int bits = (firstByte >> 4) & 0x03;
        return this == V2 ? (bits + 3) & 0x03 : bits;
    }

    /** Initial packet protection of one direction (RFC 9001 §5.2), or null when the platform lacks AES/HMAC. */
    Keys initialKeys(byte[] originalDcid, boolean client) {
        try {
            byte[] initialSecret = hmac(salt, originalDcid);
            byte[] secret = expandLabel(initialSecret, client ? "client in" : "server in", 32);
            byte[] key = expandLabel(secret, labelPrefix + "key", 16);
            byte[] iv = expandLabel(secret, labelPrefix + "iv", 12);
            byte[] hp = expandLabel(secret, labelPrefix + "hp", 16);
            Cipher mask = Cipher.getInstance("AES/ECB/NoPadding");
            mask.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
            return new Keys(key, iv, hp, mask);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** The keys of one direction: AEAD key and IV, header protection key (and its cipher, ready to use). */
    record Keys(byte[] key, byte[] iv, byte[] hp, Cipher mask) {}

    /** RFC 8446 §7.1 HKDF-Expand-Label with an empty context, for lengths up to one SHA-256 block. */
    private static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1 + 1];
        info[0] = (byte) (length >> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        info[3 + full.length] = 0; // context length
        info[4 + full.length] = 1; // HKDF-Expand counter T(1)
        return Arrays.copyOf(hmac(secret, info), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = HMAC.get();
        if (mac == null) {
            throw new NoSuchAlgorithmException("HmacSHA256");
        }
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** One HMAC per thread, initialised with each key: five per direction and connection, looked up once. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            return null; // the platform lacks it: initialKeys says so with null
        }
    });
}
