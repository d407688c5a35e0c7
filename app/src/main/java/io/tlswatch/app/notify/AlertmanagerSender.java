package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager API v2: {@code POST {url}/api/v2/alerts} with a one-element array. Alertmanager resolves an alert
 * whose {@code endsAt} has passed, so a firing alert carries {@code endsAt} = now + 4 × the resend interval and
 * is re-sent every interval ({@link #resend}); a RESOLVED one carries its resolve time.
 */
public final class AlertmanagerSender implements Target {
    public static final String NAME = "alertmanager";
    /** A firing alert's {@code endsAt} lies this many resend intervals ahead: three re-sends may fail. */
    static final int ENDS_AT_INTERVALS = 4;

    private final URI alerts;
    private final Duration resend;
    private final URI generatorUrl;

    /** @param generatorUrl the {@code generatorURL} of every alert, or null for none */
    public AlertmanagerSender(URI baseUrl, Duration resend, URI generatorUrl) {
        this.alerts = URI.create(baseUrl + "/api/v2/alerts");
        this.resend = resend;
        this.generatorUrl = generatorUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** How often a firing alert is sent again. */
    public Duration resend() {
        return resend;
    }

    @Override
    public Plan plan(AlertEvent event, Instant now) {
        return new Plan.Send(new OutboundRequest(NAME, alerts, Json.write(List.of(alert(event, now)))));
    }

    Map<String, Object> alert(AlertEvent event, Instant now) {
        AlertEvent.Payload p = event.payload();
        Map<String, String> labels = new TreeMap<>();
        if (event.labels() != null) {
            event.labels().forEach((k, v) -> {
                if (k != null && v != null) {
                    labels.put(k, v);
                }
            });
        }
        if (labels.isEmpty()) {
            // an alert's identity in Alertmanager is its label set: never let two alerts share an empty one
            labels.put("alertname", "tlswatch");
            labels.put("dedup_key", event.dedupKey());
        }
        if (p != null && p.severity() != null) {
            labels.put("severity", p.severity());
        }
        PagingRoute.of(event).flatMap(r -> r.nameFor(PagingRoute.ALERTMANAGER))
                .ifPresent(route -> labels.put("route", route));
        Map<String, String> annotations = new TreeMap<>();
        if (event.annotations() != null) {
            event.annotations().forEach((k, v) -> {
                if (k != null && v != null) {
                    annotations.put(k, v);
                }
            });
        }
        if (p != null && p.summary() != null) {
            annotations.putIfAbsent("summary", p.summary());
        }
        annotations.put("dedup_key", event.dedupKey());

        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", event.startsAt() != null ? event.startsAt()
                : p != null && p.timestamp() != null ? p.timestamp() : now.toString());
        alert.put("endsAt", AlertStatus.of(event).firing() ? now.plus(resend.multipliedBy(ENDS_AT_INTERVALS)).toString()
                : resolvedAt(event, now));
        if (generatorUrl != null) {
            alert.put("generatorURL", generatorUrl.toString());
        }
        return alert;
    }

    /** The resolve time: {@code ends_at}, else the payload's timestamp, else now. */
    private static String resolvedAt(AlertEvent event, Instant now) {
        if (event.endsAt() != null) {
            return event.endsAt();
        }
        return event.payload() != null && event.payload().timestamp() != null ? event.payload().timestamp()
                : now.toString();
    }
}
