package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.WireBytes.NONE;
import static io.tlswatch.processors.decode.wire.WireBytes.u16;

import java.util.List;

/** An SSL 2.0 hello (RFC 6101 Appendix E; draft-hickman-netscape-ssl-00), then any TLS records after it. */
final class Ssl2Hello {
    static final int MSG_CLIENT_HELLO = 1;
    static final int MSG_SERVER_HELLO = 4;

    private Ssl2Hello() {}

    /*
     * 2-byte header: length = ((byte[0] & 0x7f) << 8) | byte[1], then
     * char MSG-CLIENT-HELLO (1); char CLIENT-VERSION-MSB, -LSB; char CIPHER-SPECS-LENGTH-MSB, -LSB;
     * char SESSION-ID-LENGTH-MSB, -LSB; char CHALLENGE-LENGTH-MSB, -LSB;
     * char CIPHER-SPECS-DATA[(MSB<<8)|LSB]; char SESSION-ID-DATA[...]; char CHALLENGE-DATA[...]
     */
    static WireDecodeResult decode(WireScan s, ProxyHeader proxy, int p, int end) {
        byte[] in = s.in;
        int length = ((in[p] & 0x7f) << 8) | (in[p + 1] & 0xff);
        if (end - p - 2 < length) {
            return new WireDecodeResult.Incomplete(length - (end - p - 2));
        }
        int type = in[p + 2] & 0xff;
        int body = p + 2;
        if (type == MSG_SERVER_HELLO) { // recognised, not parsed
            s.events++;
            return s.decoded(StreamKind.SSL2, proxy, null, body + length - s.base, false);
        }
        if (length < 9) {
            return new WireDecodeResult.Malformed(MalformedReason.SSL2_HELLO, p - s.base);
        }
        int version = u16(in, body + 1);
        int specs = u16(in, body + 3);
        int sessionId = u16(in, body + 5);
        int challenge = u16(in, body + 7);
        if (specs % 3 != 0 || sessionId > 32 || challenge < 16 || challenge > 32
                || 9 + specs + sessionId + challenge != length) {
            return new WireDecodeResult.Malformed(MalformedReason.SSL2_HELLO, body + 3 - s.base);
        }
        int[] ciphers = new int[specs / 3];
        for (int i = 0; i < ciphers.length; i++) {
            int q = body + 9 + 3 * i;
            ciphers[i] = ((in[q] & 0xff) << 16) | u16(in, q + 1);
        }
        s.events++;
        s.add(new ClientHello(true, version, sessionId, ciphers, NONE, NONE, null, List.of(), NONE, NONE,
                NONE, NONE, NONE, NONE, false, p - s.base));
        int next = body + length;
        if (next == end) {
            return s.decoded(StreamKind.SSL2, proxy, null, next - s.base, false);
        }
        return TlsRecords.decode(s, StreamKind.SSL2, proxy, next, end);
    }
}
