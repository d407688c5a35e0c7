package io.tlswatch.schemas.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only builder of QUIC packets as an endpoint sends them: Initial packets of version 1 or 2 protected with the
 * Initial keys (RFC 9001 §5, RFC 9369 §3), their frames, and the TLS hellos they carry; Handshake, 1-RTT, Retry
 * and Version Negotiation packets with filler where their contents are protected by keys an observer never has.
 * Written from the RFC text, on its own: the decoder under test derives its keys separately.
 */
public final class QuicPackets {
    public static final int V1 = 0x00000001;
    public static final int V2 = 0x6b3343cf;
    /** RFC 9000 §14.1: a client pads the datagrams with its Initials to at least this size. */
    public static final int MIN_CLIENT_DATAGRAM = 1200;

    private QuicPackets() {}

    // ---- packets ----

    /**
     * A protected Initial packet (packet number 4 bytes long).
     *
     * @param originalDcid the client's first Destination Connection ID (the keys' input)
     * @param padTo the packet's length is padded (PADDING frames) to at least this many bytes
     */
    public static byte[] initial(int version, boolean fromClient, byte[] originalDcid, byte[] dcid, byte[] scid,
            long packetNumber, byte[] frames, int padTo) {
        int typeBits = version == V2 ? 0b01 : 0b00;
        byte[] token = new byte[0];
        int headerFixed = 1 + 4 + 1 + dcid.length + 1 + scid.length + varint(token.length).length + token.length;
        int pnLength = 4;
        int payloadLength = frames.length + 16;
        int lengthFieldSize = 2;
        int total = headerFixed + lengthFieldSize + pnLength + payloadLength;
        byte[] payload = frames;
        if (total < padTo) {
            payload = Arrays.copyOf(frames, frames.length + padTo - total); // zeros: PADDING frames
            payloadLength = payload.length + 16;
        }
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xc0 | typeBits << 4 | (pnLength - 1));
        h.writeBytes(u32(version));
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(scid.length);
        h.writeBytes(scid);
        h.writeBytes(varint(token.length));
        h.writeBytes(token);
        h.writeBytes(varint2(pnLength + payloadLength));
        int pnOffset = h.size();
        h.writeBytes(u32((int) packetNumber));
        byte[] header = h.toByteArray();
        Keys k = keys(version, originalDcid, fromClient);
        try {
            byte[] nonce = k.iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (packetNumber >>> (8 * i));
            }
            Cipher aead = Cipher.getInstance("AES/GCM/NoPadding");
            aead.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.key, "AES"), new GCMParameterSpec(128, nonce));
            aead.updateAAD(header);
            byte[] sealed = aead.doFinal(payload);
            byte[] packet = new byte[header.length + sealed.length];
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(sealed, 0, packet, header.length, sealed.length);
            Cipher hp = Cipher.getInstance("AES/ECB/NoPadding");
            hp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.hp, "AES"));
            byte[] mask = hp.doFinal(packet, pnOffset + 4, 16);
            packet[0] ^= (byte) (mask[0] & 0x0f);
            for (int i = 0; i < pnLength; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Handshake packet (RFC 9000 §17.2.4) with {@code length} bytes of filler where its protected payload is. */
    public static byte[] handshake(int version, byte[] dcid, byte[] scid, int length) {
        int typeBits = version == V2 ? 0b11 : 0b10;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xc0 | typeBits << 4 | 3);
        h.writeBytes(u32(version));
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(scid.length);
        h.writeBytes(scid);
        h.writeBytes(varint2(length));
        h.writeBytes(filler(length));
        return h.toByteArray();
    }

    /** A Retry packet (RFC 9000 §17.2.5): token and a 16-byte integrity tag (filler). */
    public static byte[] retry(int version, byte[] dcid, byte[] scid, byte[] token) {
        int typeBits = version == V2 ? 0b00 : 0b11;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xc0 | typeBits << 4);
        h.writeBytes(u32(version));
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(scid.length);
        h.writeBytes(scid);
        h.writeBytes(token);
        h.writeBytes(filler(16));
        return h.toByteArray();
    }

    /** A Version Negotiation packet (RFC 9000 §17.2.1) listing {@code versions}. */
    public static byte[] versionNegotiation(byte[] dcid, byte[] scid, int... versions) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x80 | 0x2a);
        h.writeBytes(u32(0));
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(scid.length);
        h.writeBytes(scid);
        for (int v : versions) {
            h.writeBytes(u32(v));
        }
        return h.toByteArray();
    }

    /** A 1-RTT packet (RFC 9000 §17.3.1): fixed bit set, then filler. */
    public static byte[] shortHeader(byte[] dcid, int length) {
        byte[] p = new byte[1 + dcid.length + length];
        p[0] = 0x43;
        System.arraycopy(dcid, 0, p, 1, dcid.length);
        System.arraycopy(filler(length), 0, p, 1 + dcid.length, length);
        return p;
    }

    // ---- frames (RFC 9000 §19) ----

    public static byte[] crypto(long offset, byte[] data) {
        return concat(new byte[] {0x06}, varint(offset), varint(data.length), data);
    }

    /** CONNECTION_CLOSE of type 0x1c: error code, the frame type that caused it (CRYPTO), no reason phrase. */
    public static byte[] connectionClose(long errorCode) {
        return concat(new byte[] {0x1c}, varint(errorCode), varint(0x06), varint(0));
    }

    /** RFC 9001 §4.8: a TLS alert as the error code 0x0100 + its description. */
    public static byte[] tlsAlertClose(int alert) {
        return connectionClose(0x0100 + alert);
    }

    /** ACK of packet 0, no delay, no more ranges. */
    public static byte[] ack() {
        return new byte[] {0x02, 0, 0, 0, 0};
    }

    // ---- TLS handshake messages (RFC 8446 §4.1.2, §4.1.3) ----

    /**
     * A TLS 1.3 ClientHello: TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384, server_name, ALPN, supported
     * groups x25519, supported_versions 1.3, signature_algorithms, key_share of {@code keyShareBytes} for x25519
     * (32) or more for a post-quantum hybrid (X25519MLKEM768, 1216 bytes: the hello then spans two Initials).
     */
    public static byte[] clientHello(String sni, List<String> alpn, int keyShareBytes) {
        int group = keyShareBytes == 32 ? 0x001d : 0x11ec;
        byte[] host = sni.getBytes(StandardCharsets.US_ASCII);
        byte[] sniList = concat(u8(0), u16(host.length), host);
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (String a : alpn) {
            byte[] n = a.getBytes(StandardCharsets.US_ASCII);
            names.write(n.length);
            names.writeBytes(n);
        }
        byte[] share = concat(u16(group), u16(keyShareBytes), filler(keyShareBytes));
        byte[] extensions = concat(
                extension(0x0000, concat(u16(sniList.length), sniList)),
                extension(0x0010, concat(u16(names.size()), names.toByteArray())),
                extension(0x000a, concat(u16(4), u16(group), u16(0x001d))),
                extension(0x002b, concat(u8(2), u16(0x0304))),
                extension(0x000d, concat(u16(4), u16(0x0403), u16(0x0804))),
                extension(0x0033, concat(u16(share.length), share)));
        byte[] body = concat(u16(0x0303), filler(32), u8(0), u16(4), u16(0x1301), u16(0x1302), u8(1), u8(0),
                u16(extensions.length), extensions);
        return concat(u8(1), u24(body.length), body);
    }

    /** A TLS 1.3 ServerHello choosing TLS_AES_128_GCM_SHA256 and x25519. */
    public static byte[] serverHello() {
        byte[] extensions = concat(extension(0x002b, u16(0x0304)),
                extension(0x0033, concat(u16(0x001d), u16(32), filler(32))));
        byte[] body = concat(u16(0x0303), filler(32), u8(0), u16(0x1301), u8(0), u16(extensions.length),
                extensions);
        return concat(u8(2), u24(body.length), body);
    }

    // ---- keys (RFC 9001 §5.2, RFC 9369 §3.3) ----

    private record Keys(byte[] key, byte[] iv, byte[] hp) {}

    private static Keys keys(int version, byte[] dcid, boolean client) {
        try {
            byte[] salt = hex(version == V2 ? "0dede3def700a6db819381be6e269dcbf9bd2ed9"
                    : "38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
            String prefix = version == V2 ? "quicv2 " : "quic ";
            byte[] initial = hmac(salt, dcid);
            byte[] secret = label(initial, client ? "client in" : "server in", 32);
            return new Keys(label(secret, prefix + "key", 16), label(secret, prefix + "iv", 12),
                    label(secret, prefix + "hp", 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] label(byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] name = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = concat(u16(length), u8(name.length), name, u8(0), u8(1));
        return Arrays.copyOf(hmac(secret, info), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    // ---- bytes ----

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A datagram of packets coalesced (RFC 9000 §12.2), zero-padded to {@code padTo} bytes. */
    public static byte[] datagram(int padTo, byte[]... packets) {
        byte[] d = concat(packets);
        return d.length >= padTo ? d : Arrays.copyOf(d, padTo);
    }

    public static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static byte[] extension(int type, byte[] data) {
        return concat(u16(type), u16(data.length), data);
    }

    private static byte[] filler(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    /** RFC 9000 §16, shortest form. */
    public static byte[] varint(long v) {
        if (v < 64) {
            return new byte[] {(byte) v};
        }
        if (v < 16384) {
            return varint2(v);
        }
        return new byte[] {(byte) (0x80 | v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] varint2(long v) {
        return new byte[] {(byte) (0x40 | v >>> 8), (byte) v};
    }

    private static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
