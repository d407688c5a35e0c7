package io.tlswatch.app.notify;

import java.net.URI;

/**
 * One HTTP request a target would make for an alert event.
 *
 * @param target the target's name ({@code pagerduty}, {@code alertmanager})
 * @param uri    where to POST
 * @param body   the JSON body
 */
public record OutboundRequest(String target, URI uri, String body) {
    public static final String METHOD = "POST";

    /** The {@code --dry-run} line: target, method, URL, body. */
    public String dryRunLine() {
        return target + " " + METHOD + " " + uri + " " + body;
    }
}
