package io.tlswatch.ingest.simulator;

/**
 * One failed handshake the simulation wrote, for checking what came out of the pipeline against what went in.
 *
 * @param atMs       when the BIG-IP logged it (epoch milliseconds)
 * @param observer   host name of the BIG-IP
 * @param vip        {@code address:port}
 * @param linesClass the class tlswatch gives it from its F5 lines alone (packets may refine it: a PROXY header is
 *                   {@code not_tls} in the lines, {@code proxy_protocol_mismatch} with packets)
 * @param source     {@code incident}, {@code steady}, {@code background} or {@code scanner}
 */
public record FailedHandshake(long atMs, String observer, String vip, String linesClass, String source) {}
