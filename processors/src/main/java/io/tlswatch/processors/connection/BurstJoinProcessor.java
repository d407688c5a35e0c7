package io.tlswatch.processors.connection;

import io.tlswatch.processors.connection.PendingBurst.Pending;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.Kind;
import io.tlswatch.schemas.HandshakeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * wait in the {@code pending-bursts} store until a connection has been quiet for the join wait (wall
 * clock, so that a quiet TMM still flushes). The older 01260009 layout has no addresses: it attaches, in
 * order, to a connection of the same TMM and second that has no reason yet (DESIGN §4). iRule lines of the same
 * TMM (JA4, offered and negotiated ciphers) attach to the failed connection of their client (address, and port
 * when the line has one) within a second; an iRule line with no failure to describe leaves with the wait.
 */
public final class BurstJoinProcessor implements Processor<String, HandshakeEvent, String, HandshakeOutcome> {
    /**
     * A TMM that logs more than this many lines within one wait flushes its oldest connections early: the
     * pending list is one store value, rewritten per line, so it must stay small.
     */
    static final int MAX_PENDING_PER_TMM = 256;

    private final String storeName;
    private final Duration wait;
    private final Duration punctuateEvery;
    private ProcessorContext<String, HandshakeOutcome> context;
    private KeyValueStore<String, PendingBurst> store;

    public BurstJoinProcessor(String storeName, Duration wait) {
        this.storeName = storeName;
        this.wait = wait;
        this.punctuateEvery = Duration.ofMillis(Math.max(100, Math.min(1000, wait.toMillis() / 2)));
    }

    @Override
    public void init(ProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
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
        PendingBurst burst = store.get(record.key());
        List<Pending> events = new ArrayList<>(burst == null ? List.of() : burst.events());
        long now = context.currentSystemTimeMs();
        events.add(new Pending(event, now, record.timestamp()));
        // a connection whose lines are a whole wait older than this line of the same TMM is complete: a replay
        // (hours of lines within a second of wall clock) then keeps only the last seconds pending, not 256 lines
        long olderThan = record.timestamp() - wait.toMillis();
        boolean stale = events.get(0).recordTimestampMs() <= olderThan;
        if (events.size() > MAX_PENDING_PER_TMM || stale) {
            // the store does not hold this line yet: keep what flush keeps even when it emitted nothing
            save(record.key(), flush(record.key(), events, now - wait.toMillis(), olderThan,
                    Math.max(0, events.size() - MAX_PENDING_PER_TMM)));
        } else {
            store.put(record.key(), new PendingBurst(events));
        }
    }

    private void flushQuiet(long nowMs) {
        long readyBefore = nowMs - wait.toMillis();
        List<KeyValue<String, PendingBurst>> all = new ArrayList<>();
        try (KeyValueIterator<String, PendingBurst> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, PendingBurst> kv : all) {
            List<Pending> keep = flush(kv.key, new ArrayList<>(kv.value.events()), readyBefore, Long.MIN_VALUE, 0);
            if (keep.size() != kv.value.events().size()) {
                save(kv.key, keep);
            }
        }
    }

    /**
     * Emits every connection of one TMM whose newest line arrived (wall clock) at or before {@code readyBefore},
     * or whose newest line's record time is at or before {@code recordsBefore}, and at least the connections
     * holding the {@code force} oldest lines; returns the rest, for the caller to {@link #save}.
     */
    private List<Pending> flush(String key, List<Pending> events, long readyBefore, long recordsBefore, int force) {
        List<Pending> unattached = new ArrayList<>();
        Map<String, List<Pending>> groups = group(key, events, unattached);
        List<Pending> keep = new ArrayList<>();
        int forced = 0;
        for (Map.Entry<String, List<Pending>> group : groups.entrySet()) {
            List<Pending> members = group.getValue();
            long newest = members.stream().mapToLong(Pending::arrivedMs).max().orElse(0);
            long newestRecord = members.stream().mapToLong(Pending::recordTimestampMs).max().orElse(0);
            if (newest <= readyBefore || newestRecord <= recordsBefore || forced < force) {
                forced += members.size();
                long recordTime = members.stream().mapToLong(Pending::recordTimestampMs).max().orElse(0);
                emit(OutcomeMerger.merge(members.stream().map(Pending::event).toList(), group.getKey()), recordTime);
            } else {
                keep.addAll(members);
            }
        }
        for (Pending p : unattached) {
            // an iRule line waits as long as a failure line would, for a failure of its client to describe
            boolean waiting = p.arrivedMs() > readyBefore && p.recordTimestampMs() > recordsBefore;
            if (waiting && forced < force) {
                forced++;
            } else if (waiting) {
                keep.add(p);
            }
        }
        return keep;
    }

    /** Stores what still waits, oldest arrival first, or forgets the TMM when nothing does. */
    private void save(String key, List<Pending> keep) {
        if (keep.isEmpty()) {
            store.delete(key);
        } else {
            keep.sort((a, b) -> Long.compare(a.arrivedMs(), b.arrivedMs()));
            store.put(key, new PendingBurst(keep));
        }
    }

    /**
     * Groups lines by connection, attaching address-less 01260009 lines to their burst siblings and iRule lines
     * to the connection of their client; iRule lines that match no connection go to {@code unattached}.
     */
    private static Map<String, List<Pending>> group(String key, List<Pending> events, List<Pending> unattached) {
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        List<Pending> addressless = new ArrayList<>();
        List<Pending> enrichment = new ArrayList<>();
        for (Pending p : events) {
            if (p.event().isConnectionEnrichment()) {
                enrichment.add(p);
            } else if (p.event().hasAddresses()) {
                groups.computeIfAbsent(OutcomeMerger.connectionId(p.event()), k -> new ArrayList<>()).add(p);
            } else {
                addressless.add(p);
            }
        }
        for (Pending lone : addressless) {
            List<Pending> sibling = null;
            long second = lone.event().timestampMs() / 1000;
            for (List<Pending> g : groups.values()) {
                boolean sameSecond = g.stream().anyMatch(p -> p.event().timestampMs() / 1000 == second);
                boolean hasReason = g.stream().anyMatch(p -> p.event().kind() == Kind.CONNECTION_ERROR);
                if (sameSecond && !hasReason) {
                    sibling = g;
                    break;
                }
            }
            if (sibling != null) {
                sibling.add(0, lone);
            } else {
                groups.put(key + "/" + lone.event().timestampMs() + "#" + groups.size(), new ArrayList<>(List.of(lone)));
            }
        }
        for (Pending p : enrichment) {
            List<Pending> described = null;
            for (List<Pending> g : groups.values()) {
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
