package io.tlswatch.app.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.schemas.Json;
import java.time.Instant;
import java.util.List;

/**
 * One Telemetry Streaming system-poller document ({@code telemetryEventCategory: systemInfo}) as the TS Kafka
 * consumer writes it to {@code f5.logs}: one JSON object on one line. The layout follows the TS example output
 * ({@code shared/data/f5/ts-system-poller-output.json}): {@code system}, {@code virtualServers} keyed by full
 * path with the flattened {@code clientside.*} counters and {@code destination}, {@code clientSslProfiles} with
 * their handshake counters, {@code telemetryServiceInfo}. Fields are written in a fixed order, so the same
 * readings give the same bytes.
 */
final class PollerDocument {
    /** TS's polling interval of the replay. */
    static final int INTERVAL_S = 60;

    /**
     * One VIP's readings at the poll.
     *
     * @param totConns          cumulative client-side connections, failed or not
     * @param handshakeFailures cumulative failed handshakes of its client-ssl profile
     */
    record Reading(ScenarioPlan.Vip vip, long totConns, long curConns, long handshakeFailures) {}

    private PollerDocument() {}

    static String json(String hostname, Instant at, List<Reading> readings) {
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
        for (Reading r : readings) {
            ScenarioPlan.Vip vip = r.vip();
            String profile = "/Common/clientssl_" + vip.name();
            ObjectNode vs = virtualServers.putObject(vip.fullPath());
            vs.put("clientside.bitsIn", r.totConns() * 41_216);
            vs.put("clientside.bitsOut", r.totConns() * 389_120);
            vs.put("clientside.curConns", r.curConns());
            vs.put("clientside.evictedConns", 0);
            vs.put("clientside.maxConns", Math.max(r.curConns(), vip.connsPerMinute() / 4));
            vs.put("clientside.pktsIn", r.totConns() * 11);
            vs.put("clientside.pktsOut", r.totConns() * 13);
            vs.put("clientside.slowKilled", 0);
            vs.put("clientside.totConns", r.totConns());
            vs.put("destination", vip.endpoint());
            vs.put("availabilityState", "available");
            vs.put("enabledState", "enabled");
            vs.put("isAvailable", true);
            vs.put("isEnabled", true);
            vs.put("status.statusReason", "The virtual server is available");
            vs.put("mask", "255.255.255.255");
            vs.put("name", vip.fullPath());
            vs.put("ipProtocol", "tcp");
            vs.put("tenant", "Common");
            vs.put("pool", "/Common/" + vip.name() + "_pool");
            ObjectNode vsProfiles = vs.putObject("profiles");
            vsProfiles.putObject("/Common/tcp").put("name", "/Common/tcp").put("tenant", "Common");
            vsProfiles.putObject("/Common/http").put("name", "/Common/http").put("tenant", "Common");
            vsProfiles.putObject(profile).put("name", profile).put("tenant", "Common");
            ObjectNode ssl = profiles.putObject(profile);
            ssl.put("activeHandshakeRejected", 0);
            ssl.put("currentActiveHandshakes", Math.min(r.curConns(), 3));
            ssl.put("fatalAlerts", r.handshakeFailures());
            ssl.put("handshakeFailures", r.handshakeFailures());
            ssl.put("sniRejects", 0);
            ssl.put("totCompatConns", 0);
            ssl.put("totNativeConns", r.totConns() - r.handshakeFailures());
            ssl.put("name", profile);
            ssl.put("tenant", "Common");
            ssl.put("application", "");
        }
        ObjectNode info = doc.putObject("telemetryServiceInfo");
        info.put("pollingInterval", INTERVAL_S);
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
