package io.tlswatch.app.notify;

import io.tlswatch.processors.TlswatchConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code notify.*} settings of {@code tlswatch notify}, validated before anything connects: every problem is
 * an {@link IllegalArgumentException} whose message starts with the key at fault.
 *
 * @param pagerDutyUrl       {@code notify.pagerduty.url}, default {@code https://events.pagerduty.com}
 * @param routingKeys        {@code notify.pagerduty.routing.<route>} (route {@code default} included); PagerDuty is
 *                           enabled when there is at least one
 * @param alertmanagerUrl    {@code notify.alertmanager.url}; null: Alertmanager disabled
 * @param resend             {@code notify.alertmanager.resend}: how often a firing alert is re-sent (default 1m)
 * @param generatorUrl       {@code notify.alertmanager.generator.url}: Alertmanager's {@code generatorURL}, or null
 * @param groupId            {@code notify.group.id}, default {@code tlswatch-notify}
 * @param retryInitial       {@code notify.retry.initial}: first retry delay (default 1s)
 * @param retryMax           {@code notify.retry.max}: longest retry delay (default 1m)
 * @param httpTimeout        {@code notify.http.timeout}: connect and response timeout per request (default 10s)
 * @param progressEvery      {@code notify.progress}: how often counters go to standard error (default 1m)
 */
public record NotifySettings(
        URI pagerDutyUrl,
        Map<String, String> routingKeys,
        URI alertmanagerUrl,
        Duration resend,
        URI generatorUrl,
        String groupId,
        Duration retryInitial,
        Duration retryMax,
        Duration httpTimeout,
        Duration progressEvery) {

    public static final String PREFIX = "notify.";
    public static final String ROUTING_PREFIX = "notify.pagerduty.routing.";
    public static final String DEFAULT_ROUTE = "default";
    public static final String DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com";

    public NotifySettings {
        routingKeys = Map.copyOf(routingKeys);
    }

    /** Reads and checks the settings; the message of any exception names the key. */
    public static NotifySettings from(TlswatchConfig config) {
        Map<String, String> routing = new TreeMap<>();
        config.asMap().forEach((key, value) -> {
            if (key.startsWith(ROUTING_PREFIX)) {
                String route = key.substring(ROUTING_PREFIX.length());
                if (route.isBlank()) {
                    throw new IllegalArgumentException(key + ": no route name after " + ROUTING_PREFIX);
                }
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException(key + ": empty routing key");
                }
                routing.put(route, value.strip());
            }
        });
        String am = config.get("notify.alertmanager.url");
        String generator = config.get("notify.alertmanager.generator.url");
        String group = config.get("notify.group.id", "tlswatch-notify").strip();
        Duration initial = positive(config, "notify.retry.initial", Duration.ofSeconds(1));
        Duration max = positive(config, "notify.retry.max", Duration.ofMinutes(1));
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("notify.retry.max: " + max + " is shorter than notify.retry.initial "
                    + initial);
        }
        return new NotifySettings(
                url(config, "notify.pagerduty.url", config.get("notify.pagerduty.url", DEFAULT_PAGERDUTY_URL)),
                routing,
                am == null || am.isBlank() ? null : url(config, "notify.alertmanager.url", am),
                positive(config, "notify.alertmanager.resend", Duration.ofMinutes(1)),
                generator == null || generator.isBlank() ? null : url(config, "notify.alertmanager.generator.url",
                        generator),
                group,
                initial,
                max,
                positive(config, "notify.http.timeout", Duration.ofSeconds(10)),
                positive(config, "notify.progress", Duration.ofMinutes(1)));
    }

    public boolean pagerDutyEnabled() {
        return !routingKeys.isEmpty();
    }

    public boolean alertmanagerEnabled() {
        return alertmanagerUrl != null;
    }

    /** An absolute http(s) URL with a host; a trailing slash is dropped so that paths append cleanly. */
    static URI url(TlswatchConfig config, String key, String text) {
        String v = text.strip();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ": not a URL: '" + text + "' (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(key + ": not an http or https URL: '" + text + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(key + ": URL without a host: '" + text + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(key + ": URL with a query or fragment: '" + text + "'");
        }
        return uri;
    }

    private static Duration positive(TlswatchConfig config, String key, Duration fallback) {
        Duration d = config.duration(key, fallback);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, got '" + config.get(key) + "'");
        }
        return d;
    }
}
