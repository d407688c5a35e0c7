package io.tlswatch.processors.decode.wire;

import io.tlswatch.processors.decode.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Community ID v1 flow hash (corelight/community-id-spec): {@code "1:"} + base64(SHA-1(seed, ordered addresses,
 * protocol, pad, ordered ports)). The endpoint with the smaller address (then the smaller port) goes first,
 * so both directions of a flow get the same id.
 *
 * <pre>
 * uint16 seed; byte[4|16] src_ip; byte[4|16] dst_ip; uint8 proto; uint8 pad = 0; uint16 src_port; uint16 dst_port
 * </pre>
 *
 * Ports are hashed for TCP (6), UDP (17) and SCTP (132); other protocols hash without them. ICMP's
 * type/code mapping is not implemented (tlswatch sees TCP only).
 *
 * <p>An instance reuses its SHA-1 digest: <b>not thread-safe</b>.
 */
public final class CommunityId {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SCTP = 132;

    private final MessageDigest sha1 = Fingerprints.digest("SHA-1");
    private final int seed;

    public CommunityId() {
        this(0);
    }

    public CommunityId(int seed) {
        if (seed < 0 || seed > 0xffff) {
            throw new IllegalArgumentException("seed is a uint16: " + seed);
        }
        this.seed = seed;
    }

    public String of(InetAddress source, int sourcePort, InetAddress destination, int destinationPort, int protocol) {
        return of(source.getAddress(), sourcePort, destination.getAddress(), destinationPort, protocol);
    }

    /**
     * The id of a flow given as text ({@code 10.0.0.1}, {@code 2001:db8::1}; no route domain), {@code transport}
     * {@code tcp} or {@code udp}: the one form for packets and log lines. Null when an address is not an IP
     * literal or the two are of different families.
     */
    public String ofText(String source, int sourcePort, String destination, int destinationPort, String transport) {
        if (!IpAddresses.isAddress(source) || !IpAddresses.isAddress(destination)) {
            return null;
        }
        try {
            // literals only (checked above): no name lookup happens
            byte[] a = InetAddress.getByName(source).getAddress();
            byte[] b = InetAddress.getByName(destination).getAddress();
            if (a.length != b.length) {
                return null;
            }
            return of(a, sourcePort, b, destinationPort, "udp".equals(transport) ? UDP : TCP);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Addresses in network byte order, both 4 or both 16 bytes. */
    public String of(byte[] source, int sourcePort, byte[] destination, int destinationPort, int protocol) {
        if (source.length != destination.length || (source.length != 4 && source.length != 16)) {
            throw new IllegalArgumentException("addresses must both be IPv4 or both IPv6");
        }
        boolean ports = protocol == TCP || protocol == UDP || protocol == SCTP;
        int c = Arrays.compareUnsigned(source, destination);
        boolean ordered = c < 0 || (c == 0 && (!ports || sourcePort <= destinationPort));
        byte[] a = ordered ? source : destination;
        byte[] b = ordered ? destination : source;
        int pa = ordered ? sourcePort : destinationPort;
        int pb = ordered ? destinationPort : sourcePort;
        sha1.update((byte) (seed >> 8));
        sha1.update((byte) seed);
        sha1.update(a);
        sha1.update(b);
        sha1.update((byte) protocol);
        sha1.update((byte) 0);
        if (ports) {
            sha1.update((byte) (pa >> 8));
            sha1.update((byte) pa);
            sha1.update((byte) (pb >> 8));
            sha1.update((byte) pb);
        }
        return "1:" + Base64.getEncoder().encodeToString(sha1.digest());
    }
}
