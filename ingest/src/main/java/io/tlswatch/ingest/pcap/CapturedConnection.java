package io.tlswatch.ingest.pcap;

import java.util.List;

/**
 * One TCP connection as the capture showed it: every flight summarised for it, in the order they were
 * emitted (each direction's flights in stream order). Never empty.
 */
public record CapturedConnection(List<FlightSummary> flights) {

    public CapturedConnection {
        if (flights.isEmpty()) {
            throw new IllegalArgumentException("a connection has at least one flight");
        }
    }

    /** {@code observer/client-ip:port->server-ip:port}, as on {@code f5.packets}. */
    public String connectionId() {
        return flights.get(flights.size() - 1).connectionId();
    }

    /** The flights one way, in stream order. */
    public List<FlightSummary> flights(Direction direction) {
        return flights.stream().filter(f -> f.direction() == direction).toList();
    }
}
