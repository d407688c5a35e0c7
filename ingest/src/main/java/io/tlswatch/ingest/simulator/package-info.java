/**
 * A deterministic fleet of simulated F5 BIG-IP systems: realistic syslog lines, Telemetry Streaming poller
 * documents and packet summaries (DESIGN §4, §5), healthy traffic from client populations with real ClientHello
 * shapes ({@link io.tlswatch.ingest.simulator.wire}), and scripted {@link io.tlswatch.ingest.simulator.Incident
 * incidents} with their {@link io.tlswatch.ingest.simulator.GroundTruth ground truth}. Scenario files
 * ({@link io.tlswatch.ingest.simulator.scenario}) describe a simulation. Used by {@code tlswatch simulate},
 * {@code tlswatch demo}, the benchmarks and tests that need a known, repeatable input.
 */
package io.tlswatch.ingest.simulator;
