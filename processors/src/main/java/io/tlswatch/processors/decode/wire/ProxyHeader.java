package io.tlswatch.processors.decode.wire;

/**
 * A PROXY protocol header in front of the stream (haproxy {@code proxy-protocol.txt}).
 *
 * @param version 1 (text) or 2 (binary)
 * @param local v2 {@code LOCAL} command (health checks): the addresses are absent
 * @param transport {@code TCP4}, {@code TCP6}, {@code UDP4}, {@code UDP6}, {@code UNIX} or {@code UNKNOWN}
 * @param sourceAddress null unless TCP/UDP over IPv4/IPv6
 * @param sourcePort -1 when absent
 * @param length header length in bytes
 */
public record ProxyHeader(int version, boolean local, String transport, String sourceAddress, int sourcePort,
        String destinationAddress, int destinationPort, int length) {}
