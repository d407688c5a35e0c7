package io.tlswatch.processors.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.DeadLetter;
import java.util.EnumMap;
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
 */
final class LogDecodeProcessor implements FixedKeyProcessor<byte[], byte[], DecodeOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(LogDecodeProcessor.class);
    private final LogDecoder decoder;
    private final Counter decoded;
    private final Counter dropped;
    private final Counter telemetry;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private FixedKeyProcessorContext<byte[], DecodeOutput> context;

    LogDecodeProcessor(LogDecoder decoder, MeterRegistry registry) {
        this.decoder = decoder;
        this.decoded = registry.counter("tlswatch_input_records_total", "result", "decoded");
        this.dropped = registry.counter("tlswatch_input_records_total", "result", "dropped_not_tls");
        this.telemetry = registry.counter("tlswatch_input_records_total", "result", "decoded_telemetry");
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
        } else if (result instanceof LogDecodeResult.Telemetry t) {
            telemetry.increment();
            t.virtualServers().forEach(v -> context.forward(record.withValue(new DecodeOutput.Inventory(v))));
            t.samples().forEach(c -> context.forward(record.withValue(new DecodeOutput.Traffic(c))));
        } else if (result instanceof LogDecodeResult.Rejected r) {
            rejected.get(r.reason()).increment();
            context.forward(record.withValue(new DecodeOutput.Dead(deadLetter(record, r))));
        } else {
            dropped.increment();
        }
    }

    private DeadLetter deadLetter(FixedKeyRecord<byte[], byte[]> record, LogDecodeResult.Rejected r) {
        return DeadLetters.of(context.recordMetadata(), record, r.reason(), r.detail());
    }
}
