package io.tlswatch.ingest.simulator;

import java.util.Objects;

/**
 * One client probing every VIP of a BIG-IP with junk (plain text, SSLv2 hellos, malformed hellos) in a random
 * order, one VIP after the other, 1 to {@code maxPerVip} connections each, its source ports counting up. Each probe
 * is a failed handshake the BIG-IP logs; none is an incident: tlswatch must page nothing for it (DESIGN §9's
 * scanner rule).
 *
 * @param observer  host name of the BIG-IP whose VIPs it sweeps
 * @param client    the scanner's IPv4 address
 * @param startMs   first millisecond of the sweep, inclusive
 * @param endMs     end of the sweep, exclusive; after {@code startMs}
 * @param maxPerVip most probes per VIP, 1..100
 */
public record ScannerSweep(String observer, String client, long startMs, long endMs, int maxPerVip) {

    /** Checks the arguments. */
    public ScannerSweep {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(client, "client");
        if (client.isBlank() || client.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("client must be one address: '" + client + "'");
        }
        if (endMs <= startMs) {
            throw new IllegalArgumentException("endMs " + endMs + " must be after startMs " + startMs);
        }
        if (maxPerVip < 1 || maxPerVip > 100) {
            throw new IllegalArgumentException("maxPerVip must be 1..100: " + maxPerVip);
        }
    }
}
