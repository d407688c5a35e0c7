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
 * @param inhibited   true for a VIP's alert that a storm parent covers (DESIGN §9): written for the record,
 *                    never delivered; null otherwise
 * @param parentKey   the dedup key of the storm parent ({@code tlswatch/<observer>/ * /<class>}) that covers an
 *                    inhibited alert; null otherwise
 */
public record AlertEvent(
        String dedupKey,
        String eventAction,
        String status,
        String startsAt,
        String endsAt,
        Payload payload,
        Map<String, String> labels,
        Map<String, String> annotations,
        Boolean inhibited,
        String parentKey) {

    /** An alert no storm parent covers. */
    public AlertEvent(String dedupKey, String eventAction, String status, String startsAt, String endsAt,
            Payload payload, Map<String, String> labels, Map<String, String> annotations) {
        this(dedupKey, eventAction, status, startsAt, endsAt, payload, labels, annotations, null, null);
    }

    /** Whether a notifier must deliver this event: every event except those of an inhibited child. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean delivered() {
        return !Boolean.TRUE.equals(inhibited);
    }

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
