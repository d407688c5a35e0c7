package io.tlswatch.app.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** A one-line account of the input records: every record is decoded, dropped or dead-lettered. */
final class Counts {
    private Counts() {}

    static String describe(MeterRegistry registry) {
        return String.format("decoded %d, dropped %d (not TLS), dead letters %d",
                sum(registry, "decoded"), sum(registry, "dropped_not_tls"), sum(registry, "dead_letter"));
    }

    /** Every input record the decode steps have accounted for, whatever became of it. */
    static long total(MeterRegistry registry) {
        return (long) registry.find("tlswatch_input_records_total").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    static long sum(MeterRegistry registry, String result) {
        return (long) registry.find("tlswatch_input_records_total").tag("result", result).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
