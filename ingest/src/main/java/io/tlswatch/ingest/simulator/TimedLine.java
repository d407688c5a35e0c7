package io.tlswatch.ingest.simulator;

/**
 * One simulated syslog line with the moment it was written. The line itself carries only whole seconds
 * (RFC 3164); {@code timestampMs} adds the millisecond, for use as the Kafka record timestamp.
 *
 * @param timestampMs epoch milliseconds, within the second printed in the line
 * @param line        the syslog line, without a trailing newline
 */
public record TimedLine(long timestampMs, String line) {
}
