package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PagerDuty Events API v2: {@code POST {url}/v2/enqueue}. The routing key comes from the alert's paging route:
 * {@code pagerduty:<name>} uses {@code notify.pagerduty.routing.<name>}; no route, another system's route or a
 * name without a key uses {@code notify.pagerduty.routing.default}; without that the event is skipped.
 */
public final class PagerDutySender implements Target {
    public static final String NAME = "pagerduty";
    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final URI enqueue;
    private final Map<String, String> routingKeys;

    public PagerDutySender(URI baseUrl, Map<String, String> routingKeys) {
        this.enqueue = URI.create(baseUrl + "/v2/enqueue");
        this.routingKeys = Map.copyOf(routingKeys);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The routing key for an event, if any is configured for it. */
    Optional<String> routingKey(AlertEvent event) {
        Optional<String> named = PagingRoute.of(event)
                .flatMap(r -> r.nameFor(PagingRoute.PAGERDUTY))
                .map(routingKeys::get);
        return named.or(() -> Optional.ofNullable(routingKeys.get(NotifySettings.DEFAULT_ROUTE)));
    }

    @Override
    public Plan plan(AlertEvent event, Instant now) {
        Optional<String> key = routingKey(event);
        if (key.isEmpty()) {
            return new Plan.Skip("no_routing_key", "no notify.pagerduty.routing." + PagingRoute.of(event)
                    .flatMap(r -> r.nameFor(PagingRoute.PAGERDUTY)).map(n -> n + " nor .").orElse("")
                    + NotifySettings.DEFAULT_ROUTE + " for " + event.dedupKey());
        }
        boolean resolve = AlertStatus.of(event) == AlertStatus.RESOLVED;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", key.get());
        body.put("event_action", resolve ? "resolve" : "trigger");
        body.put("dedup_key", event.dedupKey());
        if (!resolve) {
            body.put("payload", payload(event, now));
        }
        return new Plan.Send(new OutboundRequest(NAME, enqueue, Json.write(body)));
    }

    private static Map<String, Object> payload(AlertEvent event, Instant now) {
        AlertEvent.Payload p = event.payload();
        Map<String, String> labels = event.labels() == null ? Map.of() : event.labels();
        Map<String, Object> out = new LinkedHashMap<>();
        String summary = p.summary() == null || p.summary().isBlank() ? event.dedupKey() : p.summary();
        out.put("summary", summary.length() > AlertEvent.MAX_SUMMARY
                ? summary.substring(0, AlertEvent.MAX_SUMMARY) : summary);
        out.put("severity", severity(p.severity()));
        out.put("source", firstSet(p.source(), labels.get("observer"), "tlswatch"));
        out.put("component", p.component());
        out.put("group", p.group());
        out.put("class", p.className());
        out.put("timestamp", firstSet(p.timestamp(), event.startsAt(), now.toString()));
        out.put("custom_details", p.customDetails());
        return out;
    }

    /** PagerDuty refuses any severity but its four: an unknown one pages as {@code error} rather than not at all. */
    static String severity(String given) {
        String s = given == null ? "" : given.strip().toLowerCase(Locale.ROOT);
        return SEVERITIES.contains(s) ? s : "error";
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
