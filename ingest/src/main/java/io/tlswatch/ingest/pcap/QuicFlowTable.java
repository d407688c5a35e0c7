package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import java.util.function.Consumer;

/**
 * The QUIC flows followed through their Initial exchange (RFC 9000 §17.2.2), least recently active first, and the
 * rules that turn their datagrams into {@link FlightSummary}s of transport {@code udp}. A flow opens on a client
 * datagram to a QUIC port ({@link CaptureSettings#quicPorts()}) whose first packet is a whole Initial of version 1
 * or 2; nothing else opens one.
 *
 * <p>Kept: each direction's datagrams that start with a long header (Initial, Handshake, Retry, Version
 * Negotiation), up to the head size; the processors decrypt them. Summaries: the client's datagrams wait until the
 * server speaks (its first flight, perhaps two Initials for a post-quantum ClientHello, and retransmissions), then
 * each direction's datagram is summarised as it comes, so a server that closes in its Initial and falls silent is
 * judged without waiting for the idle timeout. The flow leaves the table, remembered so that its later datagrams
 * are counted and not judged again, as soon as the headers show the Initial exchange is over: a Handshake or 1-RTT
 * packet from the server (or from the client after the server spoke), a Retry, a Version Negotiation. Else it
 * leaves as a TCP connection does: idle, evicted, or at the end of the capture, when only what was not summarised
 * is sent (a client whose Initials got no answer: the silence is the evidence).
 *
 * <p>Bounded like {@link FlowTable}, by the same rules ({@link BoundedFlows}) and settings: at most
 * {@code maxOpenConnections} flows and about {@code maxBufferedBytes} of kept datagrams; past either, the least
 * recently active flow is summarised ({@link EmitReason#EVICTED}) and dropped. A flood of Initials with distinct
 * connection IDs from one four-tuple is one flow whose head fills; from many four-tuples, evictions.
 */
final class QuicFlowTable {
    /** Bytes kept of a 1-RTT datagram that proves the handshake went on: its first byte says all that is read. */
    static final int EVIDENCE_BYTES = 32;

    private final CaptureSettings settings;
    private final CaptureStats stats;
    private final BoundedFlows<QuicFlow> flows;
    private final QuicHeaders headers = new QuicHeaders();
    private final FlowKey probe = new FlowKey();

    QuicFlowTable(CaptureSettings settings, CaptureStats stats, Consumer<FlightSummary> out,
            Consumer<CapturedConnection> closedOut) {
        this.settings = settings;
        this.stats = stats;
        this.flows = new BoundedFlows<>(settings, stats, new BoundedFlows.Counters(Counter.QUIC_FLOWS_OPENED,
                Counter.QUIC_FLOWS_EVICTED, Counter.QUIC_FLOWS_IDLE_CLOSED), this::close, out, closedOut, 256);
    }

    void onPacket(long timestampUs) {
        flows.onPacket(timestampUs);
    }

    /** One UDP datagram whose source or destination port is a QUIC port; its payload is {@code d[from, to)}. */
    void onDatagram(IpPacket ip, int sourcePort, int destinationPort, byte[] d, int from, int to, long timestampUs) {
        flows.sweepIdle(timestampUs);
        probe.set(ip.source, ip.destination, ip.addressLength(), sourcePort, destinationPort);
        QuicFlow f = flows.get(probe);
        headers.scan(d, from, to);
        if (f == null) {
            if (flows.closedGeneration(probe) != null) {
                stats.add(Counter.QUIC_DATAGRAMS_AFTER_CLOSE);
                return;
            }
            if (!settings.quicPorts().contains(destinationPort) || !headers.startsWithInitial) {
                stats.add(headers.malformed ? Counter.QUIC_MALFORMED_HEADERS : Counter.QUIC_DATAGRAMS_WITHOUT_FLOW);
                return;
            }
            f = new QuicFlow(probe.copy(), ip.source, ip.destination, ip.addressLength(), sourcePort,
                    destinationPort);
            flows.open(f);
        }
        stats.add(Counter.QUIC_DATAGRAMS);
        if (headers.malformed) {
            stats.add(Counter.QUIC_MALFORMED_HEADERS);
        }
        int capacityBefore = f.capacity();
        boolean fromClient = f.fromClient(ip.source, sourcePort);
        QuicFlow.Side side = fromClient ? f.client : f.server;
        if (!side.seen()) {
            side.firstUs = timestampUs;
        }
        side.lastUs = timestampUs;
        side.bytes += to - from;
        f.lastUs = timestampUs;
        boolean serverSpoke = f.server.seen();
        boolean over = fromClient ? serverSpoke && (headers.handshake || headers.shortHeader)
                : headers.handshake || headers.shortHeader || headers.retry || headers.versionNegotiation;
        boolean longHeader = headers.keepEnd > from && (d[from] & 0x80) != 0;
        if (longHeader || over) {
            // the datagram that proves the exchange went on is kept even when it is 1-RTT only: a few bytes say it
            int keep = longHeader ? headers.keepEnd - from : Math.min(EVIDENCE_BYTES, to - from);
            if (!side.keep(d, from, keep, settings.headBytes())) {
                stats.add(Counter.QUIC_DATAGRAMS_NOT_KEPT);
            }
        }
        if (!fromClient && f.client.pendingLength > 0) {
            emit(f, f.client, EmitReason.FLIGHT_COMPLETE); // the server speaks: the client's first flight is over
        }
        if (f.server.seen() && side.pendingLength > 0 && side.flights < FlowTable.MAX_FLIGHTS_PER_DIRECTION) {
            emit(f, side, EmitReason.FLIGHT_COMPLETE);
        }
        if (over) {
            flows.close(f, capacityBefore, EmitReason.FLIGHT_COMPLETE);
            return;
        }
        flows.grew(f, capacityBefore);
    }

    /** Summarises what each direction has not said yet: its pending datagrams, or that it spoke at all. */
    private void close(QuicFlow f, EmitReason reason) {
        emitClosing(f, f.client, reason);
        emitClosing(f, f.server, reason);
    }

    private void emitClosing(QuicFlow f, QuicFlow.Side side, EmitReason reason) {
        if (side.seen() && (side.pendingLength > 0 || side.flights == 0)) {
            emit(f, side, reason);
        }
    }

    private void emit(QuicFlow f, QuicFlow.Side side, EmitReason reason) {
        long offset = side.pendingOffset;
        byte[] head = side.take();
        boolean client = side == f.client;
        // side a of the flow is its client
        FlightSummary summary = new FlightSummary(settings.observer(),
                client ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, f.textA(), f.portA, f.textB(),
                f.portB, side.firstUs, side.lastUs, false, false, false, 0, side.bytes, head,
                offset, side.flights, reason, null, null, null, f.generation, settings.captureHost(),
                FlightSummary.UDP);
        side.flights++;
        flows.send(f, summary);
    }

    /** Summarises every open flow, oldest first; silent ones as {@link EmitReason#IDLE_TIMEOUT} (as TCP's). */
    void flush(EmitReason reason) {
        flows.flush(reason);
    }
}
