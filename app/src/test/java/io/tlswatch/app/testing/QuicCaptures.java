package io.tlswatch.app.testing;

import static io.tlswatch.schemas.testing.QuicPackets.V1;
import static io.tlswatch.schemas.testing.QuicPackets.concat;

import io.tlswatch.schemas.testing.QuicPackets;
import io.tlswatch.schemas.testing.UdpCapture;
import java.util.List;

/**
 * Crafted QUIC captures with a known outcome per flow (client 10.0.0.1, server 10.0.0.2:443, version 1): the
 * client's Initial carries a ClientHello for {@code <port>.quic.example} offering h3; what the server answers is
 * the case. Packets are protected as an endpoint protects them ({@link QuicPackets}).
 */
public final class QuicCaptures {
    public static final String CLIENT = "10.0.0.1";
    public static final String SERVER = "10.0.0.2";
    /** Capture start, epoch µs. */
    public static final long T0 = 1_767_225_600_000_000L;
    private static final byte[] CLIENT_CID = QuicPackets.hex("c1c1c1c1");
    private static final byte[] SERVER_CID = QuicPackets.hex("5e5e5e5e");

    private QuicCaptures() {}

    /** What the server answers. */
    public enum Answer {
        /** An Initial with its ServerHello, coalesced with a Handshake packet: success. */
        SERVER_HELLO,
        /** An Initial whose CONNECTION_CLOSE carries TLS alert 40: failure no_shared_cipher. */
        ALERT_40,
        /** An Initial whose CONNECTION_CLOSE carries TLS alert 70: failure protocol_version. */
        ALERT_70,
        /** Nothing: failure timeout when the capture goes on long enough. */
        SILENCE
    }

    /** One flow from client port {@code port}, starting {@code offsetUs} after {@link #T0}. */
    public static UdpCapture add(UdpCapture c, int port, long offsetUs, Answer answer) {
        byte[] odcid = QuicPackets.hex(String.format("%016x", 0xabcd0000L + port));
        byte[] hello = QuicPackets.clientHello(port + ".quic.example", List.of("h3"), 32);
        c.add(T0 + offsetUs, CLIENT, port, SERVER, 443, QuicPackets.initial(V1, true, odcid, odcid, CLIENT_CID, 0,
                QuicPackets.crypto(0, hello), QuicPackets.MIN_CLIENT_DATAGRAM));
        byte[] reply = switch (answer) {
            case SERVER_HELLO -> concat(QuicPackets.initial(V1, false, odcid, CLIENT_CID, SERVER_CID, 0,
                    concat(QuicPackets.ack(), QuicPackets.crypto(0, QuicPackets.serverHello())), 0),
                    QuicPackets.handshake(V1, CLIENT_CID, SERVER_CID, 800));
            case ALERT_40 -> QuicPackets.initial(V1, false, odcid, CLIENT_CID, SERVER_CID, 0,
                    concat(QuicPackets.ack(), QuicPackets.tlsAlertClose(40)), 0);
            case ALERT_70 -> QuicPackets.initial(V1, false, odcid, CLIENT_CID, SERVER_CID, 0,
                    concat(QuicPackets.ack(), QuicPackets.tlsAlertClose(70)), 0);
            case SILENCE -> null;
        };
        if (reply != null) {
            c.add(T0 + offsetUs + 25_000, SERVER, 443, CLIENT, port, reply);
        }
        return c;
    }

    /** Other traffic {@code offsetUs} after {@link #T0} (DNS): the capture goes on, so silence shows. */
    public static UdpCapture later(UdpCapture c, long offsetUs) {
        return c.add(T0 + offsetUs, "10.0.0.9", 5353, "10.0.0.53", 53, new byte[32]);
    }
}
