/**
 * Scenario files (YAML) of the simulator: the fleet, its traffic and incidents with start and end, checked with one
 * line per problem ({@code file:line: ...}). The format is described in {@code config/scenarios/README.md}.
 */
package io.tlswatch.ingest.simulator.scenario;
