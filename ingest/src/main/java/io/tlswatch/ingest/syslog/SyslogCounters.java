package io.tlswatch.ingest.syslog;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the receiver counts, by transport and reason (bounded sets): messages received, dropped, connections
 * accepted, refused and open. Thread-safe; the command exposes these as Prometheus meters.
 */
public final class SyslogCounters {
    /** How a TCP or TLS connection attempt ended up. */
    public enum ConnectionResult {
        ACCEPTED("accepted"),
        /** Over the connection limit: closed at once. */
        REFUSED_LIMIT("refused_limit"),
        /** The TLS handshake failed or timed out. */
        TLS_HANDSHAKE_FAILED("tls_handshake_failed");

        private final String code;

        ConnectionResult(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Map<Transport, LongAdder> received = new EnumMap<>(Transport.class);
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<Transport, AtomicInteger> open = new EnumMap<>(Transport.class);
    private final Map<Transport, Map<ConnectionResult, LongAdder>> connections = new EnumMap<>(Transport.class);

    public SyslogCounters() {
        for (Transport t : Transport.values()) {
            received.put(t, new LongAdder());
            open.put(t, new AtomicInteger());
            Map<ConnectionResult, LongAdder> results = new EnumMap<>(ConnectionResult.class);
            for (ConnectionResult r : ConnectionResult.values()) {
                results.put(r, new LongAdder());
            }
            connections.put(t, results);
        }
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    void countReceived(Transport transport) {
        received.get(transport).increment();
    }

    void countDropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    void connection(Transport transport, ConnectionResult result) {
        connections.get(transport).get(result).increment();
    }

    void opened(Transport transport) {
        open.get(transport).incrementAndGet();
    }

    void closed(Transport transport) {
        open.get(transport).decrementAndGet();
    }

    /** Messages framed (a UDP datagram, a TCP frame), including those dropped afterwards. */
    public long received(Transport transport) {
        return received.get(transport).sum();
    }

    public long received() {
        return received.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason).sum();
    }

    public long connections(Transport transport, ConnectionResult result) {
        return connections.get(transport).get(result).sum();
    }

    /** TCP or TLS connections open now. */
    public int open(Transport transport) {
        return open.get(transport).get();
    }

    /** {@code dropped: udp_queue_full=3, oversized_cut=1} (reasons above zero), or {@code nothing dropped}. */
    public String droppedSummary() {
        StringBuilder out = new StringBuilder();
        for (DropReason r : DropReason.values()) {
            long n = dropped(r);
            if (n > 0) {
                out.append(out.length() == 0 ? "dropped: " : ", ").append(r.code()).append('=').append(n);
            }
        }
        return out.length() == 0 ? "nothing dropped" : out.toString();
    }
}
