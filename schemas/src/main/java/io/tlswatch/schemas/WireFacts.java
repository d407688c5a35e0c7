package io.tlswatch.schemas;

import java.util.List;

/**
 * What the packets of one connection showed (DESIGN §6), or what F5 iRule lines told of it (JA4, offered and
 * negotiated ciphers): the handshake fields the SIEM record carries under {@code tls.*},
 * {@code network.community_id} and {@code tlswatch.ja4}. Every field may be null when the source did not show it.
 *
 * @param version         negotiated version, numeric part ({@code 1.2}); for a failure before the ServerHello,
 *                        null
 * @param versionProtocol {@code tls} or {@code ssl}
 * @param cipher          the IANA name of the selected cipher suite
 * @param alpn            the selected ALPN protocol
 * @param offeredCiphers  the client's cipher suites, IANA names (hex for unknown values), GREASE removed
 * @param offeredVersions the client's versions from supported_versions, else its legacy version ({@code 1.3})
 * @param packets         whether packets of the connection were seen (false: iRule lines only)
 * @param startMs         first packet of the connection's summarised flights, epoch ms; null without packets
 * @param endMs           last packet of those flights, epoch ms; null without packets
 * @param certificate     the server's leaf certificate when it crossed in the clear (TLS 1.2 and earlier)
 * @param captureHost     the host that read the capture (a sensor's name), when the capture reader gave one
 * @param f5Trailer       true when the packets carried the BIG-IP Ethernet trailer (a capture taken on a BIG-IP)
 * @param offeredAlpn     the client's ALPN protocols in its order: what a QUIC client asked for when the selected
 *                        one is encrypted (RFC 9001 §8.1)
 */
public record WireFacts(
        String sni,
        String version,
        String versionProtocol,
        String cipher,
        String alpn,
        List<String> offeredCiphers,
        List<String> offeredVersions,
        String ja3,
        String ja3s,
        String ja4,
        String communityId,
        boolean packets,
        Long startMs,
        Long endMs,
        ServerCertificate certificate,
        String captureHost,
        Boolean f5Trailer,
        List<String> offeredAlpn) {

    /** Facts without the offered ALPN (iRule lines, older records). */
    public WireFacts(String sni, String version, String versionProtocol, String cipher, String alpn,
            List<String> offeredCiphers, List<String> offeredVersions, String ja3, String ja3s, String ja4,
            String communityId, boolean packets, Long startMs, Long endMs, ServerCertificate certificate,
            String captureHost, Boolean f5Trailer) {
        this(sni, version, versionProtocol, cipher, alpn, offeredCiphers, offeredVersions, ja3, ja3s, ja4, communityId,
                packets, startMs, endMs, certificate, captureHost, f5Trailer, null);
    }

    /** Facts without packet times, certificate or capture point (iRule lines, older records). */
    public WireFacts(String sni, String version, String versionProtocol, String cipher, String alpn,
            List<String> offeredCiphers, List<String> offeredVersions, String ja3, String ja3s, String ja4,
            String communityId, boolean packets) {
        this(sni, version, versionProtocol, cipher, alpn, offeredCiphers, offeredVersions, ja3, ja3s, ja4, communityId,
                packets, null, null, null, null, null);
    }

    /** These facts, with each field this one lacks taken from {@code other}. */
    public WireFacts orElse(WireFacts other) {
        if (other == null) {
            return this;
        }
        return new WireFacts(or(sni, other.sni), or(version, other.version), or(versionProtocol, other.versionProtocol),
                or(cipher, other.cipher), or(alpn, other.alpn), or(offeredCiphers, other.offeredCiphers),
                or(offeredVersions, other.offeredVersions), or(ja3, other.ja3), or(ja3s, other.ja3s), or(ja4, other.ja4),
                or(communityId, other.communityId), packets || other.packets, or(startMs, other.startMs),
                or(endMs, other.endMs), or(certificate, other.certificate), or(captureHost, other.captureHost),
                or(f5Trailer, other.f5Trailer), or(offeredAlpn, other.offeredAlpn));
    }

    private static <T> T or(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }
}
