package io.tlswatch.app.analyze;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import java.util.function.LongSupplier;

/**
 * The Kafka record timestamp of each replayed log line: the line's own time when the decoder can read it,
 * else the time of the last line that had one.
 *
 * <p>Windows follow the record time (ADR 1). Live, that is the time a line entered Kafka; for an analysis after
 * the fact it must be the time the BIG-IP wrote the line, or every line of a week-old file would land in the
 * window of the moment the analysis runs. The stamp is read by the same {@link LogDecoder} (same zone, same
 * fixed year) the pipeline decodes with, so record time and ECS {@code @timestamp} agree. Lines the decoder
 * does not time (not TLS, rejected) borrow the last known time: they never reach a window (they are counted
 * and dropped, or dead-lettered), and keeping them on the file's timeline keeps the dead letters there too.
 * Before the first timed line, such lines take the clock.
 */
final class EventTimes {
    private final LogDecoder decoder;
    private final LongSupplier clock;
    private long last = -1;

    EventTimes(LogDecoder decoder, LongSupplier clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    /** The record timestamp for {@code line} (epoch ms). */
    long of(byte[] line) {
        long fallback = last >= 0 ? last : clock.getAsLong();
        long own = -1;
        LogDecodeResult result = decoder.decode(line, fallback);
        if (result instanceof LogDecodeResult.Decoded d) {
            own = d.event().timestampMs();
        } else if (result instanceof LogDecodeResult.Telemetry t && !t.samples().isEmpty()) {
            own = t.samples().get(0).timestampMs();
        }
        // the decoder already falls back for stamps an hour or more in the future (the broker refuses them)
        if (own >= 0) {
            last = own;
            return own;
        }
        return fallback;
    }
}
