package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import java.util.Locale;
import java.util.Optional;

/**
 * The inventory's paging route of an alert ({@code payload.custom_details.paging_route}), such as
 * {@code pagerduty:web-shop} or {@code alertmanager:api}: a system and a name.
 */
public record PagingRoute(String system, String name) {
    public static final String PAGERDUTY = "pagerduty";
    public static final String ALERTMANAGER = "alertmanager";

    /** The route of an event, when it has one of the form {@code system:name}. */
    public static Optional<PagingRoute> of(AlertEvent event) {
        if (event.payload() == null || event.payload().customDetails() == null) {
            return Optional.empty();
        }
        Object value = event.payload().customDetails().get("paging_route");
        return value instanceof String s ? parse(s) : Optional.empty();
    }

    static Optional<PagingRoute> parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String name = text.substring(colon + 1).strip();
        return name.isEmpty() ? Optional.empty()
                : Optional.of(new PagingRoute(text.substring(0, colon).strip().toLowerCase(Locale.ROOT), name));
    }

    /** The name when this route is for {@code system}. */
    public Optional<String> nameFor(String wanted) {
        return system.equals(wanted) ? Optional.of(name) : Optional.empty();
    }
}
