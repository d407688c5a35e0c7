package io.tlswatch.app.analyze;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Stamps each replayed log line with its Kafka record timestamp: the line's own time when the decoder can read
 * it, else the time of the nearest line before it that had one.
 *
 * <p>Windows follow the record time (ADR 1). Live, that is the time a line entered Kafka; for an analysis after
 * the fact it must be the time the BIG-IP wrote the line, or every line of a week-old file would land in the
 * window of the moment the analysis runs. The stamp is read by the same {@link LogDecoder} (same zone, same
 * fixed year) the pipeline decodes with, so record time and ECS {@code @timestamp} agree.
 *
 * <p>Lines the decoder does not time (not TLS, rejected, header-stripped SSL lines) borrow the last known time:
 * they stay on the file's timeline, and a header-stripped failure is counted in the window of its neighbours.
 * Lines before the first timed line wait (up to {@link #MAX_WAITING} of them) for it, so that the clock never
 * stamps a replayed failure: one record stamped "now" would move stream time past every window of the file,
 * and the rates would drop the whole file as late. Only when no timed line comes do they take the clock.
 */
final class EventTimes {
    /** Lines held while waiting for the first timed line; beyond, they take the clock. */
    static final int MAX_WAITING = 100_000;
    /** The fallback handed to the decoder: a result carrying it has no time of its own. */
    private static final long NO_TIME = 0L;

    /** Where stamped lines go. */
    interface Sink {
        void send(byte[] line, long timestampMs);
    }

    private final LogDecoder decoder;
    private final LongSupplier clock;
    private final Sink sink;
    private final List<byte[]> waiting = new ArrayList<>();
    private long last = -1;

    EventTimes(LogDecoder decoder, LongSupplier clock, Sink sink) {
        this.decoder = decoder;
        this.clock = clock;
        this.sink = sink;
    }

    /** Stamps and sends {@code line}, or holds it until a time is known. */
    void offer(byte[] line) {
        long own = ownTime(line);
        if (own != NO_TIME) {
            last = own;
            release(own);
            sink.send(line, own);
        } else if (last >= 0) {
            sink.send(line, last);
        } else {
            waiting.add(line);
            if (waiting.size() >= MAX_WAITING) {
                release(clock.getAsLong());
            }
        }
    }

    /** Sends the lines still waiting (no line had a time), stamped with the clock. */
    void finish() {
        release(clock.getAsLong());
    }

    private void release(long timestampMs) {
        for (byte[] line : waiting) {
            sink.send(line, timestampMs);
        }
        waiting.clear();
    }

    /** The line's own time, or {@link #NO_TIME} (the decoder then returns the record time it was given). */
    private long ownTime(byte[] line) {
        LogDecodeResult result = decoder.decode(line, NO_TIME);
        if (result instanceof LogDecodeResult.Decoded d) {
            return d.event().timestampMs();
        }
        if (result instanceof LogDecodeResult.Change c) {
            return c.change().timestampMs();
        }
        if (result instanceof LogDecodeResult.Telemetry t && !t.samples().isEmpty()) {
            return t.samples().get(0).timestampMs();
        }
        // the decoder already refuses stamps an hour or more in the future (the broker would too)
        return NO_TIME;
    }
}
