package io.tlswatch.app.simulate;

import io.tlswatch.ingest.pcap.PacketSummaryProducer;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.TimedPacket;
import java.util.Map;

/**
 * Lines to the logs topic without a key (as Telemetry Streaming and rsyslog write them), summaries to the packets
 * topic keyed by connection id (DESIGN §3), each with the time it describes as its record timestamp.
 */
final class KafkaSink implements Sink {
    private final LogLineProducer logs;
    private final PacketSummaryProducer packets;

    KafkaSink(Map<String, Object> client, String logsTopic, String packetsTopic) {
        this.logs = new LogLineProducer(client, logsTopic);
        this.packets = new PacketSummaryProducer(client, packetsTopic);
    }

    @Override
    public void line(TimedLine line) {
        logs.send(line.line(), line.timestampMs());
    }

    @Override
    public void packet(TimedPacket packet) {
        // a connection may end after the second it started in: never stamp ahead of the clock (the broker warns)
        packets.send(packet.summary(), Math.min(packet.timestampMs(), System.currentTimeMillis()));
    }

    @Override
    public void flush() {
        logs.flush();
        packets.flush();
    }

    long acknowledged() {
        return logs.acknowledged() + packets.acknowledged();
    }

    @Override
    public void close() {
        try {
            logs.close();
        } finally {
            packets.close();
        }
    }
}
