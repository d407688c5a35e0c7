package io.tlswatch.processors.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gauge summed over the stream tasks of this instance, such as the entries waiting in a join's store: each
 * task reports its count when it checks its store (every punctuation), and forgets it when it closes.
 */
public final class TaskGauge {
    private final Map<String, Long> perTask = new ConcurrentHashMap<>();

    public TaskGauge(MeterRegistry registry, String name, String description) {
        Gauge.builder(name, this, TaskGauge::total)
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    /** {@code tlswatch_pending_connections}: connections whose packet summaries wait in the packet join. */
    public static TaskGauge pendingConnections(MeterRegistry registry) {
        return new TaskGauge(registry, "tlswatch_pending_connections",
                "connections whose packet summaries wait for the rest of the connection");
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
