package io.tlswatch.ingest.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.schemas.Json;
import java.time.Instant;
import java.util.List;

/**
 * One Telemetry Streaming system-poller document ({@code telemetryEventCategory: systemInfo}) as the TS Kafka
 * consumer writes it to {@code f5.logs}: one JSON object on one line (DESIGN §3, §4). The layout follows the TS
 * example output ({@code shared/data/f5/ts-system-poller-output.json}) cut to what tlswatch reads and a little
 * more: {@code system}, {@code virtualServers} keyed by full path with the flattened {@code clientside.*}
 * counters and {@code destination}, {@code clientSslProfiles} with their handshake counters, {@code sslCerts},
 * {@code telemetryServiceInfo}. Fields are written in a fixed order, so the same readings give the same bytes.
 * The one builder of poller documents: the simulator (and so the alert-quality run) and the end-to-end benchmark
 * use it.
 */
public final class PollerDocument {

    /**
     * One virtual server's readings at the poll; its full path is {@code /Common/<name>} and its client-ssl
     * profile {@code /Common/clientssl_<name>}.
     *
     * @param destination       {@code address:port}
     * @param totConns          cumulative client-side connections, failed or not
     * @param handshakeFailures cumulative failed handshakes of its client-ssl profile
     */
    public record VirtualServer(String name, String destination, long totConns, long curConns, long maxConns,
                                long handshakeFailures) {}

    /** A certificate of {@code sslCerts}. */
    public record Certificate(String name, String subject, String issuer, Instant expires) {}

    private PollerDocument() {}

    /** The document of {@code hostname}'s poll at {@code at}. */
    public static String json(String hostname, Instant at, int intervalSeconds, List<VirtualServer> servers,
            List<Certificate> certificates) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode system = doc.putObject("system");
        system.put("hostname", hostname);
        system.put("machineId", "6f1c7a2e-0b1d-4c55-9d61-3b0f6e1f0a42");
        system.put("version", "17.1.1.3");
        system.put("versionBuild", "0.0.5");
        system.put("marketingName", "BIG-IP Virtual Edition");
        system.put("platformId", "Z100");
        system.put("syncMode", "standalone");
        system.put("failoverStatus", "ACTIVE");
        system.put("systemTimestamp", at.toString());
        ObjectNode virtualServers = doc.putObject("virtualServers");
        ObjectNode profiles = doc.putObject("clientSslProfiles");
        for (VirtualServer v : servers) {
            String fullPath = "/Common/" + v.name();
            String profile = "/Common/clientssl_" + v.name();
            ObjectNode vs = virtualServers.putObject(fullPath);
            vs.put("clientside.bitsIn", v.totConns() * 41_216);
            vs.put("clientside.bitsOut", v.totConns() * 389_120);
            vs.put("clientside.curConns", v.curConns());
            vs.put("clientside.evictedConns", 0);
            vs.put("clientside.maxConns", v.maxConns());
            vs.put("clientside.pktsIn", v.totConns() * 11);
            vs.put("clientside.pktsOut", v.totConns() * 13);
            vs.put("clientside.slowKilled", 0);
            vs.put("clientside.totConns", v.totConns());
            vs.put("destination", v.destination());
            vs.put("availabilityState", "available");
            vs.put("enabledState", "enabled");
            vs.put("isAvailable", true);
            vs.put("isEnabled", true);
            vs.put("status.statusReason", "The virtual server is available");
            vs.put("mask", "255.255.255.255");
            vs.put("name", fullPath);
            vs.put("ipProtocol", "tcp");
            vs.put("tenant", "Common");
            vs.put("pool", "/Common/" + v.name() + "_pool");
            ObjectNode vsProfiles = vs.putObject("profiles");
            vsProfiles.putObject("/Common/tcp").put("name", "/Common/tcp").put("tenant", "Common");
            vsProfiles.putObject("/Common/http").put("name", "/Common/http").put("tenant", "Common");
            vsProfiles.putObject(profile).put("name", profile).put("tenant", "Common");
            ObjectNode ssl = profiles.putObject(profile);
            ssl.put("activeHandshakeRejected", 0);
            ssl.put("currentActiveHandshakes", Math.min(v.curConns(), 3));
            ssl.put("fatalAlerts", v.handshakeFailures());
            ssl.put("handshakeFailures", v.handshakeFailures());
            ssl.put("sniRejects", 0);
            ssl.put("totCompatConns", 0);
            ssl.put("totNativeConns", v.totConns() - v.handshakeFailures());
            ssl.put("name", profile);
            ssl.put("tenant", "Common");
            ssl.put("application", "");
        }
        if (!certificates.isEmpty()) {
            ObjectNode certs = doc.putObject("sslCerts");
            for (Certificate c : certificates) {
                certs.putObject(c.name()).put("name", c.name()).put("subject", c.subject()).put("issuer", c.issuer())
                        .put("expirationDate", c.expires().getEpochSecond())
                        .put("expirationString", c.expires().toString());
            }
        }
        ObjectNode info = doc.putObject("telemetryServiceInfo");
        info.put("pollingInterval", intervalSeconds);
        info.put("cycleStart", at.toString());
        info.put("cycleEnd", at.toString());
        doc.put("telemetryEventCategory", "systemInfo");
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
