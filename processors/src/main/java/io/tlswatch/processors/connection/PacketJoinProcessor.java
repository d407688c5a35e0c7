package io.tlswatch.processors.connection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.decode.wire.CertificateReader;
import io.tlswatch.processors.packets.PacketVerdict;
import io.tlswatch.processors.packets.WireConnection;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.PacketSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the packet summaries of one connection (one per direction and handshake flight, from
 * {@code f5.packets}) and judges the connection with {@link PacketVerdict}: success, failure with its error
 * class, or unknown. Summaries wait in the {@code pending-connections} store, keyed by connection id, until
 * the connection is complete — a RST, or both directions closed (summary with emit reason {@code fin},
 * {@code rst}, {@code end_of_capture}, {@code idle_timeout} or {@code evicted}) — or until no summary has
 * arrived for the wait (wall clock, so that a quiet partition still flushes; a direction that said nothing
 * new at its end sends no closing summary).
 *
 * <p>The store key is the connection id inside the summary, not the record key: producers must key by
 * connection id (DESIGN §3) so that a connection's summaries share a partition. Each connection's value is
 * bounded ({@link PacketJoinSettings}); summaries past a limit are counted and dropped, but their closing
 * flags still count. Summaries that arrive after their connection was judged start a new connection and a
 * second outcome.
 */
public final class PacketJoinProcessor implements Processor<byte[], PacketSummary, String, HandshakeOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(PacketJoinProcessor.class);
    /** Emit reasons after which a direction sends nothing more. */
    static final Set<String> CLOSING = Set.of("fin", "rst", "end_of_capture", "idle_timeout", "evicted");

    private final String storeName;
    private final PacketJoinSettings settings;
    private final long punctuateEveryMs;
    private final TaskGauge gauge;
    private final PacketVerdict verdict;
    private final Counter judgedComplete;
    private final Counter judgedAfterWait;
    private final Counter judgeErrors;
    private final Counter droppedSummaries;
    private final Counter droppedBytes;
    private ProcessorContext<String, HandshakeOutcome> context;
    private KeyValueStore<String, PendingConnection> store;
    private String task;
    /**
     * When each waiting connection falls quiet, in wall-clock order (each summary pushes its own, later entry):
     * the check reads only what is due, not the whole store. Rebuilt from the store at a task's first use.
     */
    private final DueTimes quietAt = new DueTimes();
    private long waiting;
    private boolean loaded;

    public PacketJoinProcessor(String storeName, PacketJoinSettings settings, MeterRegistry registry,
            TaskGauge gauge) {
        this.storeName = storeName;
        this.settings = settings;
        this.gauge = gauge;
        this.punctuateEveryMs = Math.max(100, Math.min(1000, settings.quiet().toMillis() / 2));
        this.judgedComplete = registry.counter("tlswatch_packet_connections_total", "result", "complete");
        this.judgedAfterWait = registry.counter("tlswatch_packet_connections_total", "result", "after_wait");
        this.judgeErrors = registry.counter("tlswatch_packet_connections_total", "result", "judge_error");
        this.droppedSummaries = registry.counter("tlswatch_packet_summaries_dropped_total", "reason", "max_summaries");
        this.droppedBytes = registry.counter("tlswatch_packet_summaries_dropped_total", "reason", "max_bytes");
        Map<CertificateReader.Result, Counter> certificates = new EnumMap<>(CertificateReader.Result.class);
        for (CertificateReader.Result r : CertificateReader.Result.values()) {
            certificates.put(r, registry.counter("tlswatch_server_certificates_total", "result", r.code()));
        }
        this.verdict = new PacketVerdict(new CertificateReader(r -> certificates.get(r).increment()));
    }

    @Override
    public void init(ProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.task = context.taskId().toString();
        this.loaded = false;
        context.schedule(Duration.ofMillis(punctuateEveryMs), PunctuationType.WALL_CLOCK_TIME,
                this::flushQuiet);
    }

    @Override
    public void process(Record<byte[], PacketSummary> record) {
        PacketSummary s = record.value();
        if (s == null) {
            return;
        }
        load();
        String id = s.connectionId();
        PendingConnection before = store.get(id);
        List<PacketSummary> kept = new ArrayList<>(before == null ? List.of() : before.summaries());
        long held = before == null ? 0 : before.heldBytes();
        int dropped = before == null ? 0 : before.dropped();
        long headChars = s.payloadHeadBase64() == null ? 0 : s.payloadHeadBase64().length();
        if (kept.size() >= settings.maxSummaries()) {
            droppedSummaries.increment();
            dropped++;
        } else if (held + headChars > settings.maxBytes()) {
            droppedBytes.increment();
            dropped++;
        } else {
            kept.add(s);
            held += headChars;
        }
        boolean clientToServer = "client_to_server".equals(s.direction());
        boolean closing = s.emitReason() != null && CLOSING.contains(s.emitReason());
        PendingConnection now = new PendingConnection(
                kept, held, dropped,
                (before != null && before.clientClosed()) || (closing && clientToServer),
                (before != null && before.serverClosed()) || (closing && !clientToServer),
                (before != null && before.reset()) || s.rstSeen() || "rst".equals(s.emitReason()),
                context.currentSystemTimeMs(),
                Math.max(before == null ? record.timestamp() : before.recordTimestampMs(), record.timestamp()));
        if (now.complete() && !now.summaries().isEmpty()) {
            store.delete(id);
            if (before != null) {
                waiting--;
            }
            judgedComplete.increment();
            judge(id, now);
        } else {
            store.put(id, now);
            quietAt.add(id, now.lastArrivedMs() + settings.quiet().toMillis());
            if (before == null) {
                waiting++;
            }
        }
    }

    /** Judges every connection quiet for the wait; reports how many still wait. */
    private void flushQuiet(long nowMs) {
        load();
        long readyBefore = nowMs - settings.quiet().toMillis();
        for (String id = quietAt.pollDue(nowMs); id != null; id = quietAt.pollDue(nowMs)) {
            PendingConnection p = store.get(id);
            if (p == null || p.lastArrivedMs() > readyBefore) {
                continue; // judged already, or a later summary moved its time (its own entry follows)
            }
            store.delete(id);
            waiting--;
            if (!p.summaries().isEmpty()) {
                judgedAfterWait.increment();
                judge(id, p);
            }
        }
        gauge.report(task, waiting);
    }

    /** Rebuilds the due times from the store (a restart, a rebalance, a revived task), once per task start. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        quietAt.clear();
        waiting = 0;
        try (KeyValueIterator<String, PendingConnection> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingConnection> kv = it.next();
                if (kv.value == null) {
                    store.delete(kv.key); // nothing to judge
                    continue;
                }
                quietAt.add(kv.key, kv.value.lastArrivedMs() + settings.quiet().toMillis());
                waiting++;
            }
        }
    }

    private void judge(String id, PendingConnection pending) {
        HandshakeOutcome outcome;
        try {
            outcome = verdict.judge(WireConnection.of(pending.summaries()));
        } catch (RuntimeException e) {
            // one odd connection must not stop the stream thread: count it, say which, go on
            judgeErrors.increment();
            LOG.warn("cannot judge connection {} ({} summaries); skipped", id, pending.summaries().size(), e);
            return;
        }
        if (outcome != null) {
            context.forward(new Record<>(outcome.connectionId() != null ? outcome.connectionId() : id, outcome,
                    pending.recordTimestampMs()));
        }
    }

    @Override
    public void close() {
        gauge.forget(task);
    }
}
