package io.tlswatch.schemas;

import java.util.List;

/**
 * What the packets of one connection showed (DESIGN §6): the handshake fields the SIEM record carries under
 * {@code tls.*}, {@code network.community_id} and {@code tlswatch.ja4}. Every field may be null when the
 * packets did not show it.
 *
 * @param version         negotiated version, numeric part ({@code 1.2}); for a failure before the ServerHello,
 *                        null
 * @param versionProtocol {@code tls} or {@code ssl}
 * @param cipher          the IANA name of the selected cipher suite
 * @param alpn            the selected ALPN protocol
 * @param offeredCiphers  the client's cipher suites, IANA names (hex for unknown values), GREASE removed
 * @param offeredVersions the client's versions from supported_versions, else its legacy version ({@code 1.3})
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
        String communityId) {}
