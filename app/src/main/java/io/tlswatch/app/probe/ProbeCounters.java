package io.tlswatch.app.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tlswatch_probes_total{outcome}}: probes by outcome, a bounded set ({@code clean}, {@code problems},
 * {@code unreachable}, {@code failed}, {@code rate_limited}, {@code queue_full}, {@code unreadable}).
 */
final class ProbeCounters {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ProbeCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String outcome) {
        counters.computeIfAbsent(outcome, o -> Counter.builder("tlswatch_probes_total")
                .description("Probes of firing alerts' VIPs, by outcome")
                .tag("outcome", o)
                .register(registry)).increment();
    }
}
