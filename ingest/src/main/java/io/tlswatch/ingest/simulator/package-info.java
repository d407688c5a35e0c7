/**
 * A deterministic fleet of simulated F5 BIG-IP systems that writes realistic syslog lines: healthy noise,
 * ordinary sporadic SSL failures, and scripted {@link io.tlswatch.ingest.simulator.Incident incidents}.
 * Used by {@code tlswatch demo} and by tests that need a known, repeatable input (DESIGN §4 formats).
 */
package io.tlswatch.ingest.simulator;
