package io.tlswatch.ingest.simulator.wire;

/**
 * What one side sends at once, as a capture point sees it.
 *
 * @param fromClient true for client → server
 * @param atMs       milliseconds after the connection's SYN
 * @param bytes      the payload (empty when the side only closes)
 * @param fin        the side closes after it
 * @param rst        the side resets after it
 */
public record Flight(boolean fromClient, int atMs, byte[] bytes, boolean fin, boolean rst) {}
