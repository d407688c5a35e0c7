package io.tlswatch.ingest.simulator;

import io.tlswatch.ingest.simulator.wire.ClientKind;
import io.tlswatch.ingest.simulator.wire.Flight;
import io.tlswatch.ingest.simulator.wire.HandshakeScript;
import io.tlswatch.ingest.simulator.wire.HandshakeScript.Chain;
import io.tlswatch.ingest.simulator.wire.HandshakeScript.Ending;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The packet evidence of simulated connections: which client, which certificate, which ending, and the summaries
 * a capture in front of the BIG-IP writes for it. One instance per simulator (it caches certificates).
 */
final class WirePackets {
    /** A connection's SYN comes this long before the BIG-IP logs its failure. */
    static final int LEAD_MS = 150;
    /** Clients of mTLS VIPs are programs, not browsers. */
    private static final List<ClientKind> API_CLIENTS = List.of(ClientKind.JAVA, ClientKind.CURL);

    private final VipCertificates certificates = new VipCertificates();
    private final List<ClientKind> kinds = new ArrayList<>();
    private final int[] cumulative;
    private final int total;

    WirePackets(Map<ClientKind, Integer> population) {
        int sum = 0;
        List<Integer> bounds = new ArrayList<>();
        for (Map.Entry<ClientKind, Integer> e : population.entrySet()) {
            if (e.getValue() > 0) {
                kinds.add(e.getKey());
                sum += e.getValue();
                bounds.add(sum);
            }
        }
        this.cumulative = bounds.stream().mapToInt(Integer::intValue).toArray();
        this.total = sum;
    }

    /** A successful handshake of a client of the fleet's population. */
    List<TimedPacket> success(String observer, Vip vip, Connection c, long synMs, Random r) {
        ClientKind client = pick(r);
        return PacketConnection.summaries(observer, c, synMs, HandshakeScript.flights(client, Ending.SUCCESS, 0,
                serverName(vip), certificates.valid(vip, serverName(vip), synMs), address(c.client(), c.clientPort()),
                address(c.vip(), c.vipPort()), r));
    }

    /** The failed handshake of one incident. */
    List<TimedPacket> incident(Incident incident, Vip vip, Connection c, long failedAtMs, Random r) {
        IncidentKind kind = incident.kind();
        ClientKind client = kind.clients() != null ? kind.clients()
                : kind == IncidentKind.MTLS_CA_CHANGE ? API_CLIENTS.get(r.nextInt(API_CLIENTS.size())) : modern(r);
        String sni = serverName(vip);
        long synMs = failedAtMs - LEAD_MS;
        Chain chain = switch (kind) {
            case CERT_EXPIRED -> certificates.expired(vip, sni, incident.startMs());
            case CERT_UNTRUSTED -> certificates.leafOnly(vip, sni, synMs);
            default -> certificates.valid(vip, sni, synMs);
        };
        String asked = kind == IncidentKind.SNI_MISMATCH ? "old-" + sni : sni;
        // behind a PROXY header, the address the BIG-IP sees is the upstream balancer's; the header names the client
        String original = kind == IncidentKind.PROXY_PROTOCOL
                ? "203.0.113." + (1 + r.nextInt(254)) + " " + (1_024 + r.nextInt(64_000))
                : address(c.client(), c.clientPort());
        return PacketConnection.summaries(vip.observer(), c, synMs, HandshakeScript.flights(client, kind.ending(),
                kind.alert(), asked, chain, original, address(c.vip(), c.vipPort()), r));
    }

    /** The packets of an ordinary background failure. */
    List<TimedPacket> background(Burst burst, Vip vip, Connection c, long failedAtMs, Random r) {
        String sni = serverName(vip);
        long synMs = failedAtMs - LEAD_MS;
        Chain chain = certificates.valid(vip, sni, synMs);
        List<Flight> flights = switch (burst) {
            // health monitors speaking HTTP, and scanners with SSLv2 hellos
            case NOT_SSL -> r.nextBoolean()
                    ? HandshakeScript.flights(ClientKind.CURL, Ending.PLAIN_HTTP, 0, sni, chain, null, null, r)
                    : HandshakeScript.flights(ClientKind.SCANNER, Ending.SERVER_RESET, 0, null, chain, null, null, r);
            case UNSUPPORTED_VERSION -> HandshakeScript.flights(ClientKind.LEGACY_TLS10, Ending.SERVER_ALERT, 70, sni,
                    chain, null, null, r);
            default -> HandshakeScript.flights(modern(r), Ending.CLIENT_ALERT, 46, sni, chain, null, null, r);
        };
        return PacketConnection.summaries(vip.observer(), c, synMs, flights);
    }

    /** A scanner's probe: an SSLv2 hello nobody answers, then a reset. */
    List<TimedPacket> scanner(Vip vip, Connection c, long failedAtMs, Random r) {
        Chain chain = certificates.valid(vip, serverName(vip), failedAtMs - LEAD_MS);
        return PacketConnection.summaries(vip.observer(), c, failedAtMs - LEAD_MS,
                HandshakeScript.flights(ClientKind.SCANNER, Ending.SERVER_RESET, 0, null, chain, null, null, r));
    }

    /** The name clients ask a VIP for: {@code app-<host>-<n>.example.net}, by address for any other VIP. */
    static String serverName(Vip vip) {
        String[] octets = vip.address().split("\\.");
        if (octets.length == 4 && octets[0].equals("10") && octets[1].equals("10")) {
            String host = octets[2];
            int n = Integer.parseInt(octets[3]) - 9;
            return (vip.port() == 636 ? "ldap-" + host : "app-" + host + "-" + n) + ".example.net";
        }
        return "vip-" + vip.address().replace('.', '-').replace(':', '-') + ".example.net";
    }

    private ClientKind pick(Random r) {
        int roll = r.nextInt(total);
        for (int i = 0; i < cumulative.length; i++) {
            if (roll < cumulative[i]) {
                return kinds.get(i);
            }
        }
        throw new AssertionError("weights add up to " + total);
    }

    /** A client of the population that speaks TLS 1.2 or later (the old TLS 1.0 clients fail otherwise). */
    private ClientKind modern(Random r) {
        for (int attempt = 0; attempt < 8; attempt++) {
            ClientKind k = pick(r);
            if (k != ClientKind.LEGACY_TLS10) {
                return k;
            }
        }
        return ClientKind.BROWSER_CHROME;
    }

    private static String address(String ip, int port) {
        return ip + " " + port;
    }
}
