package io.tlswatch.processors.decode.wire;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the ClientHello or ServerHello carried by QUIC v1 Initial packets (RFC 9000 §17.2.2, RFC 9001 §5):
 * derives the Initial keys from the client's original Destination Connection ID, removes header protection,
 * decrypts (AES-128-GCM), collects the CRYPTO frames in offset order and decodes the handshake messages with
 * {@link WireDecoder}. JA4 of such a hello uses {@code q} ({@link Fingerprints#ja4(ClientHello, boolean)}).
 *
 * <p>Input is one direction's UDP payloads, one array per datagram (coalesced packets inside a datagram are
 * followed by their Length field). Handshake, 0-RTT and short-header packets are skipped; other versions
 * give {@link MalformedReason#QUIC}. No exception escapes on any bytes; memory is bounded by
 * {@link WireDecoder#MAX_HELLO_MESSAGE} of CRYPTO data. Reusable, <b>not thread-safe</b>.
 */
public final class QuicInitialDecoder {
    /** RFC 9001 §5.2: initial_salt of QUIC version 1. */
    private static final byte[] INITIAL_SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final int VERSION_1 = 1;
    /** RFC 9000 §17.2: connection IDs are at most 20 bytes in version 1. */
    private static final int MAX_CID = 20;

    private final WireDecoder decoder = new WireDecoder();
    private final byte[] crypto = new byte[WireDecoder.MAX_HELLO_MESSAGE];
    private final boolean[] filled = new boolean[WireDecoder.MAX_HELLO_MESSAGE];
    private MalformedReason failReason;
    private int failOffset;

    /**
     * @param datagrams the UDP payloads of one direction, in order
     * @param fromClient client→server (keys "client in") or server→client ("server in")
     * @param originalDcid the Destination Connection ID of the client's first Initial; null for the client
     *     direction (it is read from its first packet)
     */
    public WireDecodeResult decode(byte[][] datagrams, boolean fromClient, byte[] originalDcid) {
        Arrays.fill(filled, false);
        failReason = null;
        byte[] dcid = originalDcid;
        Keys keys = null;
        int base = 0;
        for (byte[] d : datagrams) {
            int p = 0;
            while (p < d.length) {
                int first = d[p] & 0xff;
                if ((first & 0x80) == 0) {
                    break; // short header (or padding): no length, the rest of the datagram is 1-RTT
                }
                if (d.length - p < 7) {
                    return malformed(MalformedReason.QUIC, base + p);
                }
                int version = (int) u32(d, p + 1);
                if (version != VERSION_1) {
                    return malformed(MalformedReason.QUIC, base + p + 1);
                }
                int q = p + 5;
                int dcidLen = d[q++] & 0xff;
                if (dcidLen > MAX_CID || d.length - q < dcidLen + 1) {
                    return malformed(MalformedReason.QUIC, base + q - 1);
                }
                byte[] packetDcid = Arrays.copyOfRange(d, q, q + dcidLen);
                q += dcidLen;
                int scidLen = d[q++] & 0xff;
                if (scidLen > MAX_CID || d.length - q < scidLen) {
                    return malformed(MalformedReason.QUIC, base + q - 1);
                }
                q += scidLen;
                int type = (first >> 4) & 0x03;
                if (type == 0) {
                    long tokenLen = varint(d, q);
                    if (tokenLen < 0 || d.length - (q + varintLength(d, q)) < tokenLen) {
                        return malformed(MalformedReason.QUIC, base + q);
                    }
                    q += varintLength(d, q) + (int) tokenLen;
                } else if (type == 3) {
                    break; // Retry: no Length field; nothing of interest
                }
                long length = varint(d, q);
                if (length < 0 || d.length - (q + varintLength(d, q)) < length) {
                    return malformed(MalformedReason.QUIC, base + q);
                }
                q += varintLength(d, q);
                int pnOffset = q;
                int end = q + (int) length;
                if (type == 0) {
                    if (dcid == null) {
                        dcid = packetDcid;
                    }
                    if (keys == null) {
                        keys = Keys.initial(dcid, fromClient);
                        if (keys == null) {
                            return malformed(MalformedReason.QUIC, base + p);
                        }
                    }
                    if (!initial(d, p, pnOffset, end, keys, base)) {
                        return malformed(failReason, failOffset);
                    }
                }
                p = end;
            }
            base += d.length;
        }
        int contiguous = 0;
        while (contiguous < crypto.length && filled[contiguous]) {
            contiguous++;
        }
        if (keys == null) {
            return new WireDecodeResult.Incomplete(1);
        }
        return decoder.decodeCryptoStream(crypto, contiguous);
    }

    /** Removes header protection, decrypts one Initial packet and files its CRYPTO frames. */
    private boolean initial(byte[] d, int start, int pnOffset, int end, Keys keys, int base) {
        if (end - pnOffset < 4 + 16) {
            return fail(MalformedReason.QUIC, base + pnOffset);
        }
        byte[] header = Arrays.copyOfRange(d, start, pnOffset + 4);
        byte[] mask;
        try {
            mask = keys.hp.doFinal(d, pnOffset + 4, 16);
        } catch (GeneralSecurityException e) {
            return fail(MalformedReason.QUIC, base + pnOffset);
        }
        header[0] ^= (byte) (mask[0] & 0x0f);
        int pnLength = (header[0] & 0x03) + 1;
        long pn = 0;
        for (int i = 0; i < pnLength; i++) {
            int at = pnOffset - start + i;
            header[at] ^= mask[1 + i];
            pn = (pn << 8) | (header[at] & 0xff);
        }
        int aadLength = pnOffset - start + pnLength;
        byte[] nonce = keys.iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        byte[] plain;
        try {
            Cipher aead = Cipher.getInstance("AES/GCM/NoPadding");
            aead.init(Cipher.DECRYPT_MODE, keys.key, new GCMParameterSpec(128, nonce));
            aead.updateAAD(header, 0, aadLength);
            plain = aead.doFinal(d, pnOffset + pnLength, end - pnOffset - pnLength);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return fail(MalformedReason.QUIC, base + start);
        }
        return frames(plain, base + pnOffset + pnLength);
    }

    /** RFC 9000 §19: the frames an Initial packet may carry. */
    private boolean frames(byte[] f, int base) {
        int p = 0;
        while (p < f.length) {
            int type = f[p] & 0xff;
            switch (type) {
                case 0x00, 0x01 -> p++; // PADDING, PING
                case 0x02, 0x03 -> { // ACK
                    p++;
                    long[] v = new long[4];
                    for (int i = 0; i < 4; i++) {
                        if ((v[i] = varint(f, p)) < 0) {
                            return fail(MalformedReason.QUIC, base + p);
                        }
                        p += varintLength(f, p);
                    }
                    long ranges = v[2] * 2 + (type == 0x03 ? 3 : 0);
                    for (long i = 0; i < ranges; i++) {
                        if (varint(f, p) < 0) {
                            return fail(MalformedReason.QUIC, base + p);
                        }
                        p += varintLength(f, p);
                    }
                }
                case 0x06 -> { // CRYPTO: offset, length, data
                    p++;
                    long offset = varint(f, p);
                    if (offset < 0) {
                        return fail(MalformedReason.QUIC, base + p);
                    }
                    p += varintLength(f, p);
                    long length = varint(f, p);
                    if (length < 0 || f.length - (p + varintLength(f, p)) < length) {
                        return fail(MalformedReason.QUIC, base + p);
                    }
                    p += varintLength(f, p);
                    for (int i = 0; i < length; i++) {
                        long at = offset + i;
                        if (at < crypto.length && !filled[(int) at]) {
                            crypto[(int) at] = f[p + i];
                            filled[(int) at] = true;
                        }
                    }
                    p += (int) length;
                }
                case 0x1c, 0x1d -> {
                    return true; // CONNECTION_CLOSE: nothing after it matters
                }
                default -> {
                    return fail(MalformedReason.QUIC, base + p);
                }
            }
        }
        return true;
    }

    private boolean fail(MalformedReason reason, int offset) {
        failReason = reason;
        failOffset = offset;
        return false;
    }

    private WireDecodeResult malformed(MalformedReason reason, int offset) {
        return new WireDecodeResult.Malformed(reason, offset);
    }

    /** RFC 9000 §16 variable-length integer at p, or -1 when it runs past the array. */
    private static long varint(byte[] a, int p) {
        if (p >= a.length) {
            return -1;
        }
        int n = varintLength(a, p);
        if (a.length - p < n) {
            return -1;
        }
        long v = a[p] & 0x3f;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (a[p + i] & 0xff);
        }
        return v;
    }

    private static int varintLength(byte[] a, int p) {
        return p < a.length ? 1 << ((a[p] & 0xff) >> 6) : 1;
    }

    private static long u32(byte[] a, int p) {
        return ((long) (a[p] & 0xff) << 24) | ((a[p + 1] & 0xff) << 16) | ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
    }

    /** Initial packet protection keys of one direction (RFC 9001 §5.2). */
    private record Keys(SecretKeySpec key, byte[] iv, Cipher hp) {
        static Keys initial(byte[] dcid, boolean client) {
            try {
                byte[] initialSecret = hmac(INITIAL_SALT_V1, dcid);
                byte[] secret = expandLabel(initialSecret, client ? "client in" : "server in", 32);
                Cipher hp = Cipher.getInstance("AES/ECB/NoPadding");
                hp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(expandLabel(secret, "quic hp", 16), "AES"));
                return new Keys(new SecretKeySpec(expandLabel(secret, "quic key", 16), "AES"),
                        expandLabel(secret, "quic iv", 12), hp);
            } catch (GeneralSecurityException e) {
                return null;
            }
        }

        /** RFC 8446 §7.1 HKDF-Expand-Label with an empty context, for lengths up to one SHA-256 block. */
        private static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
            byte[] full = ("tls13 " + label).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
