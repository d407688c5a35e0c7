package io.tlswatch.processors.topology;

import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.ObserverSignal;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;

/**
 * What leaves the decode steps: an event for the join, inventory and counter readings from the system poller,
 * signals for the certificate and profile watch, a packet summary for the packet join, or a dead letter. Dropped records leave nothing.
 */
sealed interface DecodeOutput {
    record Event(HandshakeEvent event) implements DecodeOutput {}

    record Dead(DeadLetter letter) implements DecodeOutput {}

    /** A virtual server the system poller described. */
    record Inventory(VirtualServer virtualServer) implements DecodeOutput {}

    /** A reading of a virtual server's connection counter. */
    record Traffic(VipTrafficSample sample) implements DecodeOutput {}

    /**
     * For the certificate and client-ssl profile watch: a certificate or profile reading from the system poller,
     * the end of a poll's certificate list, or the mark that an observer logs per-connection TLS failures.
     */
    record Signal(ObserverSignal signal) implements DecodeOutput {}

    /** A configuration change that can affect TLS, from an audit line. */
    record Change(ChangeEvent change) implements DecodeOutput {}

    /** A packet summary from {@code f5.packets} that passed its checks. */
    record Packet(PacketSummary summary) implements DecodeOutput {}
}
