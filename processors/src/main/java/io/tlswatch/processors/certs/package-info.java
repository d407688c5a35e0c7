/**
 * Certificate expiry and client-ssl profile failures, from the Telemetry Streaming system poller (DESIGN §9):
 * warnings before a certificate breaks (horizons, default 30/7/1 days) and, for BIG-IPs that send no
 * per-connection failure logs, alerts from the profiles' {@code handshakeFailures} counters.
 */
package io.tlswatch.processors.certs;
