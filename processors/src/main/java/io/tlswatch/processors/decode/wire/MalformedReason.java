package io.tlswatch.processors.decode.wire;

import java.util.Locale;

/** Why a stream head (or its tail) does not follow the wire rules: a small fixed set, safe as a metric label. */
public enum MalformedReason {
    /** TLS record content type outside 20..24 (RFC 8446 §5.1, RFC 6520 for 24) */
    RECORD_TYPE,
    /** TLS record version other than 0x0300..0x0304 */
    RECORD_VERSION,
    /** record length zero where not allowed, or above {@link WireDecoder#MAX_PLAINTEXT_RECORD} / {@link WireDecoder#MAX_CIPHERTEXT_RECORD} */
    RECORD_LENGTH,
    /** hello message longer than {@link WireDecoder#MAX_HELLO_MESSAGE} */
    HANDSHAKE_LENGTH,
    /** a vector inside a ClientHello / ServerHello runs past its message, or bytes are left over */
    HELLO_VECTOR,
    /** an extension's inner lengths disagree with its extension_data length */
    EXTENSION,
    /** a ChangeCipherSpec record that is not the single byte 1 (RFC 5246 §7.1) */
    CHANGE_CIPHER_SPEC,
    /** a 2-byte alert record whose level is neither warning (1) nor fatal (2) */
    ALERT,
    /** an SSLv2 CLIENT-HELLO whose lengths disagree (RFC 6101 Appendix E.2) */
    SSL2_HELLO,
    /** a PROXY protocol v1 line that is too long or does not parse */
    PROXY_V1,
    /** a PROXY protocol v2 header with a bad version, command, family or length */
    PROXY_V2,
    /** a QUIC Initial packet that does not parse or decrypt, or a version other than 1 and 2 (RFC 9369) */
    QUIC;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
