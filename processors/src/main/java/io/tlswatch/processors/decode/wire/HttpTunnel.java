package io.tlswatch.processors.decode.wire;

/**
 * A plain HTTP/1.x message head (RFC 9112 §2.1: start-line, header fields, an empty line), and the TLS
 * stream that follows a CONNECT request or its response (RFC 9110 §9.3.6).
 */
final class HttpTunnel {
    /** Not followed: no header block end in reach, or something other than TLS records after it. */
    static final int NO_TUNNEL = -1;
    /** One byte after the header block, a record type: one more byte decides. */
    static final int ONE_MORE_BYTE = -2;

    private HttpTunnel() {}

    /*
     * HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]   (RFC 9112 §2.1)
     */
    /**
     * Where the tunnelled TLS records start, after the first CRLF CRLF within {@link WireDecoder#MAX_HTTP_HEAD}
     * bytes of p: the offset of a record header (type 20..24, version major 3), else {@link #NO_TUNNEL} or
     * {@link #ONE_MORE_BYTE}.
     */
    static int tlsStart(byte[] in, int p, int end) {
        int limit = Math.min(end, p + WireDecoder.MAX_HTTP_HEAD);
        for (int i = p; i + 3 < limit; i++) {
            if (in[i] == '\r' && in[i + 1] == '\n' && in[i + 2] == '\r' && in[i + 3] == '\n') {
                int tls = i + 4;
                if (end - tls == 1 && TlsRecords.isContentType(in[tls] & 0xff)) {
                    return ONE_MORE_BYTE;
                }
                if (end - tls >= 2 && TlsRecords.isContentType(in[tls] & 0xff) && in[tls + 1] == 3) {
                    return tls;
                }
                return NO_TUNNEL;
            }
        }
        return NO_TUNNEL;
    }
}
