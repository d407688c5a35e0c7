package io.tlswatch.benchmarks.endtoend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.ingest.simulator.Vip;
import io.tlswatch.schemas.Json;
import java.time.Instant;
import java.util.List;

/**
 * Telemetry Streaming system-poller documents ({@code telemetryEventCategory: systemInfo}), one JSON object per
 * BIG-IP and poll, as the TS Kafka consumer writes them to {@code f5.logs} (DESIGN §3, §4): the layout of
 * {@code shared/data/f5/ts-system-poller-output.json} cut to what tlswatch reads (virtual servers with their
 * {@code clientside.totConns} and profiles, client-ssl profile counters, two certificates).
 */
final class PollerDocs {
    /** TS's default polling interval. */
    static final int INTERVAL_S = 60;
    /** Connections per second each VIP accepts, failed or not: the attempts the poller counts. */
    static final int CONNECTIONS_PER_VIP_PER_SECOND = 40;

    private PollerDocs() {}

    /** The poll of {@code hostname} (whose VIPs are {@code vips}) at {@code atMs}. */
    static byte[] document(String hostname, List<Vip> vips, long atMs) {
        Instant at = Instant.ofEpochMilli(atMs);
        // cumulative counters that grow with time, so consecutive polls give steady deltas
        long totConns = atMs / 1_000 * CONNECTIONS_PER_VIP_PER_SECOND;
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode system = doc.putObject("system");
        system.put("hostname", hostname);
        system.put("version", "17.1.1.3");
        system.put("marketingName", "BIG-IP Virtual Edition");
        system.put("failoverStatus", "ACTIVE");
        system.put("systemTimestamp", at.toString());
        ObjectNode virtualServers = doc.putObject("virtualServers");
        ObjectNode profiles = doc.putObject("clientSslProfiles");
        for (Vip vip : vips) {
            String name = "vs_" + vip.address().replace('.', '_') + "_" + vip.port();
            String profile = "/Common/clientssl_" + name;
            ObjectNode vs = virtualServers.putObject("/Common/" + name);
            vs.put("clientside.bitsIn", totConns * 41_216);
            vs.put("clientside.bitsOut", totConns * 389_120);
            vs.put("clientside.curConns", 25);
            vs.put("clientside.maxConns", 400);
            vs.put("clientside.totConns", totConns);
            vs.put("destination", vip.hostPort());
            vs.put("availabilityState", "available");
            vs.put("enabledState", "enabled");
            vs.put("name", "/Common/" + name);
            vs.put("ipProtocol", "tcp");
            vs.put("tenant", "Common");
            vs.put("pool", "/Common/" + name + "_pool");
            ObjectNode vsProfiles = vs.putObject("profiles");
            vsProfiles.putObject("/Common/tcp").put("name", "/Common/tcp").put("tenant", "Common");
            vsProfiles.putObject(profile).put("name", profile).put("tenant", "Common");
            ObjectNode ssl = profiles.putObject(profile);
            ssl.put("currentActiveHandshakes", 3);
            ssl.put("fatalAlerts", totConns / 200);
            ssl.put("handshakeFailures", totConns / 200);
            ssl.put("sniRejects", 0);
            ssl.put("totCompatConns", 0);
            ssl.put("totNativeConns", totConns - totConns / 200);
            ssl.put("name", profile);
            ssl.put("tenant", "Common");
        }
        ObjectNode certs = doc.putObject("sslCerts");
        certificate(certs, "default.crt", "CN=" + hostname, at.plusSeconds(400L * 86_400));
        certificate(certs, "www.example.net.crt", "CN=www.example.net", at.plusSeconds(200L * 86_400));
        ObjectNode info = doc.putObject("telemetryServiceInfo");
        info.put("pollingInterval", INTERVAL_S);
        info.put("cycleStart", at.toString());
        info.put("cycleEnd", at.toString());
        doc.put("telemetryEventCategory", "systemInfo");
        try {
            return Json.MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static void certificate(ObjectNode certs, String name, String subject, Instant expires) {
        certs.putObject(name)
                .put("name", name)
                .put("subject", subject)
                .put("issuer", "CN=Example Issuing CA,O=Example")
                .put("expirationDate", expires.getEpochSecond())
                .put("expirationString", expires.toString());
    }
}
