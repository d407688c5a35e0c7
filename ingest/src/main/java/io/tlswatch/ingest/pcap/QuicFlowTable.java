package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>Bounded like {@link FlowTable}, by the same settings: at most {@code maxOpenConnections} flows and about
 * {@code maxBufferedBytes} of kept datagrams; past either, the least recently active flow is summarised
 * ({@link EmitReason#EVICTED}) and dropped. A flood of Initials with distinct connection IDs from one four-tuple
 * is one flow whose head fills; from many four-tuples, evictions.
 */
final class QuicFlowTable {
    /** Capture-time interval between idle sweeps, at most. */
    private static final long SWEEP_INTERVAL_US = 1_000_000;
    /** Bytes kept of a 1-RTT datagram that proves the handshake went on: its first byte says all that is read. */
    static final int EVIDENCE_BYTES = 32;

    private final CaptureSettings settings;
    private final CaptureStats stats;
    private final Consumer<FlightSummary> out;
    private final Consumer<CapturedConnection> closedOut;
    private final long idleUs;
    private final long silenceUs;
    private final LinkedHashMap<FlowKey, QuicFlow> flows = new LinkedHashMap<>(256, 0.75f, true);
    private final LinkedHashSet<FlowKey> closedKeys = new LinkedHashSet<>();
    private final QuicHeaders headers = new QuicHeaders();
    private final FlowKey probe = new FlowKey();
    private long bufferedBytes;
    private long captureLastUs = Long.MIN_VALUE;
    private long nextSweepUs = Long.MIN_VALUE;

    QuicFlowTable(CaptureSettings settings, CaptureStats stats, Consumer<FlightSummary> out,
            Consumer<CapturedConnection> closedOut) {
        this.settings = settings;
        this.stats = stats;
        this.out = out;
        this.closedOut = closedOut;
        this.idleUs = Math.max(1, settings.idleTimeout().toNanos() / 1000);
        this.silenceUs = Math.min(idleUs, CaptureSettings.HANDSHAKE_TIMEOUT.toNanos() / 1000);
    }

    void onPacket(long timestampUs) {
        if (timestampUs > captureLastUs) {
            captureLastUs = timestampUs;
        }
    }

    int size() {
        return flows.size();
    }

    /** One UDP datagram whose source or destination port is a QUIC port; its payload is {@code d[from, to)}. */
    void onDatagram(IpPacket ip, int sourcePort, int destinationPort, byte[] d, int from, int to, long timestampUs) {
        sweepIdle(timestampUs);
        probe.set(ip.source, ip.destination, ip.addressLength(), sourcePort, destinationPort);
        QuicFlow f = flows.get(probe);
        headers.scan(d, from, to);
        if (f == null) {
            if (closedKeys.contains(probe)) {
                stats.add(Counter.QUIC_DATAGRAMS_AFTER_CLOSE);
                return;
            }
            if (!settings.quicPorts().contains(destinationPort) || !headers.startsWithInitial) {
                stats.add(headers.malformed ? Counter.QUIC_MALFORMED_HEADERS : Counter.QUIC_DATAGRAMS_WITHOUT_FLOW);
                return;
            }
            f = new QuicFlow(probe.copy(), ip.source, ip.destination, ip.addressLength(), sourcePort,
                    destinationPort);
            flows.put(f.key, f);
            stats.add(Counter.QUIC_FLOWS_OPENED);
            if (flows.size() > settings.maxOpenConnections()) {
                evictEldest();
            }
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
            flows.remove(f.key);
            bufferedBytes -= capacityBefore;
            close(f, EmitReason.FLIGHT_COMPLETE);
            closed(f);
            return;
        }
        bufferedBytes += f.capacity() - capacityBefore;
        while (bufferedBytes > settings.maxBufferedBytes() && flows.size() > 1) {
            if (!evictEldest()) {
                break;
            }
        }
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
        FlightSummary summary = new FlightSummary(settings.observer(),
                client ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, f.clientText(), f.clientPort,
                f.serverText(), f.serverPort, side.firstUs, side.lastUs, false, false, false, 0, side.bytes, head,
                offset, side.flights, reason, null, null, null, 1, settings.captureHost(), FlightSummary.UDP);
        side.flights++;
        stats.add(Counter.SUMMARIES_EMITTED);
        if (closedOut != null) {
            f.retain(summary); // held until the flow leaves the table; counted in the buffer budget meanwhile
        }
        out.accept(summary);
    }

    private void closed(QuicFlow f) {
        closedKeys.add(f.key);
        if (closedKeys.size() > FlowTable.MAX_REMEMBERED_CLOSED) {
            Iterator<FlowKey> eldest = closedKeys.iterator();
            eldest.next();
            eldest.remove();
        }
        if (closedOut != null && f.flights != null) {
            closedOut.accept(new CapturedConnection(List.copyOf(f.flights)));
        }
        f.flights = null;
        f.retainedBytes = 0;
    }

    private boolean evictEldest() {
        Iterator<QuicFlow> it = flows.values().iterator();
        if (!it.hasNext()) {
            return false;
        }
        QuicFlow eldest = it.next();
        it.remove();
        bufferedBytes -= eldest.capacity();
        stats.add(Counter.QUIC_FLOWS_EVICTED);
        close(eldest, EmitReason.EVICTED);
        closed(eldest);
        return true;
    }

    private void sweepIdle(long nowUs) {
        if (nowUs < nextSweepUs) {
            return;
        }
        nextSweepUs = nowUs + Math.min(idleUs, SWEEP_INTERVAL_US);
        Iterator<QuicFlow> it = flows.values().iterator();
        while (it.hasNext()) {
            QuicFlow f = it.next();
            if (nowUs - f.lastUs < idleUs) {
                break;
            }
            it.remove();
            bufferedBytes -= f.capacity();
            stats.add(Counter.QUIC_FLOWS_IDLE_CLOSED);
            close(f, EmitReason.IDLE_TIMEOUT);
            closed(f);
        }
    }

    /** Summarises every open flow, oldest first; silent ones as {@link EmitReason#IDLE_TIMEOUT} (as TCP's). */
    void flush(EmitReason reason) {
        Iterator<QuicFlow> it = flows.values().iterator();
        while (it.hasNext()) {
            QuicFlow f = it.next();
            it.remove();
            boolean silent = reason == EmitReason.END_OF_CAPTURE && captureLastUs - f.lastUs >= silenceUs;
            if (silent) {
                stats.add(Counter.QUIC_FLOWS_IDLE_CLOSED);
            }
            close(f, silent ? EmitReason.IDLE_TIMEOUT : reason);
            closed(f);
        }
        bufferedBytes = 0;
    }

    /** Kept bytes held now (pending and retained), for tests of the bound. */
    long bufferedBytes() {
        return bufferedBytes;
    }
}
