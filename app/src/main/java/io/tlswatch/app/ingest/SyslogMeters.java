package io.tlswatch.app.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.ingest.syslog.DropReason;
import io.tlswatch.ingest.syslog.MessageSink;
import io.tlswatch.ingest.syslog.SyslogCounters;
import io.tlswatch.ingest.syslog.SyslogCounters.ConnectionResult;
import io.tlswatch.ingest.syslog.SyslogReceiver;
import io.tlswatch.ingest.syslog.Transport;

/** The receiver's counters as Prometheus meters (docs/operations.md, "Metrics" lists them). */
final class SyslogMeters {
    private SyslogMeters() {}

    static void bind(MeterRegistry registry, SyslogReceiver receiver, MessageSink sink) {
        SyslogCounters c = receiver.counters();
        for (Transport t : Transport.values()) {
            FunctionCounter.builder("tlswatch_syslog_messages_received_total", c, x -> x.received(t))
                    .description("syslog messages framed (a UDP datagram, a TCP or TLS frame)")
                    .tag("transport", t.code()).register(registry);
            if (t != Transport.UDP) {
                Gauge.builder("tlswatch_syslog_connections_open", c, x -> x.open(t))
                        .description("syslog connections open now").tag("transport", t.code()).register(registry);
                for (ConnectionResult r : ConnectionResult.values()) {
                    FunctionCounter.builder("tlswatch_syslog_connections_total", c, x -> x.connections(t, r))
                            .description("syslog connections by how they were received")
                            .tags("transport", t.code(), "result", r.code()).register(registry);
                }
            }
        }
        FunctionCounter.builder("tlswatch_syslog_messages_written_total", sink, MessageSink::written)
                .description("syslog messages Kafka acknowledged").register(registry);
        FunctionCounter.builder("tlswatch_syslog_kafka_waits_total", sink, MessageSink::waits)
                .description("times a message was held because Kafka did not take it within max.block.ms")
                .register(registry);
        for (DropReason r : DropReason.values()) {
            FunctionCounter.builder("tlswatch_syslog_dropped_total", c,
                            x -> x.dropped(r) + (r == DropReason.KAFKA_ERROR ? sink.failed() : 0))
                    .description("syslog messages, or their tails, dropped").tag("reason", r.code()).register(registry);
        }
        Gauge.builder("tlswatch_syslog_queue_messages", receiver, SyslogReceiver::queued)
                .description("syslog messages waiting to be handed to Kafka").register(registry);
    }
}
