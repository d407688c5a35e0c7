package io.tlswatch.processors.connection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * One outcome per connection attempt, whatever saw it (DESIGN §7): the outcome from F5 lines (burst join) and
 * the outcome from packets (packet join) of one connection id meet here, co-partitioned by that id, and leave
 * as one ({@link OutcomeMerger#join}: the F5 reason and lines with the packets' handshake fields).
 *
 * <ul>
 *   <li>Both sources present, their event times within {@code connections.max.skew}: joined, emitted at once.</li>
 *   <li>Only one so far: it waits {@code connections.wait} (wall clock) for the other, but only when the
 *       other source has spoken for the same observer in the last {@code connections.source.memory} (or
 *       always, with {@code connections.expect=both}); a deployment with logs only, or packets only, never waits. A packet success does not wait either: F5
 *       logs no successful handshakes.</li>
 *   <li>Evidence for a connection already emitted, within the skew of its time: counted
 *       ({@code tlswatch_late_evidence_total}) and dropped, never a second outcome. Farther apart in time: the
 *       same addresses and ports again, so another attempt. A capture numbers a reused four-tuple ({@code #2});
 *       the join is keyed by the four-tuple alone, so F5 lines (which cannot number) meet that attempt too.</li>
 *   <li>Outcomes without addresses (an older 01260009 alone) pass through: there is nothing to join on.</li>
 * </ul>
 *
 * The store holds waiting outcomes and small markers of emitted ones, both expiring (wait, then
 * {@link ConnectionJoinSettings#remembered()}): its size follows the handshakes of the last minute, and
 * {@code tlswatch_pending_outcomes} shows how many wait. What is due when is kept in memory, in two queues in
 * wall-clock order (one per kind: each kind's delay is fixed), so the check every second reads only what is due,
 * not the whole store; a restarted or moved task rebuilds them from the store at its first record or check.
 */
public final class ConnectionJoinProcessor implements Processor<String, HandshakeOutcome, String, HandshakeOutcome> {
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final String storeName;
    private final ConnectionJoinSettings settings;
    private final TaskGauge gauge;
    private final Counter joined;
    private final Counter alone;
    private final Counter late;
    /** Per observer, when each source last spoken: [logs, packets], wall clock. In memory: a restart forgets. */
    private final Map<String, long[]> lastHeard = new HashMap<>();
    private ProcessorContext<String, HandshakeOutcome> context;
    private KeyValueStore<String, PendingOutcome> store;
    private String task;
    /** Waiting outcomes and emitted markers by when they fall due; an entry whose key moved on is skipped. */
    private final DueTimes waitingDue = new DueTimes();
    private final DueTimes emittedDue = new DueTimes();
    private long waiting;
    private boolean loaded;

    public ConnectionJoinProcessor(String storeName, ConnectionJoinSettings settings, MeterRegistry registry,
            TaskGauge gauge) {
        this.storeName = storeName;
        this.settings = settings;
        this.gauge = gauge;
        this.joined = registry.counter("tlswatch_connection_outcomes_total", "evidence", "logs_and_packets");
        this.alone = registry.counter("tlswatch_connection_outcomes_total", "evidence", "one_source");
        this.late = registry.counter("tlswatch_late_evidence_total");
    }

    @Override
    public void init(ProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.task = context.taskId().toString();
        this.loaded = false;
        context.schedule(CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, HandshakeOutcome> record) {
        HandshakeOutcome o = record.value();
        if (o == null) {
            return;
        }
        load();
        long now = context.currentSystemTimeMs();
        boolean fromPackets = OutcomeMerger.fromPackets(o);
        heard(o.observer(), fromPackets, now);
        if (o.connectionId() == null || o.serverIp() == null || o.clientPort() == null) {
            forward(record.key(), o, record.timestamp());
            alone.increment();
            return;
        }
        String id = HostPort.fourTupleOf(o.connectionId());
        PendingOutcome p = store.get(id);
        if (p != null && p.emitted()) {
            if (sameAttempt(o, fromPackets, p)) {
                late.increment();
                return;
            }
            p = null; // the same four-tuple again: another attempt
        }
        if (p != null) {
            waiting--; // whatever happens below, it waits no more
            HandshakeOutcome other = fromPackets ? p.logs() : p.packets();
            if (other != null && withinSkew(o.timestampMs(), other.timestampMs())) {
                HandshakeOutcome one = fromPackets ? OutcomeMerger.join(other, o) : OutcomeMerger.join(o, other);
                emit(id, one, p.recordTimestampMs(), now);
                joined.increment();
                return;
            }
            // the same source twice, or times too far apart: what waited was another attempt
            emitAlone(id, p, now);
        }
        boolean otherExpected = (settings.expectBoth() || heardLately(o.observer(), !fromPackets, now))
                && !(fromPackets && "success".equals(o.outcome()));
        if (otherExpected) {
            store.put(id, PendingOutcome.waiting(o, fromPackets, now, record.timestamp()));
            waitingDue.add(id, now + settings.waitTime().toMillis());
            waiting++;
        } else {
            emit(id, o, record.timestamp(), now);
            alone.increment();
        }
    }

    /**
     * Whether evidence meeting an emitted connection is late evidence for it rather than a later attempt on the
     * same four-tuple. Packets know their attempt ({@code #2}); F5 lines do not, so a failure logged near a
     * handshake the packets saw succeed is taken as the next attempt, not as late news of that one.
     */
    private boolean sameAttempt(HandshakeOutcome o, boolean fromPackets, PendingOutcome emitted) {
        if (!withinSkew(o.timestampMs(), emitted.eventTimeMs())) {
            return false;
        }
        if (emitted.emittedId() == null) {
            return true;
        }
        if (fromPackets) {
            return emitted.emittedId().equals(o.connectionId());
        }
        return !(emitted.emittedPacketSuccess() && "failure".equals(o.outcome()));
    }

    /** Emits what waited too long alone; forgets emitted connections once late evidence can no longer come. */
    private void expire(long now) {
        load();
        for (String key = waitingDue.pollDue(now); key != null; key = waitingDue.pollDue(now)) {
            PendingOutcome p = store.get(key);
            if (p != null && !p.emitted() && due(p, now)) {
                waiting--;
                emitAlone(key, p, now);
            }
        }
        for (String key = emittedDue.pollDue(now); key != null; key = emittedDue.pollDue(now)) {
            PendingOutcome p = store.get(key);
            if (p != null && p.emitted() && due(p, now)) {
                store.delete(key);
            }
        }
        gauge.report(task, waiting);
    }

    private boolean due(PendingOutcome p, long now) {
        return p.emitted() ? now - p.emittedMs() >= settings.remembered().toMillis()
                : now - p.arrivedMs() >= settings.waitTime().toMillis();
    }

    /** Rebuilds the queues from the store (after a restart, a rebalance, a revived task), once per task start. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        waitingDue.clear();
        emittedDue.clear();
        waiting = 0;
        try (KeyValueIterator<String, PendingOutcome> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingOutcome> kv = it.next();
                if (kv.value.emitted()) {
                    emittedDue.add(kv.key, kv.value.emittedMs() + settings.remembered().toMillis());
                } else {
                    waitingDue.add(kv.key, kv.value.arrivedMs() + settings.waitTime().toMillis());
                    waiting++;
                }
            }
        }
    }

    private void emitAlone(String id, PendingOutcome p, long now) {
        emit(id, p.logs() != null ? p.logs() : p.packets(), p.recordTimestampMs(), now);
        alone.increment();
    }

    private void emit(String id, HandshakeOutcome o, long recordTimestampMs, long now) {
        store.put(id, PendingOutcome.emitted(o, now));
        emittedDue.add(id, now + settings.remembered().toMillis());
        forward(o.connectionId(), o, recordTimestampMs);
    }

    private void forward(String key, HandshakeOutcome o, long recordTimestampMs) {
        context.forward(new Record<>(key, o, recordTimestampMs));
    }

    private boolean withinSkew(long a, long b) {
        return Math.abs(a - b) <= settings.maxSkew().toMillis();
    }

    private void heard(String observer, boolean fromPackets, long now) {
        lastHeard.computeIfAbsent(observer == null ? "" : observer, k -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE})
                [fromPackets ? 1 : 0] = now;
    }

    private boolean heardLately(String observer, boolean fromPackets, long now) {
        long[] times = lastHeard.get(observer == null ? "" : observer);
        long t = times == null ? Long.MIN_VALUE : times[fromPackets ? 1 : 0];
        return t != Long.MIN_VALUE && now - t <= settings.sourceMemory().toMillis();
    }

    @Override
    public void close() {
        gauge.forget(task);
    }
}
