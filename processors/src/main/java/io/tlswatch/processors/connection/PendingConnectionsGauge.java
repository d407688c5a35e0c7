package io.tlswatch.processors.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tlswatch_pending_connections}: connections waiting in the packet join, summed over the stream tasks of
 * this instance. Each task reports its count when it checks its store (every punctuation).
 */
public final class PendingConnectionsGauge {
    private final Map<String, Long> perTask = new ConcurrentHashMap<>();

    public PendingConnectionsGauge(MeterRegistry registry) {
        Gauge.builder("tlswatch_pending_connections", this, PendingConnectionsGauge::total)
                .description("connections whose packet summaries wait for the rest of the connection")
                .strongReference(true)
                .register(registry);
    }

    void report(String task, long pending) {
        perTask.put(task, pending);
    }

    void forget(String task) {
        perTask.remove(task);
    }

    public long total() {
        return perTask.values().stream().mapToLong(Long::longValue).sum();
    }
}
