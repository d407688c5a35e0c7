package io.tlswatch.ingest.pcap;

import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.PacketSummary;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One connection direction and handshake flight, with the raw reassembled bytes of the flight: what
 * {@code tlswatch pcap} decodes directly, and what {@link #toPacketSummary()} turns into the {@code f5.packets}
 * record (base64 head, millisecond times).
 *
 * @param head            the flight's bytes, contiguous from the flight start (empty when the direction only
 *                        closed, or its bytes lie past the head limit); owned by this object
 * @param headOffset      stream offset of {@code head[0]} in its direction (0 for the first flight)
 * @param flight          number of this summary within the direction, from 0
 * @param bytes           payload bytes seen in the direction so far (retransmissions not counted twice)
 * @param retransmissions segments of the direction whose bytes had all been seen before, so far
 * @param generation      1 for the first connection of its four-tuple in the capture, 2 for the next one (a SYN
 *                        after the first closed), ...
 * @param captureHost     the host that read the capture ({@link CaptureSettings#captureHost()}), or null
 * @param transport       {@link #TCP}, or {@link #UDP} for a QUIC flow: its head is then the direction's kept
 *                        datagrams, each behind its length ({@link io.tlswatch.schemas.DatagramHead})
 */
public record FlightSummary(
        String observer,
        Direction direction,
        String clientIp,
        int clientPort,
        String serverIp,
        int serverPort,
        long firstSeenUs,
        long lastSeenUs,
        boolean synSeen,
        boolean finSeen,
        boolean rstSeen,
        int retransmissions,
        long bytes,
        byte[] head,
        long headOffset,
        int flight,
        EmitReason reason,
        String vipName,
        Long f5FlowId,
        Long f5PeerFlowId,
        int generation,
        String captureHost,
        String transport) {

    public static final String TCP = "tcp";
    public static final String UDP = "udp";

    public FlightSummary {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(transport, "transport");
    }

    /** A TCP flight. */
    public FlightSummary(String observer, Direction direction, String clientIp, int clientPort, String serverIp,
            int serverPort, long firstSeenUs, long lastSeenUs, boolean synSeen, boolean finSeen, boolean rstSeen,
            int retransmissions, long bytes, byte[] head, long headOffset, int flight, EmitReason reason,
            String vipName, Long f5FlowId, Long f5PeerFlowId, int generation, String captureHost) {
        this(observer, direction, clientIp, clientPort, serverIp, serverPort, firstSeenUs, lastSeenUs, synSeen,
                finSeen, rstSeen, retransmissions, bytes, head, headOffset, flight, reason, vipName, f5FlowId,
                f5PeerFlowId, generation, captureHost, TCP);
    }

    /**
     * {@code observer/client-ip:port->server-ip:port}, the key of {@code f5.packets}; a later connection reusing
     * the four-tuple in the same capture gets {@code #2}, {@code #3}, ... so that it is judged on its own.
     */
    public String connectionId() {
        String id = HostPort.connectionId(observer, clientIp, clientPort, serverIp, serverPort, null);
        return generation > 1 ? id + "#" + generation : id;
    }

    public PacketSummary toPacketSummary() {
        return new PacketSummary(connectionId(), observer, direction.wireName(), transport, clientIp, clientPort, serverIp,
                serverPort, firstSeenUs / 1000, lastSeenUs / 1000, synSeen, finSeen, rstSeen, retransmissions, bytes,
                head.length == 0 ? null : Base64.getEncoder().encodeToString(head), vipName, flight,
                reason.wireName(), F5Trailer.hex(f5FlowId), F5Trailer.hex(f5PeerFlowId), headOffset, captureHost);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlightSummary f && direction == f.direction && clientPort == f.clientPort
                && serverPort == f.serverPort && firstSeenUs == f.firstSeenUs && lastSeenUs == f.lastSeenUs
                && synSeen == f.synSeen && finSeen == f.finSeen && rstSeen == f.rstSeen
                && retransmissions == f.retransmissions && bytes == f.bytes && headOffset == f.headOffset
                && flight == f.flight && generation == f.generation && reason == f.reason && Objects.equals(observer, f.observer)
                && Objects.equals(clientIp, f.clientIp) && Objects.equals(serverIp, f.serverIp)
                && Arrays.equals(head, f.head) && Objects.equals(vipName, f.vipName)
                && Objects.equals(f5FlowId, f.f5FlowId) && Objects.equals(f5PeerFlowId, f.f5PeerFlowId)
                && Objects.equals(captureHost, f.captureHost) && transport.equals(f.transport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observer, direction, clientIp, clientPort, serverIp, serverPort, firstSeenUs, flight,
                reason, Arrays.hashCode(head));
    }

    @Override
    public String toString() {
        return "FlightSummary[" + transport + " " + connectionId() + " " + direction.wireName() + " flight=" + flight + " reason="
                + reason.wireName() + " head=" + head.length + "B bytes=" + bytes + " syn=" + synSeen + " fin="
                + finSeen + " rst=" + rstSeen + " retransmissions=" + retransmissions
                + (vipName == null ? "" : " vip=" + vipName) + "]";
    }
}
