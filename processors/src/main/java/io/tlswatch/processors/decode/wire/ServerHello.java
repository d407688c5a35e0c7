package io.tlswatch.processors.decode.wire;

/**
 * One ServerHello or HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4).
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;                      // SHA-256("HelloRetryRequest") for a HelloRetryRequest
 *     opaque legacy_session_id_echo&lt;0..32&gt;;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions&lt;6..2^16-1&gt;;
 * } ServerHello;
 * </pre>
 *
 * @param selectedVersion the supported_versions (0x002b) value, 0 when the extension is absent
 * @param alpn the selected ALPN protocol (ISO-8859-1), or null
 * @param keyShareGroup the key_share group, -1 when absent
 * @param offset byte offset of the handshake message from the start of the head
 */
public record ServerHello(int legacyVersion, int selectedVersion, int cipherSuite, int compressionMethod,
        int[] extensions, String alpn, int keyShareGroup, boolean helloRetryRequest, int offset) {

    /** The negotiated version: supported_versions when present, else legacy_version. */
    public int version() {
        return selectedVersion != 0 ? selectedVersion : legacyVersion;
    }
}
