package io.tlswatch.schemas;

import java.util.List;

/**
 * One connection direction and handshake flight seen at a capture point (DESIGN §5), on
 * {@code f5.packets}. The decoder in processors reads the reassembled payload head; for {@code transport = udp}
 * (a QUIC flow) the head is the direction's kept datagrams, framed by {@link DatagramHead}.
 *
 * <p>The last five components are optional (null when unknown): {@code flight} numbers the summaries of one
 * direction from 0, {@code emitReason} says why the capture reader emitted it ({@link #EMIT_REASONS}),
 * {@code f5FlowId} / {@code f5PeerFlowId} are the BIG-IP flow ids from the Ethernet trailer, 16 hex digits, and
 * {@code headOffset} is where this flight's bytes start in the direction's stream (a gap between flights means a
 * summary is missing). {@code captureHost} (optional too) names the host that read the capture: for a live capture
 * piped from tcpdump, the sensor itself; the SIEM record's observer when nothing better is known.
 */
public record PacketSummary(
        String connectionId,
        String observer,
        String direction,
        String transport,
        String clientIp,
        int clientPort,
        String serverIp,
        int serverPort,
        long firstSeenMs,
        long lastSeenMs,
        boolean synSeen,
        boolean finSeen,
        boolean rstSeen,
        int retransmissions,
        long bytes,
        String payloadHeadBase64,
        String vipName,
        Integer flight,
        String emitReason,
        String f5FlowId,
        String f5PeerFlowId,
        Long headOffset,
        String captureHost) {

    /** Why a capture reader emitted a summary; the schema's enum. */
    public static final List<String> EMIT_REASONS = List.of("fin", "rst", "flight_complete",
            "head_full", "idle_timeout", "end_of_capture", "evicted");

    /** The summary without the capture host. */
    public PacketSummary(String connectionId, String observer, String direction, String transport, String clientIp,
            int clientPort, String serverIp, int serverPort, long firstSeenMs, long lastSeenMs, boolean synSeen,
            boolean finSeen, boolean rstSeen, int retransmissions, long bytes, String payloadHeadBase64,
            String vipName, Integer flight, String emitReason, String f5FlowId, String f5PeerFlowId,
            Long headOffset) {
        this(connectionId, observer, direction, transport, clientIp, clientPort, serverIp, serverPort, firstSeenMs,
                lastSeenMs, synSeen, finSeen, rstSeen, retransmissions, bytes, payloadHeadBase64, vipName, flight,
                emitReason, f5FlowId, f5PeerFlowId, headOffset, null);
    }

    /** The summary of the older shape, without flight number, reason or F5 flow ids. */
    public PacketSummary(String connectionId, String observer, String direction, String transport, String clientIp,
            int clientPort, String serverIp, int serverPort, long firstSeenMs, long lastSeenMs, boolean synSeen,
            boolean finSeen, boolean rstSeen, int retransmissions, long bytes, String payloadHeadBase64,
            String vipName) {
        this(connectionId, observer, direction, transport, clientIp, clientPort, serverIp, serverPort, firstSeenMs,
                lastSeenMs, synSeen, finSeen, rstSeen, retransmissions, bytes, payloadHeadBase64, vipName, null, null,
                null, null, null, null);
    }

    /** This summary seen by {@code name}: the observer, and the connection id's observer part with it. */
    public PacketSummary withObserver(String name) {
        String id = connectionId != null && observer != null && connectionId.startsWith(observer + "/")
                ? name + connectionId.substring(observer.length())
                : connectionId;
        return new PacketSummary(id, name, direction, transport, clientIp, clientPort, serverIp, serverPort,
                firstSeenMs, lastSeenMs, synSeen, finSeen, rstSeen, retransmissions, bytes, payloadHeadBase64, vipName,
                flight, emitReason, f5FlowId, f5PeerFlowId, headOffset, captureHost);
    }
}
