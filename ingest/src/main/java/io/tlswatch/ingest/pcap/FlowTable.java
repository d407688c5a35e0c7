package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.ingest.pcap.TcpConnection.Side;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The open TCP connections, least recently active first, and the rules that turn their packets into
 * {@link FlightSummary}s. Bounded ({@link BoundedFlows}): at most {@code maxOpenConnections} connections and about
 * {@code maxBufferedBytes} of head buffers; past either limit the least recently active connection is summarised
 * ({@link EmitReason#EVICTED}), dropped and counted. Connections silent for the idle timeout in capture time are
 * summarised and dropped.
 *
 * <p>One connection, one id: the four-tuples of connections that left the table are remembered (at most
 * {@link BoundedFlows#MAX_REMEMBERED_CLOSED}, least recent forgotten first). A later SYN on one starts a new
 * connection whose id gets {@code #2}, {@code #3}...; a later segment without SYN is the tail of the connection
 * already summarised (late data after a RST, keep-alives after an idle close) and is counted, never judged as a
 * second connection.
 * A SYN with a new sequence number on an open connection ends it ({@link EmitReason#EVICTED}) and starts the next.
 */
final class FlowTable {
    /** Flights summarised per direction before the rest waits for the closing summary. */
    static final int MAX_FLIGHTS_PER_DIRECTION = 4;

    private final CaptureSettings settings;
    private final CaptureStats stats;
    private final BoundedFlows<TcpConnection> connections;
    private final FlowKey probe = new FlowKey();

    FlowTable(CaptureSettings settings, CaptureStats stats, Consumer<FlightSummary> out) {
        this(settings, stats, out, null);
    }

    FlowTable(CaptureSettings settings, CaptureStats stats, Consumer<FlightSummary> out,
            Consumer<CapturedConnection> closedOut) {
        this.settings = settings;
        this.stats = stats;
        this.connections = new BoundedFlows<>(settings, stats, new BoundedFlows.Counters(Counter.CONNECTIONS_OPENED,
                Counter.CONNECTIONS_EVICTED, Counter.CONNECTIONS_IDLE_CLOSED), this::close, out, closedOut, 1024);
    }

    /** Any packet of the capture: time goes on, whether or not it belongs to a connection. */
    void onPacket(long timestampUs) {
        connections.onPacket(timestampUs);
    }

    /** One TCP segment of an IP packet. */
    void onSegment(IpPacket ip, TcpSegment tcp, byte[] data, long timestampUs, F5Trailer trailer) {
        connections.sweepIdle(timestampUs);
        int length = ip.addressLength();
        probe.set(ip.source, ip.destination, length, tcp.sourcePort, tcp.destinationPort);
        TcpConnection c = connections.get(probe);
        int payload = Math.max(0, Math.min(tcp.payloadLength, ip.payloadEnd - tcp.payloadOffset));
        boolean syn = tcp.has(TcpSegment.SYN);
        if (c != null && syn && !tcp.has(TcpSegment.ACK) && isNewSyn(c, ip, tcp)) {
            // the four-tuple is reused: the open connection ends here, the SYN starts the next one
            connections.close(c, c.capacity(), EmitReason.EVICTED);
            c = null;
        }
        if (c == null) {
            Integer previous = connections.closedGeneration(probe);
            if (!syn && (payload == 0 || previous != null)) {
                stats.add(previous != null ? Counter.SEGMENTS_AFTER_CLOSE : Counter.SEGMENTS_WITHOUT_CONNECTION);
                return;
            }
            c = new TcpConnection(probe.copy(), ip.source, ip.destination, length, tcp.sourcePort,
                    tcp.destinationPort, settings.headBytes());
            if (previous != null) {
                connections.forgetClosed(probe);
                c.generation = previous + 1;
                stats.add(Counter.CONNECTIONS_REUSED);
            }
            connections.open(c);
        }
        int capacityBefore = c.capacity();
        Side side = c.fromA(ip.source, tcp.sourcePort) ? c.a : c.b;
        Side other = c.other(side);
        if (!side.seen()) {
            side.firstUs = timestampUs;
        }
        side.lastUs = timestampUs;
        c.lastUs = timestampUs;
        if (trailer != null) {
            if (trailer.vipName() != null) {
                c.vipName = trailer.vipName();
            }
            if (trailer.flowId() != null) {
                side.flowId = trailer.flowId();
                side.peerFlowId = trailer.peerFlowId();
            }
        }
        if (syn) {
            if (!side.stream.started()) {
                side.stream.start(tcp.sequence, true);
            } else if (side.stream.relative(tcp.sequence) == -1) {
                side.stream.countRetransmission();
                stats.add(Counter.RETRANSMISSIONS);
            }
            side.syn = true;
            if (tcp.has(TcpSegment.ACK)) {
                c.clientIs(other);
            } else {
                c.clientIs(side);
            }
        }
        if (payload > 0) {
            if (!c.payloadSeen) {
                c.payloadSeen = true;
                if (c.role == TcpConnection.Role.UNKNOWN
                        && TlsFlight.looksLikeClientStart(data, tcp.payloadOffset, tcp.payloadOffset + payload)) {
                    c.clientIs(side);
                }
            }
            TcpReassembler.Offer offer = side.stream.offer(tcp.sequence, data, tcp.payloadOffset, payload);
            switch (offer) {
                case RETRANSMISSION -> stats.add(Counter.RETRANSMISSIONS);
                case OUT_OF_ORDER -> stats.add(Counter.OUT_OF_ORDER_SEGMENTS);
                case OVERFLOW -> stats.add(Counter.REASSEMBLY_OVERFLOWS);
                default -> { }
            }
            if (offer == TcpReassembler.Offer.NEW_DATA || offer == TcpReassembler.Offer.OUT_OF_ORDER) {
                // the peer speaks: its flight so far is over
                if (!other.headDone && other.pending() > 0 && other.flights < MAX_FLIGHTS_PER_DIRECTION) {
                    emit(c, other, EmitReason.FLIGHT_COMPLETE);
                }
                checkFlight(c, side);
            }
        }
        if (tcp.has(TcpSegment.RST)) {
            side.rst = true;
            connections.close(c, capacityBefore, EmitReason.RST);
            return;
        }
        if (tcp.has(TcpSegment.FIN) && side.finOffset < 0) {
            side.fin = true;
            side.finOffset = Math.max(0, side.stream.relative(tcp.sequence) + payload);
        }
        if (side.fin && !side.closed) {
            checkFin(c, side);
        }
        if (side.closed && (other.closed || !other.seen())) {
            connections.leave(c, capacityBefore);
            return;
        }
        connections.grew(c, capacityBefore);
    }

    /** A SYN that is not a retransmission of the one that opened {@code c}: another connection. */
    private static boolean isNewSyn(TcpConnection c, IpPacket ip, TcpSegment tcp) {
        Side side = c.fromA(ip.source, tcp.sourcePort) ? c.a : c.b;
        if (!side.stream.started()) {
            return false;
        }
        return !side.syn || side.stream.relative(tcp.sequence) != -1;
    }

    /** Emits the flight of {@code side} when its records are whole, or the head is full. */
    private void checkFlight(TcpConnection c, Side side) {
        if (side.headDone) {
            return;
        }
        long contiguous = side.stream.contiguousEnd();
        if (contiguous > side.flightStart && side.flights < MAX_FLIGHTS_PER_DIRECTION
                && TlsFlight.isComplete(side.stream.head(), (int) side.flightStart, (int) contiguous)) {
            emit(c, side, EmitReason.FLIGHT_COMPLETE);
        }
        if (contiguous >= side.stream.headLimit()) {
            if (side.pending() > 0) {
                emit(c, side, EmitReason.HEAD_FULL);
            }
            side.headDone = true;
        }
    }

    private void checkFin(TcpConnection c, Side side) {
        long needed = Math.min(side.finOffset, side.stream.headLimit());
        if (side.stream.contiguousEnd() >= needed) {
            emitClosing(c, side, EmitReason.FIN);
            side.closed = true;
        }
    }

    /** Summarises whatever each direction has not said yet. */
    private void close(TcpConnection c, EmitReason reason) {
        Side first = c.isClient(c.a) ? c.a : c.b;
        emitClosing(c, first, reason);
        emitClosing(c, c.other(first), reason);
    }

    private void emitClosing(TcpConnection c, Side side, EmitReason reason) {
        // an idle close always says so: the silence is evidence (a stalled handshake is a timeout, DESIGN §11)
        if (side.seen() && !side.closed && (side.pending() > 0 || side.flights == 0 || side.changedSinceSummary()
                || reason == EmitReason.IDLE_TIMEOUT)) {
            emit(c, side, reason);
        }
    }

    private void emit(TcpConnection c, Side side, EmitReason reason) {
        long contiguous = side.stream.contiguousEnd();
        long start = side.flightStart;
        byte[] head = contiguous > start
                ? Arrays.copyOfRange(side.stream.head(), (int) start, (int) contiguous)
                : new byte[0];
        boolean client = c.isClient(side);
        String clientIp = c.role == TcpConnection.Role.A_IS_CLIENT ? c.textA() : c.textB();
        String serverIp = c.role == TcpConnection.Role.A_IS_CLIENT ? c.textB() : c.textA();
        int clientPort = c.role == TcpConnection.Role.A_IS_CLIENT ? c.portA : c.portB;
        int serverPort = c.role == TcpConnection.Role.A_IS_CLIENT ? c.portB : c.portA;
        FlightSummary summary = new FlightSummary(settings.observer(),
                client ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, clientIp, clientPort, serverIp,
                serverPort, side.firstUs, side.lastUs, side.syn, side.fin, side.rst, side.stream.retransmissions(),
                side.stream.bytes(), head, start, side.flights, reason, c.vipName, side.flowId, side.peerFlowId,
                c.generation, settings.captureHost());
        side.flightStart = Math.max(start, contiguous);
        side.flights++;
        side.emittedBytes = side.stream.bytes();
        side.emittedFin = side.fin;
        side.emittedRst = side.rst;
        side.emittedRetransmissions = side.stream.retransmissions();
        connections.send(c, summary);
    }

    /**
     * Summarises every open connection, oldest first, and empties the table. At the end of the capture, a
     * connection silent for the handshake timeout while the capture went on is closed as
     * {@link EmitReason#IDLE_TIMEOUT} (the capture shows the silence); the others as {@code reason}.
     */
    void flush(EmitReason reason) {
        connections.flush(reason);
    }
}
