package io.tlswatch.processors.decode.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.schemas.ProfileTrafficSample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The client-ssl profile counters of one system-poller document: {@code clientSslProfiles}, a map keyed by the
 * profile's full path whose entries TS flattens from {@code /mgmt/tm/ltm/profile/client-ssl/stats}:
 *
 * <pre>
 * "/Example_Tenant/A1/webtls": {
 *     "activeHandshakeRejected": 0, "currentActiveHandshakes": 0,   // gauges
 *     "fatalAlerts": 0, "handshakeFailures": 0, "sniRejects": 0,    // counters since the last reset
 *     "totCompatConns": 100, "totNativeConns": 100,                  // connections, compatible and native stack
 *     "name": "/Example_Tenant/A1/webtls", "tenant": "Example_Tenant", "application": "A1", ...
 * }
 * </pre>
 *
 * A reading needs {@code handshakeFailures}; the denominator is {@code totNativeConns + totCompatConns} (the
 * connections the profile handled; the gauges are not counts of attempts), absent when either one the poller
 * sends is not a counter, or when it sends neither.
 *
 * <p>Stateless; never throws; at most {@link TelemetryDecoder#MAX_CLIENT_SSL_PROFILES} entries examined.
 */
final class ProfileCounterEntries {
    private ProfileCounterEntries() {}

    /**
     * @param profiles    the document's {@code clientSslProfiles}, or null
     * @param timestampMs the poll time; negative when unknown (then nothing: a counter without a time cannot
     *                    be differenced)
     */
    static List<ProfileTrafficSample> read(JsonNode profiles, String observer, long timestampMs) {
        if (profiles == null || !profiles.isObject() || timestampMs < 0) {
            return List.of();
        }
        List<ProfileTrafficSample> out = new ArrayList<>();
        int seen = 0;
        Iterator<Map.Entry<String, JsonNode>> it = profiles.properties().iterator();
        while (it.hasNext() && seen++ < TelemetryDecoder.MAX_CLIENT_SSL_PROFILES) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (!p.isObject()) {
                continue;
            }
            String name = TelemetryDecoder.name(e.getKey());
            if (name == null) {
                JsonNode inner = p.get("name");
                name = TelemetryDecoder.name(inner != null && inner.isTextual() ? inner.textValue() : null);
            }
            long failures = TelemetryDecoder.counter(p.get("handshakeFailures"));
            if (name == null || failures < 0) {
                continue;
            }
            out.add(new ProfileTrafficSample(observer, name, timestampMs, failures, optional(p.get("fatalAlerts")),
                    optional(p.get("sniRejects")), connections(p)));
        }
        return List.copyOf(out);
    }

    private static Long optional(JsonNode node) {
        long v = TelemetryDecoder.counter(node);
        return v >= 0 ? v : null;
    }

    private static Long connections(JsonNode p) {
        JsonNode nativeConns = p.get("totNativeConns");
        JsonNode compatConns = p.get("totCompatConns");
        if (nativeConns == null && compatConns == null) {
            return null;
        }
        long n = nativeConns == null ? 0 : TelemetryDecoder.counter(nativeConns);
        long c = compatConns == null ? 0 : TelemetryDecoder.counter(compatConns);
        if (n < 0 || c < 0 || n > Long.MAX_VALUE - c) {
            return null; // half a denominator would inflate the ratio
        }
        return n + c;
    }
}
