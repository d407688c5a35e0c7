package io.tlswatch.ingest.simulator;

import java.util.List;

/**
 * Everything a simulated fleet writes in one second: records for {@code f5.logs} (syslog lines and Telemetry
 * Streaming poller documents) and for {@code f5.packets}, each list in time order.
 */
public record SimulatedSecond(List<TimedLine> lines, List<TimedPacket> packets) {
    public SimulatedSecond {
        lines = List.copyOf(lines);
        packets = List.copyOf(packets);
    }
}
