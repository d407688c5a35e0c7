package io.tlswatch.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * An alert lifecycle event on {@code tlswatch.alerts}: PagerDuty Events v2 fields ({@code dedup_key},
 * {@code event_action}, {@code payload}) plus Alertmanager-style labels and annotations.
 *
 * @param dedupKey    stable {@code tlswatch/<observer>/<vip>/<class>}
 * @param eventAction {@code trigger} or {@code resolve} (PagerDuty)
 * @param status      {@code FIRING}, {@code UPDATE} or {@code RESOLVED}
 * @param startsAt    when the alert first fired, ISO-8601
 * @param endsAt      when it resolved, ISO-8601; null while firing
 */
public record AlertEvent(
        String dedupKey,
        String eventAction,
        String status,
        String startsAt,
        String endsAt,
        Payload payload,
        Map<String, String> labels,
        Map<String, String> annotations) {

    /**
     * PagerDuty's payload; {@code summary} at most 1024 characters. {@code className} is PagerDuty's
     * {@code class} field (a Java keyword, hence the explicit JSON name).
     */
    public record Payload(
            String summary,
            String severity,
            String source,
            String component,
            String group,
            @JsonProperty("class") String className,
            String timestamp,
            Map<String, Object> customDetails) {}

    public static final int MAX_SUMMARY = 1024;
}
