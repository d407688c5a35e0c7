package io.tlswatch.processors.packets;

import io.tlswatch.processors.classify.Classifier;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.classify.TlsAlerts;
import io.tlswatch.processors.decode.wire.CertificateReader;
import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.CommunityId;
import io.tlswatch.processors.decode.wire.Fingerprints;
import io.tlswatch.processors.decode.wire.HandshakeFacts;
import io.tlswatch.processors.decode.wire.ServerHello;
import io.tlswatch.processors.decode.wire.StreamKind;
import io.tlswatch.processors.decode.wire.TlsAlert;
import io.tlswatch.processors.decode.wire.TlsNames;
import io.tlswatch.processors.decode.wire.TlsValues;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.decode.wire.WireDecoder;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.ServerCertificate;
import io.tlswatch.schemas.WireFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one TCP connection from its packets alone (DESIGN §7): success, failure with one error class, or
 * unknown, with the alert and who sent it, and the handshake fields and fingerprints of DESIGN §6. The rules, in
 * order:
 * <ol>
 *   <li>the client said nothing: unknown (a TCP probe or a health monitor, not a handshake);</li>
 *   <li>no SYN seen and the client's first bytes are not a hello (TLS, SSLv2 or PROXY): the capture started
 *       inside the connection, unknown {@code mid_stream}: bytes that are not TLS prove nothing unless they are
 *       the first of the connection;</li>
 *   <li>the client's first bytes are HTTP or not TLS at all: {@code not_tls}; an SSLv2 hello the server does
 *       not answer: {@code sslv2_hello}; a PROXY header the server does not answer with a ServerHello:
 *       {@code proxy_protocol_mismatch};</li>
 *   <li>a fatal plaintext alert (the first one, by flight time): its class, the sender known from its
 *       direction. A server's handshake_failure (40) means no shared cipher before the ServerHello, a missing
 *       client certificate after a CertificateRequest;</li>
 *   <li>TLS 1.2 and earlier: both ChangeCipherSpecs seen is a success;</li>
 *   <li>TLS 1.3, where alerts after the ServerHello are encrypted: after the client's encrypted flight, a record
 *       bigger than an alert (a session ticket, data) is a success; only alert-sized records from the server
 *       followed by its close is a failure whose cause the packets cannot show ({@code other_alert}, no code);
 *       nothing more from the server is a success;</li>
 *   <li>otherwise the handshake did not finish: {@code peer_abort} when a side closed or reset,
 *       {@code timeout} when the capture shows the silence (the reader closed the connection as
 *       {@code idle_timeout}: it stayed silent while the capture went on), else unknown {@code incomplete}
 *       (the capture ended, or stopped following the connection, first).</li>
 * </ol>
 * A warning alert (not close_notify) on a handshake that succeeds is kept with the success, level warning.
 * {@link UnknownReason} lists the reasons of unknown outcomes.
 * The server's leaf certificate, when it crossed in the clear, is read by {@link CertificateReader} (bounded,
 * hostile-input safe; a certificate it cannot read is left out and counted).
 * Not thread-safe (it reuses its decoder and digests): one per thread or stream task.
 */
public final class PacketVerdict {
    /** The largest TLS 1.3 record that can only be an alert: 2 bytes, the content type, a 16-byte AEAD tag. */
    static final int MAX_ENCRYPTED_ALERT_RECORD = 2 + 1 + 16;

    private static final int HANDSHAKE_FAILURE = 40;
    private static final int CERTIFICATE_REQUIRED = 116;
    private static final int CLOSE_NOTIFY = 0;
    private static final int LEVEL_WARNING = 1;

    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();
    private final CommunityId communityId = new CommunityId();
    private final CertificateReader certificates;
    private final QuicVerdict quic = new QuicVerdict();

    public PacketVerdict() {
        this(new CertificateReader());
    }

    /** @param certificates reads the server's leaf certificate (and counts what became of it) */
    public PacketVerdict(CertificateReader certificates) {
        this.certificates = certificates;
    }

    /** What one direction showed. */
    private record Direction(List<WireFlight> flights, byte[] stream, WireDecodeResult result, HandshakeFacts facts) {
        boolean closed() {
            for (WireFlight f : flights) {
                if (f.fin() || f.rst()) {
                    return true;
                }
            }
            return false;
        }

        boolean reset() {
            return flights.stream().anyMatch(WireFlight::rst);
        }

        boolean said() {
            return stream.length > 0;
        }

        boolean syn() {
            return flights.stream().anyMatch(WireFlight::syn);
        }

        /** The capture point closed the connection after a silence of its own (capture time). */
        boolean silent() {
            return flights.stream().anyMatch(f -> "idle_timeout".equals(f.emitReason()));
        }
    }

    /** The verdict before it becomes an outcome. */
    record Judgement(String outcome, ErrorClass errorClass, Integer alert, String alertSender, String reason) {
        static Judgement success() {
            return new Judgement("success", null, null, null, null);
        }

        static Judgement unknown(UnknownReason reason, String why) {
            return new Judgement("unknown", null, null, null, reason.text(why));
        }

        Judgement withAlert(TlsAlert a, String sender) {
            return new Judgement(outcome, errorClass, a.description(), sender,
                    reason == null ? "warning alert " + a.description() + " (" + TlsAlerts.name(a.description())
                            + ") sent by the " + sender : reason);
        }

        static Judgement failure(ErrorClass c, String why) {
            return new Judgement("failure", c, null, null, why);
        }
    }

    public HandshakeOutcome judge(WireConnection c) {
        if (QuicVerdict.TRANSPORT.equals(c.transport())) {
            QuicVerdict.Result q = quic.judge(c);
            return outcome(c, q.judgement(), q.clientHello(), q.serverHello(), null, true);
        }
        Direction client = direction(c.clientFlights());
        Direction server = direction(c.serverFlights());
        Judgement j = judge(client, server);
        if ("success".equals(j.outcome())) {
            j = withWarning(j, client, server);
        }
        ClientHello ch = client.facts() == null ? null : client.facts().clientHello();
        ServerHello sh = server.facts() == null ? null : server.facts().serverHello();
        return outcome(c, j, ch, sh, server.facts(), false);
    }

    private HandshakeOutcome outcome(WireConnection c, Judgement j, ClientHello ch, ServerHello sh,
            HandshakeFacts serverFacts, boolean quic) {
        return new HandshakeOutcome(c.connectionId(), c.observer(), firstSeen(c), c.transport(), c.clientIp(),
                c.clientPort(), c.serverIp(), c.serverPort(), null, j.outcome(),
                j.errorClass() == null ? null : j.errorClass().wireName(), "client", j.alert(), j.alertSender(), null,
                j.reason(), List.of(), List.of(), facts(c, ch, sh, serverFacts, quic));
    }

    private Direction direction(List<WireFlight> flights) {
        byte[] stream = WireConnection.stream(flights);
        if (stream.length == 0) {
            return new Direction(flights, stream, null, null);
        }
        WireDecodeResult r = decoder.decode(stream);
        return new Direction(flights, stream, r, r instanceof WireDecodeResult.Decoded d ? d.facts() : null);
    }

    private static Judgement judge(Direction client, Direction server) {
        boolean start = client.syn() || server.syn();
        if (!client.said()) {
            if (server.said() && !start) {
                return Judgement.unknown(UnknownReason.MID_STREAM,
                        "the capture started inside the connection (no SYN); only the server's bytes were seen");
            }
            return server.said()
                    ? Judgement.unknown(UnknownReason.SERVER_FIRST, "the server spoke first; no client hello")
                    : Judgement.unknown(UnknownReason.NO_PAYLOAD,
                            "no payload from the client (TCP probe or health monitor)");
        }
        if (!start && !startsLikeHello(client.stream())) {
            return Judgement.unknown(UnknownReason.MID_STREAM,
                    "the capture started inside the connection (no SYN) and its first client bytes are not a hello");
        }
        HandshakeFacts cf = client.facts();
        HandshakeFacts sf = server.facts();
        ServerHello sh = sf == null ? null : sf.serverHello();
        if (client.result() instanceof WireDecodeResult.Malformed m) {
            return Judgement.failure(ErrorClass.NOT_TLS,
                    "the client's first bytes are not TLS (" + m.reason().code() + " at byte " + m.offset() + ")");
        }
        if (client.result() instanceof WireDecodeResult.Incomplete) {
            return unfinished(client, server, "the ClientHello never arrived whole");
        }
        if (cf.kind() == StreamKind.HTTP) {
            return Judgement.failure(ErrorClass.NOT_TLS,
                    "plain HTTP (" + cf.httpMethod() + ") on a TLS port");
        }
        if (cf.kind() == StreamKind.NOT_TLS) {
            return Judgement.failure(ErrorClass.NOT_TLS, "the client's first bytes are not TLS");
        }
        if (cf.kind() == StreamKind.SSL2 && sh == null) {
            return Judgement.failure(ErrorClass.SSLV2_HELLO, "SSLv2 hello; the server did not answer with a ServerHello");
        }
        if (cf.proxy() != null && sh == null) {
            return Judgement.failure(ErrorClass.PROXY_PROTOCOL_MISMATCH,
                    "PROXY v" + cf.proxy().version() + " header before the ClientHello; the server did not answer it");
        }
        if (server.said() && (server.result() instanceof WireDecodeResult.Malformed
                || (sf != null && (sf.kind() == StreamKind.HTTP || sf.kind() == StreamKind.NOT_TLS)))) {
            return Judgement.failure(ErrorClass.NOT_TLS, "the server answered with bytes that are not TLS");
        }
        Judgement alert = firstFatalAlert(client, server);
        if (alert != null) {
            return alert;
        }
        if (sh == null) {
            return unfinished(client, server, "no ServerHello");
        }
        if (sh.version() <= 0x0303) {
            return cf.changeCipherSpec() && sf.changeCipherSpec()
                    ? Judgement.success()
                    : unfinished(client, server, "ServerHello, but no ChangeCipherSpec from both sides");
        }
        return tls13(client, server);
    }

    /** The first fatal plaintext alert of either side, as a failure; null when there is none. */
    private static Judgement firstFatalAlert(Direction client, Direction server) {
        TlsAlert fromClient = firstFatal(client.facts());
        TlsAlert fromServer = firstFatal(server.facts());
        if (fromClient == null && fromServer == null) {
            return null;
        }
        boolean serverFirst = fromClient == null || (fromServer != null
                && WireConnection.seenAt(server.flights(), fromServer.offset())
                        <= WireConnection.seenAt(client.flights(), fromClient.offset()));
        TlsAlert a = serverFirst ? fromServer : fromClient;
        int code = a.description();
        String sender = serverFirst ? "server" : "client";
        return new Judgement("failure", alertClass(code, serverFirst, server.facts()), code, sender,
                "alert " + code + " (" + TlsAlerts.name(code) + ") sent by the " + sender);
    }

    /**
     * The class of a fatal alert: one rule for an alert record over TCP and a QUIC CONNECTION_CLOSE carrying it
     * (RFC 9001 §4.8). A server's handshake_failure means no shared cipher before the ServerHello, a missing client
     * certificate after a CertificateRequest.
     *
     * @param serverFacts what the server's direction showed, null when nothing decoded
     */
    static ErrorClass alertClass(int code, boolean fromServer, HandshakeFacts serverFacts) {
        if (fromServer && code == HANDSHAKE_FAILURE) {
            boolean certificateRequested = serverFacts != null && serverFacts.certificateRequest();
            boolean beforeServerHello = serverFacts == null || serverFacts.serverHello() == null;
            return certificateRequested ? ErrorClass.CLIENT_CERT_REQUIRED
                    : beforeServerHello ? ErrorClass.NO_SHARED_CIPHER : ErrorClass.OTHER_ALERT;
        }
        if (fromServer && code == CERTIFICATE_REQUIRED) {
            return ErrorClass.CLIENT_CERT_REQUIRED;
        }
        // Classifier speaks from the BIG-IP's seat: an alert from the client is one the server received
        return Classifier.fromAlert(code, !fromServer);
    }

    private static TlsAlert firstFatal(HandshakeFacts f) {
        if (f == null) {
            return null;
        }
        for (TlsAlert a : f.alerts()) {
            if (a.fatal()) {
                return a;
            }
        }
        return null;
    }

    /** TLS 1.3: the alerts are encrypted, so judge by what follows the client's encrypted flight. */
    private static Judgement tls13(Direction client, Direction server) {
        int clientFinished = firstFlightWith(client.flights(), 23);
        if (clientFinished < 0) {
            return unfinished(client, server, "ServerHello, but no encrypted flight from the client");
        }
        int serverHello = firstFlightWith(server.flights(), 22);
        List<Integer> serverAfter = records(server.flights(), serverHello + 1);
        List<Integer> clientAfter = records(client.flights(), clientFinished + 1);
        boolean dataFlowed = serverAfter.stream().anyMatch(len -> len > MAX_ENCRYPTED_ALERT_RECORD)
                || clientAfter.stream().anyMatch(len -> len > MAX_ENCRYPTED_ALERT_RECORD);
        if (dataFlowed || serverAfter.isEmpty()) {
            return Judgement.success();
        }
        if (server.closed()) {
            return new Judgement("failure", ErrorClass.OTHER_ALERT, null, "server",
                    "encrypted alert from the server after the client's Finished (its content is not visible), then"
                            + " the server closed");
        }
        return Judgement.success();
    }

    /** The handshake stopped: who closed, or nobody (the capture stopped seeing it). */
    private static Judgement unfinished(Direction client, Direction server, String what) {
        if (server.reset() || client.reset()) {
            return Judgement.failure(ErrorClass.PEER_ABORT,
                    what + "; the " + (server.reset() ? "server" : "client") + " reset the connection");
        }
        if (server.closed() || client.closed()) {
            return Judgement.failure(ErrorClass.PEER_ABORT,
                    what + "; the " + (server.closed() ? "server" : "client") + " closed the connection");
        }
        if (server.silent() || client.silent()) {
            return Judgement.failure(ErrorClass.TIMEOUT,
                    what + "; the connection stayed silent while the capture went on");
        }
        return Judgement.unknown(UnknownReason.INCOMPLETE,
                what + " before the capture ended or stopped following the connection");
    }

    /**
     * Whether a direction's first bytes open a handshake: a TLS handshake record holding a ClientHello, an SSLv2
     * ClientHello, or a PROXY protocol header (DESIGN §6).
     */
    static boolean startsLikeHello(byte[] b) {
        if (b.length >= 6 && b[0] == 22 && b[1] == 3 && b[5] == 1) {
            return true;
        }
        if (b.length >= 3 && (b[0] & 0x80) != 0 && b[2] == 1) {
            return true;
        }
        return startsWith(b, "PROXY ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || startsWith(b, new byte[] {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a});
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A success with the first warning alert either side sent (close_notify aside), if any. */
    private static Judgement withWarning(Judgement j, Direction client, Direction server) {
        TlsAlert fromServer = firstWarning(server.facts());
        TlsAlert fromClient = firstWarning(client.facts());
        if (fromServer != null) {
            return j.withAlert(fromServer, "server");
        }
        return fromClient != null ? j.withAlert(fromClient, "client") : j;
    }

    private static TlsAlert firstWarning(HandshakeFacts f) {
        if (f == null) {
            return null;
        }
        for (TlsAlert a : f.alerts()) {
            if (a.level() == LEVEL_WARNING && a.description() != CLOSE_NOTIFY) {
                return a;
            }
        }
        return null;
    }

    /** Index of the first flight whose bytes hold a record of {@code type}; -1 when none. */
    private static int firstFlightWith(List<WireFlight> flights, int type) {
        for (int i = 0; i < flights.size(); i++) {
            byte[] h = flights.get(i).head();
            for (int p = 0; p + 5 <= h.length; p += 5 + length(h, p)) {
                if ((h[p] & 0xff) == type) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Lengths of the TLS records in flights {@code from..}, each flight read from its start. */
    private static List<Integer> records(List<WireFlight> flights, int from) {
        List<Integer> lengths = new ArrayList<>();
        for (int i = Math.max(0, from); i < flights.size(); i++) {
            byte[] h = flights.get(i).head();
            for (int p = 0; p + 5 <= h.length; p += 5 + length(h, p)) {
                lengths.add(length(h, p));
            }
        }
        return lengths;
    }

    private static int length(byte[] h, int recordStart) {
        return (h[recordStart + 3] & 0xff) << 8 | (h[recordStart + 4] & 0xff);
    }

    private static long firstSeen(WireConnection c) {
        long first = Long.MAX_VALUE;
        for (WireFlight f : c.clientFlights()) {
            first = Math.min(first, f.firstSeenMs());
        }
        for (WireFlight f : c.serverFlights()) {
            first = Math.min(first, f.firstSeenMs());
        }
        return first == Long.MAX_VALUE ? 0 : first;
    }

    private static long lastSeen(WireConnection c) {
        long last = -1;
        for (WireFlight f : c.clientFlights()) {
            last = Math.max(last, f.lastSeenMs());
        }
        for (WireFlight f : c.serverFlights()) {
            last = Math.max(last, f.lastSeenMs());
        }
        return last;
    }

    private WireFacts facts(WireConnection c, ClientHello ch, ServerHello sh, HandshakeFacts serverFacts,
            boolean quic) {
        long start = firstSeen(c);
        long end = Math.max(start, lastSeen(c));
        ServerCertificate certificate = serverFacts == null ? null : certificates.read(serverFacts.leafCertificate());
        if (ch == null && sh == null) {
            return new WireFacts(null, null, null, null, null, null, null, null, null, null, community(c), true,
                    start, end, certificate, c.captureHost(), c.f5Trailer());
        }
        List<String> offeredCiphers = null;
        List<String> offeredVersions = null;
        String ja3 = null;
        String ja4 = null;
        if (ch != null && !ch.sslv2()) {
            offeredCiphers = new ArrayList<>();
            for (int s : ch.cipherSuites()) {
                if (!TlsValues.isGrease(s)) {
                    String name = TlsNames.cipherSuite(s);
                    offeredCiphers.add(name != null ? name : String.format("0x%04X", s));
                }
            }
            offeredVersions = new ArrayList<>();
            for (int v : ch.supportedVersions()) {
                if (!TlsValues.isGrease(v) && TlsNames.version(v) != null) {
                    offeredVersions.add(TlsNames.version(v));
                }
            }
            if (offeredVersions.isEmpty() && TlsNames.version(ch.legacyVersion()) != null) {
                offeredVersions.add(TlsNames.version(ch.legacyVersion()));
            }
            ja3 = fingerprints.ja3(ch);
            ja4 = fingerprints.ja4(ch, quic);
        }
        return new WireFacts(
                ch == null ? null : ch.serverName(),
                sh == null ? null : TlsNames.versionAsSeen(sh.version()),
                sh == null ? null : TlsNames.versionProtocol(sh.version()),
                sh == null ? null : TlsNames.cipherSuite(sh.cipherSuite()),
                sh == null ? null : sh.alpn(),
                offeredCiphers == null ? null : List.copyOf(offeredCiphers),
                offeredVersions == null || offeredVersions.isEmpty() ? null : List.copyOf(offeredVersions),
                ja3,
                sh == null ? null : fingerprints.ja3s(sh),
                ja4,
                community(c),
                true,
                start,
                end,
                certificate,
                c.captureHost(),
                c.f5Trailer(),
                ch == null || ch.alpn().isEmpty() ? null : List.copyOf(ch.alpn()));
    }

    /** Community ID v1 of the connection; null when an address is not an IP literal. */
    private String community(WireConnection c) {
        return communityId.ofText(c.clientIp(), c.clientPort(), c.serverIp(), c.serverPort(), c.transport());
    }
}
