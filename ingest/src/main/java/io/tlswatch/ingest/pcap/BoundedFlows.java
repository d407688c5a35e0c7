package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bounded table under {@link FlowTable} (TCP) and {@link QuicFlowTable} (QUIC): the open flows, least recently
 * active first, and the rules for leaving it, the same for both transports. At most {@code maxOpenConnections}
 * flows and about {@code maxBufferedBytes} held; past either limit the least recently active flow is closed
 * ({@link EmitReason#EVICTED}). Flows silent for the idle timeout in capture time are closed
 * ({@link EmitReason#IDLE_TIMEOUT}). Every flow that leaves is remembered by key (at most
 * {@link #MAX_REMEMBERED_CLOSED}, least recently closed forgotten first) and, when whole connections are wanted,
 * handed out with its flights.
 *
 * <p>The transport's part, passed in: its counters, and how a flow says what it has not said yet ({@link Closer}).
 *
 * @param <F> the transport's flow
 */
final class BoundedFlows<F extends Flow> {
    /** Keys of closed flows remembered, to tell a reuse or a late tail from a new flow. */
    static final int MAX_REMEMBERED_CLOSED = 65_536;
    /** Capture-time interval between idle sweeps, at most. */
    private static final long SWEEP_INTERVAL_US = 1_000_000;

    /** Summarises what each direction of a flow leaving the table has not said yet. */
    @FunctionalInterface
    interface Closer<F> {
        void close(F flow, EmitReason reason);
    }

    /** The transport's counters for flows opened, evicted, and closed for silence. */
    record Counters(Counter opened, Counter evicted, Counter idleClosed) { }

    private final CaptureSettings settings;
    private final CaptureStats stats;
    private final Counters counters;
    private final Closer<F> closer;
    private final Consumer<FlightSummary> out;
    /** Receives each flow's flights when it leaves the table; null when only flights are wanted. */
    private final Consumer<CapturedConnection> closedOut;
    private final long idleUs;
    /** Silence at the end of the capture that proves a stall (see {@link CaptureSettings#HANDSHAKE_TIMEOUT}). */
    private final long silenceUs;
    /** Access-ordered: iteration starts at the least recently active flow. */
    private final LinkedHashMap<FlowKey, F> openFlows;
    /** Closed keys and the generation of their last flow, least recently closed first. */
    private final LinkedHashMap<FlowKey, Integer> closedKeys = new LinkedHashMap<>(256, 0.75f, false);
    /** Time of the latest packet of the capture (any protocol). */
    private long captureLastUs = Long.MIN_VALUE;
    private long bufferedBytes;
    private long nextSweepUs = Long.MIN_VALUE;

    BoundedFlows(CaptureSettings settings, CaptureStats stats, Counters counters, Closer<F> closer,
            Consumer<FlightSummary> out, Consumer<CapturedConnection> closedOut, int initialCapacity) {
        this.settings = settings;
        this.stats = stats;
        this.counters = counters;
        this.closer = closer;
        this.out = out;
        this.closedOut = closedOut;
        this.openFlows = new LinkedHashMap<>(initialCapacity, 0.75f, true);
        this.idleUs = Math.max(1, settings.idleTimeout().toNanos() / 1000);
        this.silenceUs = Math.min(idleUs, CaptureSettings.HANDSHAKE_TIMEOUT.toNanos() / 1000);
    }

    /** Any packet of the capture: time goes on, whether or not it belongs to a flow. */
    void onPacket(long timestampUs) {
        if (timestampUs > captureLastUs) {
            captureLastUs = timestampUs;
        }
    }

    /** Bytes held now (buffers and retained flights). */
    long bufferedBytes() {
        return bufferedBytes;
    }

    /** The open flow of this key, now the most recently active; null if none. */
    F get(FlowKey key) {
        return openFlows.get(key);
    }

    /** The generation of the last flow closed on this key, or null when none is remembered. */
    Integer closedGeneration(FlowKey key) {
        return closedKeys.get(key);
    }

    /** The key is in use again: a new flow takes it (and is remembered afresh when it closes). */
    void forgetClosed(FlowKey key) {
        closedKeys.remove(key);
    }

    /** Adds a new flow, counted as opened; evicts the least recently active one past the table's size. */
    void open(F flow) {
        openFlows.put(flow.key, flow);
        stats.add(counters.opened());
        if (openFlows.size() > settings.maxOpenConnections()) {
            evictEldest();
        }
    }

    /** Counts and sends a summary; holds it with its flow when whole connections are handed out. */
    void send(F flow, FlightSummary summary) {
        stats.add(Counter.SUMMARIES_EMITTED);
        if (closedOut != null) {
            flow.retain(summary);
        }
        out.accept(summary);
    }

    /**
     * The flow grew from {@code capacityBefore} with its latest packet: counts the growth and evicts the least
     * recently active flows while over the byte budget (never the last one).
     */
    void grew(F flow, int capacityBefore) {
        bufferedBytes += flow.capacity() - capacityBefore;
        while (bufferedBytes > settings.maxBufferedBytes() && openFlows.size() > 1) {
            if (!evictEldest()) {
                break;
            }
        }
    }

    /** Closes an open flow as {@code reason}; {@code counted} is what the budget holds for it. */
    void close(F flow, int counted, EmitReason reason) {
        openFlows.remove(flow.key);
        closeRemoved(flow, counted, reason);
    }

    /** An open flow whose directions have said all (their FINs summarised) leaves without a closing summary. */
    void leave(F flow, int counted) {
        openFlows.remove(flow.key);
        bufferedBytes -= counted;
        closed(flow);
    }

    /** A flow just taken out of the table: releases what the budget held for it, summarises it, remembers it. */
    private void closeRemoved(F flow, int counted, EmitReason reason) {
        bufferedBytes -= counted;
        closer.close(flow, reason);
        closed(flow);
    }

    /** Remembers the key of a flow that has left the table and hands out every flight it produced. */
    private void closed(F flow) {
        closedKeys.put(flow.key, flow.generation);
        if (closedKeys.size() > MAX_REMEMBERED_CLOSED) {
            Iterator<FlowKey> eldest = closedKeys.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        if (closedOut != null && flow.flights != null) {
            closedOut.accept(new CapturedConnection(List.copyOf(flow.flights)));
        }
        flow.flights = null;
        flow.retainedBytes = 0;
    }

    private boolean evictEldest() {
        Iterator<F> it = openFlows.values().iterator();
        if (!it.hasNext()) {
            return false;
        }
        F eldest = it.next();
        it.remove();
        stats.add(counters.evicted());
        closeRemoved(eldest, eldest.capacity(), EmitReason.EVICTED);
        return true;
    }

    /** Closes the flows silent for the idle timeout at {@code nowUs}; at most once per sweep interval. */
    void sweepIdle(long nowUs) {
        if (nowUs < nextSweepUs) {
            return;
        }
        nextSweepUs = nowUs + Math.min(idleUs, SWEEP_INTERVAL_US);
        Iterator<F> it = openFlows.values().iterator();
        while (it.hasNext()) {
            F flow = it.next();
            if (nowUs - flow.lastUs < idleUs) {
                break; // least recently active first: the rest are younger
            }
            it.remove();
            stats.add(counters.idleClosed());
            closeRemoved(flow, flow.capacity(), EmitReason.IDLE_TIMEOUT);
        }
    }

    /**
     * Closes every open flow, oldest first, and empties the table. At the end of the capture, a flow silent for
     * the handshake timeout while the capture went on is closed as {@link EmitReason#IDLE_TIMEOUT} (the capture
     * shows the silence); the others as {@code reason}.
     */
    void flush(EmitReason reason) {
        Iterator<F> it = openFlows.values().iterator();
        while (it.hasNext()) {
            F flow = it.next();
            it.remove();
            boolean silent = reason == EmitReason.END_OF_CAPTURE && captureLastUs - flow.lastUs >= silenceUs;
            if (silent) {
                stats.add(counters.idleClosed());
            }
            closeRemoved(flow, flow.capacity(), silent ? EmitReason.IDLE_TIMEOUT : reason);
        }
        bufferedBytes = 0; // the table is empty, whatever a flow's growth reports missed
    }
}
