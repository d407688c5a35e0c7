package io.tlswatch.processors.packets;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.classify.TlsAlerts;
import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.HandshakeFacts;
import io.tlswatch.processors.decode.wire.QuicInitialDecoder;
import io.tlswatch.processors.decode.wire.QuicReading;
import io.tlswatch.processors.decode.wire.ServerHello;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.packets.PacketVerdict.Judgement;
import io.tlswatch.schemas.DatagramHead;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one QUIC connection ({@code transport = udp}) from its Initial packets (DESIGN §7), read by
 * {@link QuicInitialDecoder}: each direction's flights hold its datagrams ({@link DatagramHead}). The rules, in
 * order:
 * <ol>
 *   <li>the client said nothing: unknown ({@code server_first} or {@code no_payload}), as over TCP;</li>
 *   <li>a CONNECTION_CLOSE in a server Initial: with a TLS alert (error code 0x0100 + the alert, RFC 9001 §4.8),
 *       the failure that alert makes over TCP; with a transport error, {@code peer_abort}. Then the same for the
 *       client's close;</li>
 *   <li>a Version Negotiation packet from the server: {@code protocol_version} (it does not speak the client's
 *       QUIC version);</li>
 *   <li>a server Initial or Retry, or Handshake or 1-RTT packets from either side: the handshake got past the
 *       ClientHello, a success as far as the capture can tell (what follows is encrypted: an alert there is a
 *       CONNECTION_CLOSE nobody can read);</li>
 *   <li>the client's Initial does not decrypt (garbage, or a forged header): {@code not_tls}, as bytes that are
 *       not TLS at a TCP connection's start;</li>
 *   <li>otherwise no answer: {@code timeout} when the capture shows the silence (the reader closed the flow as
 *       {@code idle_timeout}), else unknown {@code incomplete}, as over TCP.</li>
 * </ol>
 * Not thread-safe (it reuses its decoder).
 */
final class QuicVerdict {
    static final String TRANSPORT = "udp";

    private final QuicInitialDecoder decoder = new QuicInitialDecoder();

    /** The verdict and the hellos it read. */
    record Result(Judgement judgement, ClientHello clientHello, ServerHello serverHello) {}

    Result judge(WireConnection c) {
        byte[][] clientDatagrams = datagrams(c.clientFlights());
        byte[][] serverDatagrams = datagrams(c.serverFlights());
        if (clientDatagrams.length == 0) {
            return new Result(serverDatagrams.length > 0
                    ? Judgement.unknown(UnknownReason.SERVER_FIRST, "the server spoke first; no client Initial")
                    : Judgement.unknown(UnknownReason.NO_PAYLOAD, "no datagram from the client"), null, null);
        }
        QuicReading client = decoder.read(clientDatagrams, true, null);
        byte[] dcid = QuicInitialDecoder.originalDcid(clientDatagrams[0]);
        QuicReading server = serverDatagrams.length == 0 || dcid == null ? null
                : decoder.read(serverDatagrams, false, dcid);
        HandshakeFacts cf = facts(client);
        HandshakeFacts sf = server == null ? null : facts(server);
        ClientHello ch = cf == null ? null : cf.clientHello();
        ServerHello sh = sf == null ? null : sf.serverHello();
        return new Result(judge(c, client, server, ch, sf), ch, sh);
    }

    private static Judgement judge(WireConnection c, QuicReading client, QuicReading server, ClientHello ch,
            HandshakeFacts sf) {
        if (server != null && server.close() != null) {
            return closed(server.close(), true, sf);
        }
        if (client.close() != null) {
            return closed(client.close(), false, sf);
        }
        if (server != null && server.versionNegotiation() && server.version() == null) {
            return Judgement.failure(ErrorClass.PROTOCOL_VERSION, "the server answered with Version Negotiation: it "
                    + "does not speak QUIC version " + (client.version() == null ? "?" : client.version().name()));
        }
        if (server != null && (server.initialPackets() > 0 || server.retry() || server.beyondInitial()
                || (server.version() != null && server.undecryptablePackets() > 0))) {
            return PacketVerdict.Judgement.success();
        }
        if (client.beyondInitial() && !c.serverFlights().isEmpty()) {
            return PacketVerdict.Judgement.success(); // the client holds handshake keys: it read a server Initial
        }
        if (client.crypto() instanceof WireDecodeResult.Malformed m) {
            return Judgement.failure(ErrorClass.NOT_TLS, "the client's QUIC Initial does not decrypt or parse ("
                    + m.reason().code() + " at byte " + m.offset() + ")");
        }
        String what = ch == null ? "the ClientHello never arrived whole" : "no answer to the client's Initial";
        if (silent(c)) {
            return Judgement.failure(ErrorClass.TIMEOUT, what + "; the flow stayed silent while the capture went on");
        }
        return Judgement.unknown(UnknownReason.INCOMPLETE,
                what + " before the capture ended or stopped following the flow");
    }

    /** A CONNECTION_CLOSE read in an Initial packet. */
    private static Judgement closed(QuicReading.Close close, boolean fromServer, HandshakeFacts serverFacts) {
        String sender = fromServer ? "server" : "client";
        int alert = close.tlsAlert();
        if (alert >= 0) {
            return new Judgement("failure", PacketVerdict.alertClass(alert, fromServer, serverFacts), alert, sender,
                    "alert " + alert + " (" + TlsAlerts.name(alert) + ") sent by the " + sender
                            + " in a QUIC CONNECTION_CLOSE (error 0x" + Long.toHexString(close.errorCode()) + ")");
        }
        return Judgement.failure(ErrorClass.PEER_ABORT, "the " + sender + " closed the QUIC connection in its Initial"
                + " (" + (close.application() ? "application" : "transport") + " error 0x"
                + Long.toHexString(close.errorCode()) + ")");
    }

    private static HandshakeFacts facts(QuicReading r) {
        return r.crypto() instanceof WireDecodeResult.Decoded d ? d.facts() : null;
    }

    private static boolean silent(WireConnection c) {
        return c.clientFlights().stream().anyMatch(f -> "idle_timeout".equals(f.emitReason()))
                || c.serverFlights().stream().anyMatch(f -> "idle_timeout".equals(f.emitReason()));
    }

    /** One direction's datagrams: its flights' heads end to end (in stream order, up to a gap), split. */
    private static byte[][] datagrams(List<WireFlight> flights) {
        List<byte[]> all = new ArrayList<>(DatagramHead.split(WireConnection.stream(flights)));
        return all.toArray(byte[][]::new);
    }
}
