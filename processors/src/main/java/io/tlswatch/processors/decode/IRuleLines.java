package io.tlswatch.processors.decode;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeEvent.TlsFacts;
import io.tlswatch.schemas.IpText;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines that iRules write ({@code tmm1[11161]: Rule /Common/<name> <EVENT>: <text>}). Two public iRules
 * matter (DESIGN §4) and become enrichment events, not failures:
 * <ul>
 *   <li>the JA4 iRule: {@code JA4=t13d1516h2_8daaf6152771_e5627efa2ab1 src=198.51.100.7:50123};</li>
 *   <li>the SSL-dump iRule: {@code VIP: /Common/site Client: 198.18.73.4 attempts SSL with ciphers: c024,...},
 *       {@code ... successfully negotiates ECDHE-RSA-AES256-GCM-SHA384} and
 *       {@code ... Client using unsupported SSL Handshake using TLSv1, AES256-SHA and 256 bits ...}.</li>
 * </ul>
 * Other iRule output is not about TLS.
 */
final class IRuleLines {
    static final String MARKER = "Rule /";
    /** Cipher suites in one offered list: a ClientHello holds at most 32 767 (RFC 8446 §4.1.2 vector limit). */
    static final int MAX_OFFERED = 1024;
    private static final int MAX_TOKEN = 128;

    private static final String JA4 = "JA4=";
    private static final String VIP = "VIP: ";
    private static final String CLIENT = " Client: ";
    private static final String OFFERED = "attempts SSL with ciphers: ";
    private static final String NEGOTIATED = "successfully negotiates ";
    private static final String UNSUPPORTED = "Client using unsupported SSL Handshake using ";

    private IRuleLines() {}

    /** Whether {@code : Rule /} starts at the colon {@code i} (the tag ends there). */
    static boolean isMarkerAfterTag(byte[] v, int i, int to) {
        int at = i + 2;
        if (at + MARKER.length() > to || v[i + 1] != ' ') {
            return false;
        }
        for (int k = 0; k < MARKER.length(); k++) {
            if (v[at + k] != MARKER.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @param rule index of {@code Rule /} in {@code line} */
    static LogDecodeResult decode(String line, int rule, LogDecoder.Origin o) {
        int nameEnd = line.indexOf(' ', rule + 5);
        int textStart = nameEnd < 0 ? -1 : line.indexOf(": ", nameEnd);
        if (textStart < 0) {
            return new LogDecodeResult.Dropped("not_tls");
        }
        String text = line.substring(textStart + 2);
        int ja4 = text.indexOf(JA4);
        if (ja4 >= 0) {
            return ja4Line(text, ja4, o);
        }
        if (text.startsWith(VIP)) {
            return sslDumpLine(text, o);
        }
        return new LogDecodeResult.Dropped("not_tls");
    }

    private static LogDecodeResult ja4Line(String text, int at, LogDecoder.Origin o) {
        String fingerprint = token(text, at + JA4.length());
        if (!isJa4(fingerprint)) {
            return malformed("JA4 iRule: not a JA4 fingerprint");
        }
        Endpoint client = null;
        int src = text.indexOf("src=");
        if (src >= 0) {
            client = Endpoint.colonPort(token(text, src + 4));
            if (client == null) {
                return malformed("JA4 iRule: src is not ip:port");
            }
        }
        return event(o, Kind.IRULE_JA4, null, client, new TlsFacts(null, null, null, null, null, null, fingerprint));
    }

    private static LogDecodeResult sslDumpLine(String text, LogDecoder.Origin o) {
        int client = text.indexOf(CLIENT);
        if (client < 0) {
            return malformed("SSL-dump iRule: missing 'Client:'");
        }
        String vip = text.substring(VIP.length(), client).strip();
        int ipEnd = text.indexOf(' ', client + CLIENT.length());
        String ip = IpText.canonical(text.substring(client + CLIENT.length(), ipEnd < 0 ? text.length() : ipEnd));
        if (ip == null || vip.isEmpty() || vip.length() > MAX_TOKEN) {
            return malformed("SSL-dump iRule: client or VIP unreadable");
        }
        Endpoint clientEndpoint = new Endpoint(ip, -1, null);
        String rest = ipEnd < 0 ? "" : text.substring(ipEnd + 1);
        if (rest.startsWith(OFFERED)) {
            List<String> ciphers = new ArrayList<>();
            String list = rest.substring(OFFERED.length());
            for (int i = 0; i < list.length() && ciphers.size() < MAX_OFFERED; ) {
                int comma = list.indexOf(',', i);
                int end = comma < 0 ? list.length() : comma;
                String cipher = list.substring(i, end).strip();
                if (!cipher.isEmpty() && cipher.length() <= MAX_TOKEN) {
                    ciphers.add(cipher);
                }
                i = end + 1;
            }
            return event(o, Kind.IRULE_CIPHERS_OFFERED, vip, clientEndpoint,
                    new TlsFacts(null, null, null, List.copyOf(ciphers), null, null, null));
        }
        if (rest.startsWith(NEGOTIATED)) {
            String cipher = token(rest, NEGOTIATED.length());
            return event(o, Kind.IRULE_CIPHER_NEGOTIATED, vip, clientEndpoint,
                    new TlsFacts(null, null, cipher, null, null, null, null));
        }
        if (rest.startsWith(UNSUPPORTED)) {
            // "... using TLSv1, AES256-SHA and 256 bits using the Agent Java/1.5.0_85"
            String after = rest.substring(UNSUPPORTED.length());
            int comma = after.indexOf(", ");
            int and = comma < 0 ? -1 : after.indexOf(" and ", comma);
            if (comma <= 0 || and < 0) {
                return malformed("SSL-dump iRule: version and cipher unreadable");
            }
            return event(o, Kind.IRULE_CIPHER_NEGOTIATED, vip, clientEndpoint, new TlsFacts(
                    null, after.substring(0, comma), after.substring(comma + 2, and), null, null, null, null));
        }
        return new LogDecodeResult.Dropped("not_tls");
    }

    /** The text from {@code at} up to the next space, at most {@link #MAX_TOKEN} characters. */
    private static String token(String s, int at) {
        int end = s.indexOf(' ', at);
        end = end < 0 ? s.length() : end;
        return s.substring(at, Math.min(end, at + MAX_TOKEN));
    }

    /** {@code t13d1516h2_8daaf6152771_e5627efa2ab1}: the a_b_c form of the FoxIO JA4 specification. */
    static boolean isJa4(String s) {
        if (s.length() != 36 || s.charAt(10) != '_' || s.charAt(23) != '_') {
            return false;
        }
        char proto = s.charAt(0);
        if (proto != 't' && proto != 'q' && proto != 'd') {
            return false;
        }
        char sni = s.charAt(3);
        if (sni != 'd' && sni != 'i') {
            return false;
        }
        for (int i = 1; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || i == 10 || i == 23;
            if (!ok || (i > 10 && i != 23 && c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static LogDecodeResult malformed(String why) {
        return new LogDecodeResult.Rejected(RejectReason.MALFORMED_SSL_MESSAGE, why);
    }

    private static LogDecodeResult event(LogDecoder.Origin o, Kind kind, String vip, Endpoint client, TlsFacts tls) {
        return new LogDecodeResult.Decoded(new HandshakeEvent(
                o.observer(), o.timestampMs(), o.process(), o.pid(), null, kind, null,
                client == null ? null : client.ip(), client == null || client.port() < 0 ? null : client.port(),
                null, null, client == null ? null : client.routeDomain(), null, null, null, null, null, o.line(),
                HandshakeEvent.SOURCE_F5, vip, "client", tls, o.timestampAdjusted() ? Boolean.TRUE : null));
    }
}
