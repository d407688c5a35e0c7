package io.tlswatch.app.notify;

import java.io.PrintWriter;

/**
 * How one notifier runs.
 *
 * @param alertsTopic   the topic to read ({@code topics.alerts})
 * @param dlqTopic      where undeliverable records go ({@code topics.dlq})
 * @param dryRun        print the requests, send and commit nothing, stop at the end of the topic
 * @param fromBeginning ignore committed offsets: read (and deliver) the whole topic
 * @param out           dry-run lines
 * @param err           progress and counters
 */
public record NotifyOptions(String alertsTopic, String dlqTopic, boolean dryRun, boolean fromBeginning,
        PrintWriter out, PrintWriter err) {}
