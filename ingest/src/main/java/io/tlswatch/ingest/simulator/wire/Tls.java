package io.tlswatch.ingest.simulator.wire;

/** TLS record and handshake framing (RFC 8446 §5.1 and §4; RFC 5246 §7.4 for TLS 1.2's messages). */
final class Tls {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int CERTIFICATE_REQUEST = 13;
    static final int SERVER_HELLO_DONE = 14;
    static final int CERTIFICATE_VERIFY = 15;
    static final int CLIENT_KEY_EXCHANGE = 16;

    private Tls() {}

    static byte[] record(int type, int version, byte[] fragment) {
        return Bytes.of().u8(type).u16(version).vec16(fragment).toArray();
    }

    static byte[] handshake(int type, byte[] body) {
        return Bytes.of().u8(type).vec24(body).toArray();
    }

    /** A fatal alert record (level 2). */
    static byte[] fatalAlert(int version, int description) {
        return record(ALERT, version, new byte[] {2, (byte) description});
    }
}
