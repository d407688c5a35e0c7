package io.tlswatch.schemas;

/**
 * One connection direction and handshake flight seen at a capture point (DESIGN §5), on
 * {@code f5.packets}. The decoder in processors reads the reassembled payload head.
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
        String vipName) {}
