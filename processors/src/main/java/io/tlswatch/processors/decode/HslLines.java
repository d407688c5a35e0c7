package io.tlswatch.processors.decode;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeEvent.TlsFacts;
import io.tlswatch.schemas.IpText;
import java.util.HashMap;
import java.util.Map;

/**
 * High-speed-logging lines that iRules send as {@code key=value} pairs
 * ({@code Apr 07 11:39:47 192.168.128.217,f5_irule=Splunk-iRule-HTTP,src_ip=192.168.128.62,vip=...}).
 * Pairs are split on {@code ,key=}; values may be quoted or hold spaces. Most such lines log HTTP or DNS
 * requests and are not about TLS; a line that carries a JA4 fingerprint or a negotiated cipher/version
 * becomes the same enrichment event as the iRule lines.
 */
final class HslLines {
    static final String MARKER = ",f5_irule=";
    /** Pairs read per line: iRule HSL templates carry a few dozen. */
    static final int MAX_PAIRS = 128;

    private HslLines() {}

    static boolean isMarkerAt(byte[] v, int i, int to) {
        if (i + MARKER.length() > to) {
            return false;
        }
        for (int k = 1; k < MARKER.length(); k++) {
            if (v[i + k] != MARKER.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @param marker index of {@code ,f5_irule=} */
    static LogDecodeResult decode(String line, int marker, LogDecoder.Origin origin) {
        Map<String, String> pairs = pairs(line, marker + 1);
        String ja4 = first(pairs, "ja4");
        String cipher = first(pairs, "ssl_cipher", "cipher", "ssl_cipher_name");
        String version = first(pairs, "ssl_version", "tls_version", "ssl_protocol");
        if (ja4 == null && cipher == null && version == null) {
            return new LogDecodeResult.Dropped("not_tls");
        }
        if (ja4 != null && !IRuleLines.isJa4(ja4)) {
            return new LogDecodeResult.Rejected(RejectReason.MALFORMED_SSL_MESSAGE, "HSL: ja4 is not a JA4 fingerprint");
        }
        String clientIp = first(pairs, "src_ip", "client_ip");
        String clientPort = first(pairs, "src_port", "client_port");
        String vipIp = first(pairs, "vip", "dst_ip", "vip_ip");
        String vipPort = first(pairs, "vip_port", "dst_port");
        String sni = first(pairs, "sni", "ssl_sni", "servername");
        Integer cport = port(clientPort);
        Integer vport = port(vipPort);
        return new LogDecodeResult.Decoded(new HandshakeEvent(
                origin.observer(), origin.timestampMs(), origin.process(), origin.pid(), null,
                ja4 != null ? Kind.IRULE_JA4 : Kind.IRULE_CIPHER_NEGOTIATED, null,
                IpText.canonical(clientIp), cport,
                IpText.canonical(vipIp), vport, null,
                null, null, null, null, null, origin.line(), HandshakeEvent.SOURCE_F5,
                first(pairs, "virtual_server", "virtual_name"), "client",
                new TlsFacts(sni != null && sni.length() <= 255 ? sni : null, version, cipher, null, null, null, ja4),
                origin.timestampAdjusted() ? Boolean.TRUE : null));
    }

    /** The host of an HSL line: the token between the stamp and the first comma. */
    static int hostStart(String line, int marker) {
        int space = line.lastIndexOf(' ', marker);
        return space + 1;
    }

    private static Integer port(String s) {
        if (s == null) {
            return null;
        }
        int p = Endpoint.parsePort(s, 0, s.length());
        return p < 0 ? null : p;
    }

    private static String first(Map<String, String> pairs, String... keys) {
        for (String k : keys) {
            String v = pairs.get(k);
            if (v != null && !v.isEmpty() && !v.equals("-")) {
                return v;
            }
        }
        return null;
    }

    /** {@code key=value} pairs from {@code at}, split on {@code ,key=} so values may hold commas and spaces. */
    static Map<String, String> pairs(String s, int at) {
        Map<String, String> out = new HashMap<>();
        int i = at;
        while (i < s.length() && out.size() < MAX_PAIRS) {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).strip();
            int next = nextPair(s, eq + 1);
            String value = s.substring(eq + 1, next < 0 ? s.length() : next).strip();
            if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                value = value.substring(1, value.length() - 1);
            }
            if (isKey(key)) {
                out.putIfAbsent(key, value);
            }
            if (next < 0) {
                break;
            }
            i = next + 1;
        }
        return out;
    }

    /** The comma that starts the next {@code key=} (outside quotes), or -1. */
    private static int nextPair(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                int j = i + 1;
                while (j < s.length() && isKeyChar(s.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && j < s.length() && s.charAt(j) == '=') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isKey(String k) {
        if (k.isEmpty() || k.length() > 64) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            if (!isKeyChar(k.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
