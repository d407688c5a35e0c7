package io.tlswatch.processors.certs;

/**
 * The last reading of one client-ssl profile's counters and its alert, in the {@code profile-counters} store.
 *
 * @param connections    null when the poller gave no denominator
 * @param firing         whether its {@code handshake_failures} alert is open
 * @param firedAtMs      poll time of the FIRING event, 0 when not firing
 * @param peakFailures   the most failures in one interval while firing
 */
record ProfileCounterState(
        long timestampMs,
        long handshakeFailures,
        Long connections,
        boolean firing,
        long firedAtMs,
        long peakFailures) {}
