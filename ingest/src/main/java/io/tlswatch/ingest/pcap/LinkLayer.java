package io.tlswatch.ingest.pcap;

/**
 * Finds the IP packet inside a frame by link type (tcpdump.org link-layer header types). Reused per packet.
 */
final class LinkLayer {
    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    /** DLT_RAW on most systems (LINKTYPE_RAW is 101). */
    static final int DLT_RAW_12 = 12;
    static final int DLT_RAW_14 = 14;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** VLAN tags followed at most (QinQ and a little more). */
    static final int MAX_VLAN_TAGS = 4;

    enum Result { IP, NOT_IP, UNSUPPORTED, TRUNCATED }

    /** Offset of the IP header in the frame. */
    int offset;
    /** 4 or 6. */
    int ipVersion;
    /** True for Ethernet, where bytes after the IP datagram may be a BIG-IP trailer. */
    boolean ethernet;

    Result decode(byte[] data, int length, int linkType) {
        ethernet = false;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                ethernet = true;
                if (length < 14) {
                    return Result.TRUNCATED;
                }
                return etherType(data, length, 12);
            }
            case LINKTYPE_LINUX_SLL -> {
                // packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
                if (length < 16) {
                    return Result.TRUNCATED;
                }
                return etherType(data, length, 14);
            }
            case LINKTYPE_LINUX_SLL2 -> {
                // protocol(2) reserved(2) interface index(4) ARPHRD(2) packet type(1) address length(1) address(8)
                if (length < 20) {
                    return Result.TRUNCATED;
                }
                int protocol = Bytes.u16be(data, 0);
                return ipFor(protocol, 20, length, data);
            }
            case LINKTYPE_RAW, DLT_RAW_12, DLT_RAW_14 -> {
                return rawIp(data, length, 0);
            }
            case LINKTYPE_IPV4 -> {
                offset = 0;
                ipVersion = 4;
                return Result.IP;
            }
            case LINKTYPE_IPV6 -> {
                offset = 0;
                ipVersion = 6;
                return Result.IP;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                // a 4-byte address family: host byte order of the capturing machine for NULL, network order for
                // LOOP. AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24, 28 or 30 (the BSDs, macOS).
                if (length < 4) {
                    return Result.TRUNCATED;
                }
                int family = Bytes.u32be(data, 0);
                if (linkType == LINKTYPE_NULL && (family & 0xffff) == 0) {
                    family = Integer.reverseBytes(family);
                }
                return switch (family) {
                    case 2 -> ip(4, 4);
                    case 10, 24, 28, 30 -> ip(6, 4);
                    default -> Result.NOT_IP;
                };
            }
            default -> {
                return Result.UNSUPPORTED;
            }
        }
    }

    /** An EtherType at {@code at}, after any number of 802.1Q / 802.1ad tags (4 bytes each). */
    private Result etherType(byte[] data, int length, int at) {
        int p = at;
        int type = Bytes.u16be(data, p);
        for (int tags = 0; type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD; tags++) {
            if (tags == MAX_VLAN_TAGS) {
                return Result.NOT_IP;
            }
            p += 4;
            if (p + 2 > length) {
                return Result.TRUNCATED;
            }
            type = Bytes.u16be(data, p);
        }
        return ipFor(type, p + 2, length, data);
    }

    private Result ipFor(int etherType, int at, int length, byte[] data) {
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> ip(4, at);
            case ETHERTYPE_IPV6 -> ip(6, at);
            default -> Result.NOT_IP;
        };
    }

    private Result rawIp(byte[] data, int length, int at) {
        if (length <= at) {
            return Result.TRUNCATED;
        }
        int version = (data[at] & 0xf0) >>> 4;
        return version == 4 || version == 6 ? ip(version, at) : Result.NOT_IP;
    }

    private Result ip(int version, int at) {
        ipVersion = version;
        offset = at;
        return Result.IP;
    }
}
