package io.tlswatch.ingest.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What really happened in a simulation: one record per incident and VIP, written as JSON lines beside the
 * simulated records ({@code tlswatch simulate}). {@code vip} and {@code error_class} are what tlswatch should
 * alert on: the key of the expected alert is {@code tlswatch/<observer>/<vip>/<error_class>}.
 *
 * @param incident   the incident's name in the scenario
 * @param kind       its kind ({@code expired_certificate}...)
 * @param vip        {@code address:port}; {@code unknown} when the BIG-IP's lines name no VIP (TPS limit)
 * @param errorClass the class tlswatch gives the failures, from the evidence written (logs only, or logs and packets)
 * @param start      first instant of the failures (ISO-8601)
 * @param end        end of the failures, exclusive
 * @param group      the storm it belongs to (one change across many VIPs), or null
 * @param rate       mean failed handshakes per second (while failing, for a flapping incident)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroundTruth(String incident, String kind, String observer, String vip,
                          @JsonProperty("error_class") String errorClass, String start, String end, String group,
                          double rate) {

    /**
     * {@code tlswatch/<observer>/<vip>/<class>}: the dedup key of the alert this incident should fire (the BIG-IP by
     * the one name tlswatch keys it by, {@link ObserverName}).
     */
    public String alertKey() {
        return "tlswatch/" + ObserverName.of(observer) + "/" + vip + "/" + errorClass;
    }

    public long startMs() {
        return Instant.parse(start).toEpochMilli();
    }

    public long endMs() {
        return Instant.parse(end).toEpochMilli();
    }

    /** One JSON object, one line. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * The ground truth of every incident of {@code settings}, in their order. The phases of a flapping incident
     * (incidents of one name on one VIP) are one record, from the first phase's start to the last one's end.
     */
    public static List<GroundTruth> of(SimulatorSettings settings) {
        Map<String, GroundTruth> out = new LinkedHashMap<>();
        for (Incident i : settings.incidents()) {
            String key = i.label() + " " + i.observer() + " " + i.vip();
            GroundTruth earlier = out.get(key);
            if (earlier != null) {
                out.put(key, new GroundTruth(earlier.incident, earlier.kind, earlier.observer, earlier.vip,
                        earlier.errorClass, earlier.start, Instant.ofEpochMilli(Math.max(earlier.endMs(), i.endMs()))
                        .toString(), earlier.group, earlier.rate));
                continue;
            }
            out.put(key, new GroundTruth(i.label(),
                    i.group() != null ? IncidentKind.CA_BUNDLE_STORM : i.kind().wireName(),
                    i.observer(),
                    i.kind().namesConnection() ? i.vip() : "unknown", i.kind().errorClass(settings.packets()),
                    Instant.ofEpochMilli(i.startMs()).toString(), Instant.ofEpochMilli(i.endMs()).toString(), i.group(),
                    i.failuresPerSecond()));
        }
        return List.copyOf(out.values());
    }
}
