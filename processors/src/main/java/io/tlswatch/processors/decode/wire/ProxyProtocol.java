package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.WireBytes.u16;

import io.tlswatch.processors.decode.IpAddresses;
import io.tlswatch.schemas.Decimals;
import io.tlswatch.schemas.IpText;
import java.nio.charset.StandardCharsets;

/** The PROXY protocol header in front of a stream (haproxy proxy-protocol.txt §2.1 text, §2.2 binary). */
final class ProxyProtocol {
    static final byte[] V1_SIGNATURE = WireBytes.ascii("PROXY ");
    /** proxy-protocol.txt §2.2: the 12-byte v2 signature. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyProtocol() {}

    /** What a header parse found: exactly one of a header, bytes still needed, or a malformed one. */
    record Parsed(ProxyHeader header, int need, MalformedReason reason, int offset) {
        static Parsed need(int bytes) {
            return new Parsed(null, bytes, null, -1);
        }

        static Parsed malformed(MalformedReason reason, int offset) {
            return new Parsed(null, 0, reason, offset);
        }
    }

    /*
     * proxy-protocol.txt §2.1: "PROXY" SP ("TCP4" | "TCP6" | "UNKNOWN") SP src SP dst SP sport SP dport CRLF,
     * e.g. "PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\n"; offsets in the result are in {@code in}.
     */
    static Parsed v1(byte[] in, int p, int end) {
        int limit = Math.min(end, p + WireDecoder.MAX_PROXY_V1_LINE);
        int cr = -1;
        for (int i = p; i + 1 < limit; i++) {
            if (in[i] == '\r' && in[i + 1] == '\n') {
                cr = i;
                break;
            }
        }
        if (cr < 0) {
            if (end - p < WireDecoder.MAX_PROXY_V1_LINE) {
                return Parsed.need(1);
            }
            return Parsed.malformed(MalformedReason.PROXY_V1, p);
        }
        String line = new String(in, p, cr - p, StandardCharsets.ISO_8859_1);
        String[] f = line.split(" ", -1);
        int length = cr + 2 - p;
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return new Parsed(new ProxyHeader(1, false, "UNKNOWN", null, -1, null, -1, length), 0, null, -1);
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            return Parsed.malformed(MalformedReason.PROXY_V1, p + 6);
        }
        boolean v6 = f[1].equals("TCP6");
        int sport = port(f[4]);
        int dport = port(f[5]);
        if (!IpAddresses.isAddress(f[2]) || !IpAddresses.isAddress(f[3]) || (f[2].indexOf(':') >= 0) != v6
                || (f[3].indexOf(':') >= 0) != v6 || sport < 0 || dport < 0) {
            return Parsed.malformed(MalformedReason.PROXY_V1, p + 11);
        }
        return new Parsed(new ProxyHeader(1, false, f[1], f[2], sport, f[3], dport, length), 0, null, -1);
    }

    /** A §2.1 port: 0..65535 in decimal, no leading zero; -1 otherwise. */
    private static int port(String s) {
        if (s.length() > 1 && s.charAt(0) == '0') {
            return -1;
        }
        return Decimals.parse(s, 65535);
    }

    /*
     * proxy-protocol.txt §2.2:
     * struct proxy_hdr_v2 {
     *     uint8_t sig[12]; uint8_t ver_cmd; uint8_t fam; uint16_t len;
     *     union { ipv4: src_addr[4] dst_addr[4] src_port dst_port; ipv6: 16 16 2 2; unix: 108 108 } addr;
     * };
     */
    static Parsed v2(byte[] in, int p, int end) {
        if (end - p < WireDecoder.PROXY_V2_HEADER) {
            return Parsed.need(WireDecoder.PROXY_V2_HEADER - (end - p));
        }
        int verCmd = in[p + 12] & 0xff;
        int family = in[p + 13] & 0xff;
        int length = u16(in, p + 14);
        if ((verCmd >> 4) != 2 || (verCmd & 0x0f) > 1) {
            return Parsed.malformed(MalformedReason.PROXY_V2, p + 12);
        }
        if (end - p - WireDecoder.PROXY_V2_HEADER < length) {
            return Parsed.need(length - (end - p - WireDecoder.PROXY_V2_HEADER));
        }
        boolean local = (verCmd & 0x0f) == 0;
        int a = p + WireDecoder.PROXY_V2_HEADER;
        String transport;
        String src = null;
        String dst = null;
        int sport = -1;
        int dport = -1;
        switch (family) {
            case 0x11, 0x12 -> {
                if (length < 12) {
                    return Parsed.malformed(MalformedReason.PROXY_V2, p + 14);
                }
                transport = family == 0x11 ? "TCP4" : "UDP4";
                src = IpText.format(in, a, 4);
                dst = IpText.format(in, a + 4, 4);
                sport = u16(in, a + 8);
                dport = u16(in, a + 10);
            }
            case 0x21, 0x22 -> {
                if (length < 36) {
                    return Parsed.malformed(MalformedReason.PROXY_V2, p + 14);
                }
                transport = family == 0x21 ? "TCP6" : "UDP6";
                // RFC 5952 text (IpText, the one formatter of addresses)
                src = IpText.format(in, a, 16);
                dst = IpText.format(in, a + 16, 16);
                sport = u16(in, a + 32);
                dport = u16(in, a + 34);
            }
            case 0x31, 0x32 -> transport = "UNIX";
            case 0x00 -> transport = "UNKNOWN";
            default -> {
                return Parsed.malformed(MalformedReason.PROXY_V2, p + 13);
            }
        }
        if (local) {
            src = null;
            dst = null;
            sport = -1;
            dport = -1;
        }
        return new Parsed(new ProxyHeader(2, local, transport, src, sport, dst, dport,
                WireDecoder.PROXY_V2_HEADER + length), 0, null, -1);
    }
}
