package io.tlswatch.ingest.simulator;

import io.tlswatch.schemas.PacketSummary;

/**
 * One simulated packet summary for {@code f5.packets}, with the time a capture point would have sent it (the end
 * of its flight), for use as the Kafka record timestamp.
 */
public record TimedPacket(long timestampMs, PacketSummary summary) {}
