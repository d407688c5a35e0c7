package io.tlswatch.processors.serve;

import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health} from the Streams state: live while the application is neither failed nor stopped (a rebalance
 * is live but not ready), ready while it runs every task.
 *
 * @param state the Streams state, {@code STARTING} before the application exists
 */
public record Health(String status, boolean live, boolean ready, String state) {
    public static Health of(KafkaStreams.State state) {
        if (state == null) {
            return new Health("DOWN", true, false, "STARTING");
        }
        boolean live = switch (state) {
            case CREATED, REBALANCING, RUNNING -> true;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
        };
        boolean ready = state == KafkaStreams.State.RUNNING;
        return new Health(ready ? "UP" : "DOWN", live, ready, state.name());
    }
}
