package io.tlswatch.processors.packets;

import io.tlswatch.schemas.PacketSummary;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One TCP connection as a capture point summarised it: who the client and server are, and each direction's
 * flights in stream order.
 *
 * @param captureHost the host that read the capture, when the reader named it
 * @param f5Trailer   whether the packets carried the BIG-IP Ethernet trailer (flow ids or a VIP name)
 */
public record WireConnection(String connectionId, String observer, String transport, String clientIp,
        int clientPort, String serverIp, int serverPort, String vipName, List<WireFlight> clientFlights,
        List<WireFlight> serverFlights, String captureHost, boolean f5Trailer) {

    /** A connection whose capture point is known only by its observer name. */
    public WireConnection(String connectionId, String observer, String transport, String clientIp, int clientPort,
            String serverIp, int serverPort, String vipName, List<WireFlight> clientFlights,
            List<WireFlight> serverFlights) {
        this(connectionId, observer, transport, clientIp, clientPort, serverIp, serverPort, vipName, clientFlights,
                serverFlights, null, vipName != null);
    }

    /** From every {@code f5.packets} summary of one connection id, in any order (never empty). */
    public static WireConnection of(List<PacketSummary> summaries) {
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("a connection has at least one summary");
        }
        List<PacketSummary> sorted = new ArrayList<>(summaries);
        sorted.sort(Comparator.comparing((PacketSummary s) -> s.flight() == null ? Integer.MAX_VALUE : s.flight())
                .thenComparingLong(PacketSummary::firstSeenMs));
        List<WireFlight> client = new ArrayList<>();
        List<WireFlight> server = new ArrayList<>();
        String vip = null;
        String host = null;
        boolean trailer = false;
        for (PacketSummary s : sorted) {
            ("server_to_client".equals(s.direction()) ? server : client).add(WireFlight.of(s));
            vip = s.vipName() != null ? s.vipName() : vip;
            host = s.captureHost() != null ? s.captureHost() : host;
            trailer |= s.vipName() != null || s.f5FlowId() != null || s.f5PeerFlowId() != null;
        }
        PacketSummary any = sorted.get(sorted.size() - 1);
        return new WireConnection(any.connectionId(), any.observer(), any.transport(), any.clientIp(),
                any.clientPort(), any.serverIp(), any.serverPort(), vip, List.copyOf(client), List.copyOf(server),
                host, trailer);
    }

    /**
     * One direction's stream head: its flights' bytes end to end, stopping at the first gap (a flight missing
     * from the middle), so the decoder never reads bytes out of place.
     */
    static byte[] stream(List<WireFlight> flights) {
        if (flights.size() == 1) {
            return flights.get(0).head();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = -1;
        for (WireFlight f : flights) {
            if (f.head().length == 0) {
                continue;
            }
            if (next >= 0 && f.headOffset() >= 0 && f.headOffset() != next) {
                break;
            }
            out.writeBytes(f.head());
            next = f.headOffset() < 0 ? -1 : f.headOffset() + f.head().length;
        }
        return out.toByteArray();
    }

    /** When the direction's flight holding stream byte {@code offset} was first seen; -1 when not known. */
    static long seenAt(List<WireFlight> flights, int offset) {
        long start = 0;
        for (WireFlight f : flights) {
            long from = f.headOffset() >= 0 ? f.headOffset() : start;
            if (offset >= from && offset < from + f.head().length) {
                return f.firstSeenMs();
            }
            start = from + f.head().length;
        }
        return -1;
    }
}
