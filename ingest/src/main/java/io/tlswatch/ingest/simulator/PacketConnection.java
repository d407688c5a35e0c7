package io.tlswatch.ingest.simulator;

import io.tlswatch.ingest.simulator.wire.Flight;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.PacketSummary;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code f5.packets} summaries of one simulated connection, as {@code tlswatch ingest pcap} writes them for a
 * capture in front of the BIG-IP (DESIGN §5): one per direction and flight, numbered per direction, with the
 * stream offset of its bytes, the bytes seen so far, the SYN seen, and the closing flight marked {@code fin} or
 * {@code rst}. The observer is the BIG-IP's host name, so the summaries join its log lines.
 */
final class PacketConnection {
    private PacketConnection() {}

    static List<TimedPacket> summaries(String observer, Connection c, long synMs, List<Flight> flights) {
        String id = HostPort.connectionId(observer, c.client(), c.clientPort(), c.vip(), c.vipPort(), null);
        List<TimedPacket> out = new ArrayList<>(flights.size());
        int[] number = new int[2];
        long[] offset = new long[2];
        for (Flight f : flights) {
            int side = f.fromClient() ? 0 : 1;
            long at = synMs + f.atMs();
            boolean closes = f.fin() || f.rst();
            String reason = f.rst() ? "rst" : f.fin() ? "fin" : "flight_complete";
            long headOffset = offset[side];
            offset[side] += f.bytes().length;
            PacketSummary s = new PacketSummary(id, observer, f.fromClient() ? "client_to_server" : "server_to_client",
                    "tcp", c.client(), c.clientPort(), c.vip(), c.vipPort(), at, at + (closes ? 1 : 0), true, f.fin(),
                    f.rst(), 0, offset[side],
                    f.bytes().length == 0 ? null : Base64.getEncoder().encodeToString(f.bytes()), null, number[side]++,
                    reason, null, null, headOffset);
            out.add(new TimedPacket(s.lastSeenMs(), s));
        }
        return out;
    }
}
