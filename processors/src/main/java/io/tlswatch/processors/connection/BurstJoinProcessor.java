package io.tlswatch.processors.connection;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins the burst of SSL lines one TMM writes for one failed handshake (01260009, 01260026, 01260013 in
 * any order) into one outcome per connection. Input is keyed by TMM ({@code observer/process/pid}); lines
 * wait in the {@code pending-lines} store until a connection has been quiet for the join wait (wall
 * clock, so that a quiet TMM still flushes). The older 01260009 layout has no addresses: it attaches to the
 * next connection after it of the same TMM and second that has no reason yet, else to the nearest one before it
 * (DESIGN §4 says "in order": the first pending one, which depended on what the wall clock had flushed already). iRule lines of the same
 * TMM (JA4, offered and negotiated ciphers) attach to the failed connection of their client (address, and port
 * when the line has one) within a second; an iRule line with no failure to describe leaves with the wait.
 *
 * <p>The store holds one entry per line ({@code tmm NUL sequence}), so a line costs one small write and one
 * changelog record, whatever else its TMM has pending. The processor reads the store once, at its task's first
 * record or punctuation (after restoration), into {@link #pending}, and writes every change through: the store
 * stays what a restart or another instance restores; the map spares a read and a decode per line.
 */
public final class BurstJoinProcessor implements Processor<String, HandshakeEvent, String, HandshakeOutcome> {
    /**
     * A TMM that logs more than this many lines within one wait flushes its oldest connections early: grouping
     * costs the square of a TMM's pending lines, and they are held in memory (8 KiB each at most,
     * {@code LogDecoder.MAX_LINE_BYTES}; each its own store entry, far below the broker's record limit).
     */
    static final int MAX_PENDING_PER_TMM = 256;
    private static final char SEPARATOR = '\u0000';

    private final String storeName;
    private final Duration wait;
    private final Duration punctuateEvery;
    private ProcessorContext<String, HandshakeOutcome> context;
    private KeyValueStore<String, PendingLine> store;
    /** The store's lines by TMM, in arrival order, each with its store key. */
    private final Map<String, List<Slot>> pending = new TreeMap<>();
    private long nextSequence;
    private boolean loaded;

    /** A pending line and the sequence number of its store key. */
    private record Slot(long sequence, PendingLine line) {}

    public BurstJoinProcessor(String storeName, Duration wait) {
        this.storeName = storeName;
        this.wait = wait;
        this.punctuateEvery = Duration.ofMillis(Math.max(100, Math.min(1000, wait.toMillis() / 2)));
    }

    @Override
    public void init(ProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        loaded = false;
        context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME, this::flushQuiet);
    }

    @Override
    public void process(Record<String, HandshakeEvent> record) {
        HandshakeEvent event = record.value();
        if (event == null) {
            return;
        }
        // messages about the whole TMM (TPS limit, unknown SSL ids) have no connection to wait for
        if (!event.hasAddresses() && event.kind() != Kind.CONNECTION_ERROR && !event.isConnectionEnrichment()) {
            emit(OutcomeMerger.merge(List.of(event), standaloneId(event)), record.timestamp());
            return;
        }
        load();
        long now = context.currentSystemTimeMs();
        List<Slot> lines = pending.computeIfAbsent(record.key(), k -> new ArrayList<>());
        Slot slot = new Slot(nextSequence++, new PendingLine(event, now, record.timestamp()));
        lines.add(slot);
        store.put(storeKey(record.key(), slot.sequence()), slot.line());
        // a connection whose lines are a whole wait older than this line of the same TMM is complete: a replay
        // (hours of lines within a second of wall clock) then keeps only the last seconds pending, not 256 lines
        long olderThan = record.timestamp() - wait.toMillis();
        boolean stale = lines.get(0).line().recordTimestampMs() <= olderThan;
        if (lines.size() > MAX_PENDING_PER_TMM || stale) {
            flush(record.key(), lines, now - wait.toMillis(), olderThan,
                    Math.max(0, lines.size() - MAX_PENDING_PER_TMM));
        }
    }

    private void flushQuiet(long nowMs) {
        load();
        long readyBefore = nowMs - wait.toMillis();
        for (String tmm : new ArrayList<>(pending.keySet())) {
            List<Slot> lines = pending.get(tmm);
            // lines are in arrival order: when the oldest is not quiet yet, nothing of this TMM is
            if (lines.get(0).line().arrivedMs() <= readyBefore) {
                flush(tmm, lines, readyBefore, Long.MIN_VALUE, 0);
            }
        }
    }

    /** Reads what the store holds (a restart's or a revived task's lines) into the map, at first use. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        pending.clear();
        nextSequence = 0;
        try (KeyValueIterator<String, PendingLine> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingLine> kv = it.next();
                int cut = kv.key.lastIndexOf(SEPARATOR);
                if (cut < 0 || kv.value == null) {
                    store.delete(kv.key);
                    continue;
                }
                long sequence = Long.parseUnsignedLong(kv.key.substring(cut + 1), 16);
                pending.computeIfAbsent(kv.key.substring(0, cut), k -> new ArrayList<>())
                        .add(new Slot(sequence, kv.value));
                nextSequence = Math.max(nextSequence, sequence + 1);
            }
        }
        // the store iterates in key order: per TMM, in sequence order (fixed-width hex), as the map keeps them
    }

    /** Sorts as a string in sequence order within a TMM: fixed-width hex. */
    private static String storeKey(String tmm, long sequence) {
        String hex = Long.toHexString(sequence);
        return tmm + SEPARATOR + "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * Emits every connection of one TMM whose newest line arrived (wall clock) at or before {@code readyBefore},
     * or whose newest line's record time is at or before {@code recordsBefore}, and at least the connections
     * holding the {@code force} oldest lines; keeps the rest.
     */
    private void flush(String key, List<Slot> slots, long readyBefore, long recordsBefore, int force) {
        List<PendingLine> events = new ArrayList<>(slots.size());
        slots.forEach(s -> events.add(s.line()));
        List<PendingLine> unattached = new ArrayList<>();
        Map<String, List<PendingLine>> groups = group(key, events, unattached);
        Set<PendingLine> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        int forced = 0;
        for (Map.Entry<String, List<PendingLine>> group : groups.entrySet()) {
            List<PendingLine> members = group.getValue();
            long newest = members.stream().mapToLong(PendingLine::arrivedMs).max().orElse(0);
            long newestRecord = members.stream().mapToLong(PendingLine::recordTimestampMs).max().orElse(0);
            if (newest <= readyBefore || newestRecord <= recordsBefore || forced < force) {
                forced += members.size();
                emit(OutcomeMerger.merge(members.stream().map(PendingLine::event).toList(), group.getKey()),
                        newestRecord);
            } else {
                keep.addAll(members);
            }
        }
        for (PendingLine p : unattached) {
            // an iRule line waits as long as a failure line would, for a failure of its client to describe
            boolean waiting = p.arrivedMs() > readyBefore && p.recordTimestampMs() > recordsBefore;
            if (waiting && forced < force) {
                forced++;
            } else if (waiting) {
                keep.add(p);
            }
        }
        if (keep.size() == slots.size()) {
            return;
        }
        for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (!keep.contains(slot.line())) {
                store.delete(storeKey(key, slot.sequence()));
                it.remove();
            }
        }
        if (slots.isEmpty()) {
            pending.remove(key);
        }
    }

    /**
     * Groups lines by connection, attaching address-less 01260009 lines to their burst siblings and iRule lines
     * to the connection of their client; iRule lines that match no connection go to {@code unattached}.
     */
    private static Map<String, List<PendingLine>> group(String key, List<PendingLine> events,
            List<PendingLine> unattached) {
        Map<String, List<PendingLine>> groups = new LinkedHashMap<>();
        List<PendingLine> addressless = new ArrayList<>();
        List<PendingLine> enrichment = new ArrayList<>();
        for (PendingLine p : events) {
            if (p.event().isConnectionEnrichment()) {
                enrichment.add(p);
            } else if (p.event().hasAddresses()) {
                groups.computeIfAbsent(OutcomeMerger.connectionId(p.event()), k -> new ArrayList<>()).add(p);
            } else {
                addressless.add(p);
            }
        }
        // arrival order: a TMM writes one handshake's burst together (needed only for the older layout)
        Map<PendingLine, Integer> position = addressless.isEmpty() ? Map.of() : new IdentityHashMap<>();
        for (int i = 0; !addressless.isEmpty() && i < events.size(); i++) {
            position.put(events.get(i), i);
        }
        for (PendingLine lone : addressless) {
            List<PendingLine> sibling = null;
            int best = Integer.MAX_VALUE;
            int at = position.get(lone);
            long second = lone.event().timestampMs() / 1000;
            for (List<PendingLine> g : groups.values()) {
                boolean sameSecond = g.stream().anyMatch(p -> p.event().timestampMs() / 1000 == second);
                boolean hasReason = g.stream().anyMatch(p -> p.event().kind() == Kind.CONNECTION_ERROR);
                if (!sameSecond || hasReason) {
                    continue;
                }
                for (PendingLine p : g) {
                    int i = position.get(p);
                    // the next connection after it first (F5 writes a burst's 01260009 before its 01260013), so an
                    // earlier connection, flushed or not, never changes the choice; else the nearest before it
                    int distance = i > at ? i - at : events.size() + (at - i);
                    if (distance < best) {
                        best = distance;
                        sibling = g;
                    }
                }
            }
            if (sibling != null) {
                sibling.add(0, lone);
            } else {
                groups.put(key + "/" + lone.event().timestampMs() + "#" + groups.size(), new ArrayList<>(List.of(lone)));
            }
        }
        for (PendingLine p : enrichment) {
            List<PendingLine> described = null;
            for (List<PendingLine> g : groups.values()) {
                if (g.stream().anyMatch(member -> describes(p.event(), member.event()))) {
                    described = g;
                    break;
                }
            }
            if (described != null) {
                described.add(p);
            } else {
                unattached.add(p);
            }
        }
        return groups;
    }

    /** An iRule line describes a failure line of the same client (and port, when it names one), within a second. */
    private static boolean describes(HandshakeEvent irule, HandshakeEvent failure) {
        return failure.hasAddresses() && irule.clientIp().equals(failure.clientIp())
                && (irule.clientPort() == null || irule.clientPort() < 0 || irule.clientPort().equals(failure.clientPort()))
                && Math.abs(irule.timestampMs() - failure.timestampMs()) <= 1000;
    }

    private static String standaloneId(HandshakeEvent e) {
        return e.observer() + "/" + e.process() + "[" + e.pid() + "]/" + e.msgid() + "/" + e.timestampMs();
    }

    /**
     * The outcome carries the F5 time ({@code @timestamp}); the record carries the time its lines entered
     * Kafka, so that one BIG-IP with a fast clock cannot push the fleet's windows ahead of everyone else.
     */
    private void emit(HandshakeOutcome outcome, long recordTimestampMs) {
        context.forward(new Record<>(outcome.connectionId(), outcome, recordTimestampMs));
    }
}
