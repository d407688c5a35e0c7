/**
 * The bytes of simulated TLS connections: ClientHellos of real client families ({@link
 * io.tlswatch.ingest.simulator.wire.ClientKind}), the BIG-IP's flights for each way a handshake ends ({@link
 * io.tlswatch.ingest.simulator.wire.HandshakeScript}), and DER certificates. Written from the RFCs, never parsed here:
 * the decoders of {@code processors} read them in tests.
 */
package io.tlswatch.ingest.simulator.wire;
