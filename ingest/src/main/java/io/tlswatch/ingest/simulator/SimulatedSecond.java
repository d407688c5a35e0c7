package io.tlswatch.ingest.simulator;

import java.util.List;

/**
 * Everything a simulated fleet writes in one second: records for {@code f5.logs} (syslog lines and Telemetry
 * Streaming poller documents) and for {@code f5.packets}, each list in time order; and the failed handshakes among
 * them, in the order they were made.
 */
public record SimulatedSecond(List<TimedLine> lines, List<TimedPacket> packets, List<FailedHandshake> failures) {
    public SimulatedSecond {
        lines = List.copyOf(lines);
        packets = List.copyOf(packets);
        failures = List.copyOf(failures);
    }
}
