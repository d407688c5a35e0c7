package io.tlswatch.processors.decode.wire;

/** What the first bytes of a direction (after any PROXY header) are. */
public enum StreamKind {
    /** TLS records (RFC 8446 §5.1) */
    TLS,
    /** an SSLv2 or SSLv2-compatible hello (RFC 6101 Appendix E), possibly followed by TLS records */
    SSL2,
    /** a plain HTTP/1.x request or response, or the HTTP/2 preface */
    HTTP,
    /** QUIC Initial packets (RFC 9000 §17.2.2): the handshake read from their decrypted CRYPTO frames */
    QUIC,
    /** anything else */
    NOT_TLS
}
