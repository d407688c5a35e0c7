package io.tlswatch.ingest.simulator.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * A minimal X.509 v3 certificate in DER (RFC 5280 §4.1), well-formed enough for any parser: subject and issuer
 * common names, validity, an RSA key, the subjectAltName DNS names. The signature is random bytes: nobody
 * verifies a simulated chain, but the fields a SIEM reads ({@code not_after}, CN, SAN) are real.
 */
public final class Der {
    private static final byte[] SHA256_WITH_RSA = oid(1, 2, 840, 113549, 1, 1, 11);
    private static final byte[] RSA_ENCRYPTION = oid(1, 2, 840, 113549, 1, 1, 1);
    private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
    // RFC 5280 §4.1.2.5.1: UTCTime for 1950..2049, YYMMDDHHMMSSZ
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Der() {}

    /** A certificate; {@code seed} fixes its serial, key and signature bytes. */
    public static byte[] certificate(String subjectCn, String issuerCn, Instant notBefore, Instant notAfter,
            List<String> dnsNames, long seed) {
        Random r = new Random(seed);
        byte[] serial = new byte[12];
        r.nextBytes(serial);
        serial[0] &= 0x7f; // a positive INTEGER
        byte[] modulus = new byte[257];
        r.nextBytes(modulus);
        modulus[0] = 0;
        modulus[1] |= (byte) 0x80;
        byte[] algorithm = seq(SHA256_WITH_RSA, tlv(0x05, new byte[0]));
        byte[] rsaKey = seq(tlv(0x02, modulus), tlv(0x02, new byte[] {1, 0, 1}));
        byte[] spki = seq(seq(RSA_ENCRYPTION, tlv(0x05, new byte[0])), bitString(rsaKey));
        Bytes names = Bytes.of();
        for (String dns : dnsNames) {
            names.raw(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
        }
        byte[] san = seq(SUBJECT_ALT_NAME, tlv(0x04, seq(names.toArray())));
        byte[] tbs = seq(
                tlv(0xa0, tlv(0x02, new byte[] {2})),
                tlv(0x02, serial),
                algorithm,
                name(issuerCn),
                seq(time(notBefore), time(notAfter)),
                name(subjectCn),
                spki,
                tlv(0xa3, seq(san)));
        byte[] signature = new byte[256];
        r.nextBytes(signature);
        return seq(tbs, algorithm, bitString(signature));
    }

    private static byte[] name(String cn) {
        return seq(tlv(0x31, seq(COMMON_NAME, tlv(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant t) {
        int year = t.atZone(ZoneOffset.UTC).getYear();
        return year >= 1950 && year < 2050
                ? tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, GENERALIZED_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] content) {
        byte[] b = new byte[content.length + 1];
        System.arraycopy(content, 0, b, 1, content.length); // no unused bits
        return tlv(0x03, b);
    }

    private static byte[] seq(byte[]... parts) {
        Bytes b = Bytes.of();
        for (byte[] p : parts) {
            b.raw(p);
        }
        return tlv(0x30, b.toArray());
    }

    /** X.690 §8.1: tag, definite length (short or long form), contents. */
    static byte[] tlv(int tag, byte[] content) {
        Bytes b = Bytes.of().u8(tag);
        int n = content.length;
        if (n < 0x80) {
            b.u8(n);
        } else if (n < 0x100) {
            b.u8(0x81).u8(n);
        } else if (n < 0x10000) {
            b.u8(0x82).u16(n);
        } else {
            b.u8(0x83).u24(n);
        }
        return b.raw(content).toArray();
    }

    /** X.690 §8.19: an OBJECT IDENTIFIER. */
    static byte[] oid(int... arcs) {
        Bytes b = Bytes.of().u8(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int shift = 28;
            while (shift > 0 && (v >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                b.u8(0x80 | ((v >>> shift) & 0x7f));
            }
            b.u8(v & 0x7f);
        }
        return tlv(0x06, b.toArray());
    }
}
