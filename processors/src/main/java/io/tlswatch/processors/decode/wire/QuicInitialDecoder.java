package io.tlswatch.processors.decode.wire;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the ClientHello or ServerHello carried by QUIC Initial packets of version 1 or 2 (RFC 9000 §17.2.2,
 * RFC 9001 §5, RFC 9369): derives the Initial keys of the packet's version from the client's original Destination
 * Connection ID, removes header protection, decrypts (AES-128-GCM), collects the CRYPTO frames in offset order
 * and decodes the handshake messages with {@link WireDecoder}; it also notes what else the datagrams show
 * ({@link QuicReading}: Retry, Version Negotiation, Handshake and 1-RTT packets, a CONNECTION_CLOSE). JA4 of such a
 * hello uses {@code q} ({@link Fingerprints#ja4(ClientHello, boolean)}).
 *
 * <p>Input is one direction's UDP payloads, one array per datagram (coalesced packets inside a datagram are
 * followed by their Length field). Like an endpoint (RFC 9000 §12.2, RFC 9001 §5.5), a packet whose protection
 * does not verify is dropped and the rest of a datagram whose header lies is ignored: garbage after a valid packet
 * or a forged Initial costs the bytes it takes, never the packets already read. No exception escapes on any
 * bytes; memory is bounded by {@link WireDecoder#MAX_HELLO_MESSAGE} of CRYPTO data. Reusable, <b>not
 * thread-safe</b>.
 */
public final class QuicInitialDecoder {
    /** RFC 9000 §17.2: connection IDs are at most 20 bytes in versions 1 and 2. */
    static final int MAX_CID = 20;
    /** RFC 9001 §5.4.2: the header protection sample starts 4 bytes after the packet number's start, 16 long. */
    private static final int SAMPLE_OFFSET = 4;
    private static final int SAMPLE_LENGTH = 16;
    /** RFC 9001 §5.3: AEAD_AES_128_GCM tag. */
    private static final int TAG_LENGTH = 16;

    private final WireDecoder decoder = new WireDecoder();
    /** Initialised afresh for every packet (a failed decryption leaves it needing that anyway). */
    private Cipher aead;
    private final byte[] crypto = new byte[WireDecoder.MAX_HELLO_MESSAGE];
    private final boolean[] filled = new boolean[WireDecoder.MAX_HELLO_MESSAGE];

    // the scratch of one read()
    private QuicVersion.Keys keysV1;
    private QuicVersion.Keys keysV2;
    private int initialPackets;
    private int undecryptable;
    private int malformed;
    private int handshakePackets;
    private int zeroRtt;
    private boolean retry;
    private boolean versionNegotiation;
    private boolean shortHeader;
    private QuicReading.Close close;
    private int firstProblem;

    /**
     * The Destination Connection ID of a client's first Initial (the input of its keys), or null when the datagram
     * does not start with a long header whose connection-ID length is possible.
     */
    public static byte[] originalDcid(byte[] firstDatagram) {
        if (firstDatagram.length < 6 || (firstDatagram[0] & 0x80) == 0) {
            return null;
        }
        int length = firstDatagram[5] & 0xff;
        if (length > MAX_CID || firstDatagram.length - 6 < length) {
            return null;
        }
        return Arrays.copyOfRange(firstDatagram, 6, 6 + length);
    }

    /**
     * The handshake of one direction's datagrams.
     *
     * @param datagrams the UDP payloads of one direction, in order
     * @param fromClient client→server (keys "client in") or server→client ("server in")
     * @param originalDcid the Destination Connection ID of the client's first Initial; null for the client
     *     direction (it is read from its first packet)
     */
    public WireDecodeResult decode(byte[][] datagrams, boolean fromClient, byte[] originalDcid) {
        return read(datagrams, fromClient, originalDcid).crypto();
    }

    /** Everything the datagrams of one direction show; see {@link #decode}. */
    public QuicReading read(byte[][] datagrams, boolean fromClient, byte[] originalDcid) {
        reset();
        byte[] dcid = originalDcid;
        QuicVersion first = null;
        boolean longHeaderSeen = false;
        int base = 0;
        for (byte[] d : datagrams) {
            int p = 0;
            while (p < d.length) {
                int b0 = d[p] & 0xff;
                if ((b0 & 0x80) == 0) {
                    // a short header (1-RTT) runs to the end of the datagram; zeros are padding
                    shortHeader |= (b0 & 0x40) != 0;
                    break;
                }
                if (d.length - p < 7) {
                    problem(base + p);
                    break;
                }
                int number = (int) u32(d, p + 1);
                if (number == 0) {
                    versionNegotiation = true; // RFC 9000 §17.2.1: no Length, the rest is a version list
                    break;
                }
                QuicVersion version = QuicVersion.of(number);
                if (version == null) {
                    problem(base + p + 1);
                    break;
                }
                if (!longHeaderSeen) {
                    first = version;
                    longHeaderSeen = true;
                }
                int q = p + 5;
                int dcidLength = d[q++] & 0xff;
                if (dcidLength > MAX_CID || d.length - q < dcidLength + 1) {
                    problem(base + q - 1);
                    break;
                }
                byte[] packetDcid = dcid == null ? Arrays.copyOfRange(d, q, q + dcidLength) : null;
                q += dcidLength;
                int scidLength = d[q++] & 0xff;
                if (scidLength > MAX_CID || d.length - q < scidLength) {
                    problem(base + q - 1);
                    break;
                }
                q += scidLength;
                int type = version.packetType(b0);
                if (type == QuicVersion.RETRY) {
                    retry = true; // RFC 9000 §17.2.5: no Length field; it ends the datagram
                    break;
                }
                if (type == QuicVersion.INITIAL) {
                    long tokenLength = varint(d, q);
                    if (tokenLength < 0 || d.length - (q + varintLength(d, q)) < tokenLength) {
                        problem(base + q);
                        break;
                    }
                    q += varintLength(d, q) + (int) tokenLength;
                }
                long length = varint(d, q);
                if (length < 0 || d.length - (q + varintLength(d, q)) < length) {
                    problem(base + q);
                    break;
                }
                q += varintLength(d, q);
                int end = q + (int) length;
                switch (type) {
                    case QuicVersion.INITIAL -> {
                        if (dcid == null) {
                            dcid = packetDcid;
                        }
                        QuicVersion.Keys keys = keys(version, dcid, fromClient);
                        if (keys == null) {
                            problem(base + p);
                        } else {
                            initial(d, p, q, end, keys, base);
                        }
                    }
                    case QuicVersion.HANDSHAKE -> handshakePackets++;
                    default -> zeroRtt++;
                }
                p = end;
            }
            base += d.length;
        }
        return new QuicReading(cryptoResult(), first, initialPackets, undecryptable, malformed, handshakePackets,
                zeroRtt, retry, versionNegotiation, shortHeader, close);
    }

    private void reset() {
        Arrays.fill(filled, false);
        keysV1 = null;
        keysV2 = null;
        initialPackets = 0;
        undecryptable = 0;
        malformed = 0;
        handshakePackets = 0;
        zeroRtt = 0;
        retry = false;
        versionNegotiation = false;
        shortHeader = false;
        close = null;
        firstProblem = -1;
    }

    private WireDecodeResult cryptoResult() {
        if (initialPackets == 0) {
            return firstProblem >= 0 ? new WireDecodeResult.Malformed(MalformedReason.QUIC, firstProblem)
                    : new WireDecodeResult.Incomplete(1);
        }
        int contiguous = 0;
        while (contiguous < crypto.length && filled[contiguous]) {
            contiguous++;
        }
        return decoder.decodeCryptoStream(crypto, contiguous);
    }

    private QuicVersion.Keys keys(QuicVersion version, byte[] dcid, boolean fromClient) {
        if (version == QuicVersion.V1) {
            return keysV1 != null ? keysV1 : (keysV1 = version.initialKeys(dcid, fromClient));
        }
        return keysV2 != null ? keysV2 : (keysV2 = version.initialKeys(dcid, fromClient));
    }

    private void problem(int offset) {
        malformed++;
        if (firstProblem < 0) {
            firstProblem = offset;
        }
    }

    /** Removes header protection (RFC 9001 §5.4), decrypts one Initial packet and files its frames. */
    private void initial(byte[] d, int start, int pnOffset, int end, QuicVersion.Keys keys, int base) {
        if (end - pnOffset < SAMPLE_OFFSET + SAMPLE_LENGTH) {
            problem(base + pnOffset);
            return;
        }
        byte[] header = Arrays.copyOfRange(d, start, pnOffset + 4);
        byte[] mask;
        try {
            mask = keys.mask().doFinal(d, pnOffset + SAMPLE_OFFSET, SAMPLE_LENGTH);
        } catch (GeneralSecurityException e) {
            problem(base + pnOffset);
            return;
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
        if (end - pnOffset - pnLength < TAG_LENGTH) {
            problem(base + pnOffset);
            return;
        }
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        byte[] plain;
        try {
            if (aead == null) {
                aead = Cipher.getInstance("AES/GCM/NoPadding"); // once per decoder: the provider lookup is not free
            }
            aead.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
            aead.updateAAD(header, 0, aadLength);
            plain = aead.doFinal(d, pnOffset + pnLength, end - pnOffset - pnLength);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            undecryptable++;
            if (firstProblem < 0) {
                firstProblem = base + start;
            }
            return;
        }
        initialPackets++;
        if (!frames(plain)) {
            malformed++;
        }
    }

    /** RFC 9000 §19 and §17.2.2: the frames an Initial packet may carry; false when one breaks a rule. */
    private boolean frames(byte[] f) {
        int p = 0;
        while (p < f.length) {
            int type = f[p] & 0xff;
            switch (type) {
                case 0x00, 0x01 -> p++; // PADDING, PING
                case 0x02, 0x03 -> { // ACK: largest, delay, range count, first range, ranges, ECN counts
                    p++;
                    long ranges = 0;
                    for (int i = 0; i < 4; i++) {
                        long v = varint(f, p);
                        if (v < 0) {
                            return false;
                        }
                        if (i == 2) {
                            ranges = v;
                        }
                        p += varintLength(f, p);
                    }
                    long more = ranges * 2 + (type == 0x03 ? 3 : 0);
                    if (more > f.length - p) {
                        return false; // each varint takes at least a byte
                    }
                    for (long i = 0; i < more; i++) {
                        if (varint(f, p) < 0) {
                            return false;
                        }
                        p += varintLength(f, p);
                    }
                }
                case 0x06 -> { // CRYPTO: offset, length, data
                    p++;
                    long offset = varint(f, p);
                    if (offset < 0) {
                        return false;
                    }
                    p += varintLength(f, p);
                    long length = varint(f, p);
                    if (length < 0 || f.length - (p + varintLength(f, p)) < length) {
                        return false;
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
                case 0x1c, 0x1d -> { // CONNECTION_CLOSE: error code (frame type, for 0x1c), reason
                    long code = varint(f, p + 1);
                    if (code < 0) {
                        return false;
                    }
                    if (close == null) {
                        close = new QuicReading.Close(code, type == 0x1d);
                    }
                    return true; // nothing after it matters
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** RFC 9000 §16 variable-length integer at p, or -1 when it runs past the array. */
    static long varint(byte[] a, int p) {
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

    static int varintLength(byte[] a, int p) {
        return p < a.length ? 1 << ((a[p] & 0xff) >> 6) : 1;
    }

    private static long u32(byte[] a, int p) {
        return ((long) (a[p] & 0xff) << 24) | ((a[p + 1] & 0xff) << 16) | ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
    }
}
