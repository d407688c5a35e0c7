package io.tlswatch.processors.decode.wire;

import java.util.List;

/**
 * The fields of one ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) that tlswatch and the fingerprints use.
 * Lists are in wire order with GREASE values kept (the fingerprints drop them). Arrays are not copied and
 * common ones (the empty array, {@code {0}}) are shared between hellos: treat them as read-only.
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id&lt;0..32&gt;;
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 *     Extension extensions&lt;8..2^16-1&gt;;
 * } ClientHello;
 * </pre>
 *
 * @param sslv2 an SSLv2 (or SSLv2-compatible) CLIENT-HELLO: {@code cipherSuites} then hold 24-bit cipher specs
 *     and there are no extensions
 * @param serverName the first {@code host_name} of server_name (0x0000), or null
 * @param alpn application_layer_protocol_negotiation (0x0010) protocol names, one char per byte (ISO-8859-1),
 *     so that the raw bytes stay recoverable
 * @param signatureAlgorithmsCert signature_algorithms_cert (0x0032)
 * @param keyShareGroups the groups of key_share (0x0033) entries
 * @param ech encrypted_client_hello (0xfe0d) present
 * @param offset byte offset of the handshake message from the start of the head
 */
public record ClientHello(boolean sslv2, int legacyVersion, int sessionIdLength, int[] cipherSuites,
        int[] compressionMethods, int[] extensions, String serverName, List<String> alpn, int[] supportedGroups,
        int[] ecPointFormats, int[] signatureAlgorithms, int[] signatureAlgorithmsCert, int[] supportedVersions,
        int[] keyShareGroups, boolean ech, int offset) {

    /** The highest non-GREASE supported_versions value, else the legacy version. */
    public int highestVersion() {
        int best = 0;
        for (int v : supportedVersions) {
            if (!TlsValues.isGrease(v) && v > best) {
                best = v;
            }
        }
        return best != 0 ? best : legacyVersion;
    }

    public boolean hasExtension(int type) {
        for (int e : extensions) {
            if (e == type) {
                return true;
            }
        }
        return false;
    }
}
