package io.tlswatch.processors.topology;

import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;

/**
 * What leaves the decode steps: an event for the join, inventory and counter readings from the system poller,
 * a packet summary for the packet join, or a dead letter. Dropped records leave nothing.
 */
sealed interface DecodeOutput {
    record Event(HandshakeEvent event) implements DecodeOutput {}

    record Dead(DeadLetter letter) implements DecodeOutput {}

    /** A virtual server the system poller described. */
    record Inventory(VirtualServer virtualServer) implements DecodeOutput {}

    /** A reading of a virtual server's connection counter. */
    record Traffic(VipTrafficSample sample) implements DecodeOutput {}

    /** A packet summary from {@code f5.packets} that passed its checks. */
    record Packet(PacketSummary summary) implements DecodeOutput {}
}
