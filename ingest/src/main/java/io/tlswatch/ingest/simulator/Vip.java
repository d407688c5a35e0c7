package io.tlswatch.ingest.simulator;

/**
 * A virtual server of the simulated fleet.
 *
 * @param observer host name of the BIG-IP that owns it
 * @param address  IPv4 address
 * @param port     TCP port: 443, or 636 for the one LDAPS VIP of each host
 */
public record Vip(String observer, String address, int port) {

    /** {@code address:port}, as F5 prints the destination in {@code 01260013}. */
    public String hostPort() {
        return address + ":" + port;
    }
}
