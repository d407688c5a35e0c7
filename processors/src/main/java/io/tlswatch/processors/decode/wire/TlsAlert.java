package io.tlswatch.processors.decode.wire;

/**
 * One plaintext alert (RFC 8446 §6): level 1 warning or 2 fatal, and the description number.
 *
 * @param offset byte offset of the alert's record header from the start of the head
 */
public record TlsAlert(int level, int description, int offset) {
    public boolean fatal() {
        return level == 2;
    }
}
