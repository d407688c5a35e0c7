package io.tlswatch.processors.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.ObserverSignal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LogDecoder} on each raw record and accounts for it: decoded events and dead letters go
 * downstream, records that are not about TLS are counted and dropped. A failure inside the decoder becomes
 * a {@code processing_error} dead letter: the pipeline never stops on one bad record.
 *
 * <p>A poller document is one input record ({@code decoded_telemetry}) whatever it fans out to. A failure line
 * also marks its observer as one that logs per-connection TLS failures, at most once per observer and minute
 * of event time per task (a handful of records a minute): the client-ssl profile counters only page for
 * BIG-IPs that send no such logs (DESIGN §9, {@code alerts.profile.counters=auto}).
 */
final class LogDecodeProcessor implements FixedKeyProcessor<byte[], byte[], DecodeOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(LogDecodeProcessor.class);
    /**
     * Observers whose last mark minute is remembered per task; a fleet is hundreds of BIG-IPs. Beyond it, an
     * evicted observer is only marked once more than its minute asks for: harmless.
     */
    static final int MAX_MARKED_OBSERVERS = 10_000;
    private final LogDecoder decoder;
    private final Counter decoded;
    private final Counter dropped;
    private final Counter telemetry;
    private final Counter changes;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    /** Observer → the minute (epoch minutes) of its last failure mark; least recently marked evicted first. */
    private final Map<String, Long> markedMinute = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_MARKED_OBSERVERS;
        }
    };
    private FixedKeyProcessorContext<byte[], DecodeOutput> context;

    LogDecodeProcessor(LogDecoder decoder, MeterRegistry registry) {
        this.decoder = decoder;
        this.decoded = registry.counter("tlswatch_input_records_total", "result", "decoded");
        this.dropped = registry.counter("tlswatch_input_records_total", "result", "dropped_not_tls");
        this.telemetry = registry.counter("tlswatch_input_records_total", "result", "decoded_telemetry");
        this.changes = registry.counter("tlswatch_input_records_total", "result", "decoded_change");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, registry.counter("tlswatch_input_records_total", "result", "dead_letter", "reason", r.code()));
        }
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], DecodeOutput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        LogDecodeResult result;
        try {
            result = decoder.decode(record.value(), record.timestamp());
        } catch (RuntimeException e) {
            LOG.warn("decoder failed on a record; sending it to the dead-letter topic", e);
            result = new LogDecodeResult.Rejected(RejectReason.PROCESSING_ERROR, String.valueOf(e));
        }
        if (result instanceof LogDecodeResult.Decoded d) {
            decoded.increment();
            context.forward(record.withValue(new DecodeOutput.Event(d.event())));
            markFailureLogs(record, d.event());
        } else if (result instanceof LogDecodeResult.Telemetry t) {
            telemetry.increment();
            t.virtualServers().forEach(v -> context.forward(record.withValue(new DecodeOutput.Inventory(v))));
            t.samples().forEach(c -> context.forward(record.withValue(new DecodeOutput.Traffic(c))));
            forwardSignals(record, t);
        } else if (result instanceof LogDecodeResult.Change c) {
            changes.increment();
            context.forward(record.withValue(new DecodeOutput.Change(c.change())));
        } else if (result instanceof LogDecodeResult.Rejected r) {
            rejected.get(r.reason()).increment();
            context.forward(record.withValue(new DecodeOutput.Dead(deadLetter(record, r))));
        } else {
            dropped.increment();
        }
    }

    /** Certificates, then the end of their list (after them: the watch relies on that order), then profiles. */
    private void forwardSignals(FixedKeyRecord<byte[], byte[]> record, LogDecodeResult.Telemetry t) {
        t.certificates().forEach(c -> context.forward(record.withValue(signal(ObserverSignal.of(c)))));
        if (t.certificatesPolled() != null) {
            context.forward(record.withValue(signal(t.certificatesPolled())));
        }
        t.profiles().forEach(p -> context.forward(record.withValue(signal(ObserverSignal.of(p)))));
    }

    private void markFailureLogs(FixedKeyRecord<byte[], byte[]> record, HandshakeEvent e) {
        if (!e.isFailureEvidence() || e.observer() == null || e.timestampMs() < 0) {
            return;
        }
        long minute = e.timestampMs() / 60_000;
        Long last = markedMinute.put(e.observer(), minute);
        if (last == null || last != minute) {
            context.forward(record.withValue(signal(ObserverSignal.tlsFailuresSeen(e.observer(), e.timestampMs()))));
        }
    }

    private static DecodeOutput signal(ObserverSignal s) {
        return new DecodeOutput.Signal(s);
    }

    private DeadLetter deadLetter(FixedKeyRecord<byte[], byte[]> record, LogDecodeResult.Rejected r) {
        return DeadLetters.of(context.recordMetadata(), record, r.reason(), r.detail());
    }
}
