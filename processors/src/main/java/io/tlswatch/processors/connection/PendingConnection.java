package io.tlswatch.processors.connection;

import io.tlswatch.schemas.PacketSummary;
import java.util.List;

/**
 * The packet summaries of one open connection, waiting in the {@code pending-connections} store until the
 * connection is complete or quiet (see {@link PacketJoinProcessor}).
 *
 * @param summaries         the summaries kept, in arrival order (bounded by the join's limits)
 * @param heldBytes         characters of payload head (base64) held in {@code summaries}
 * @param dropped           summaries not kept because a limit was reached
 * @param clientClosed      a client-to-server summary closed its direction (fin, end of capture, idle, evicted)
 * @param serverClosed      the same for server-to-client
 * @param reset             a RST was seen: the connection is over
 * @param lastArrivedMs     wall-clock time the newest summary reached the processor
 * @param recordTimestampMs newest Kafka record timestamp (when the summaries entered Kafka): times the outcome
 */
public record PendingConnection(
        List<PacketSummary> summaries,
        long heldBytes,
        int dropped,
        boolean clientClosed,
        boolean serverClosed,
        boolean reset,
        long lastArrivedMs,
        long recordTimestampMs) {

    /** Both directions closed, or reset: nothing more will come. */
    public boolean complete() {
        return reset || (clientClosed && serverClosed);
    }
}
