package io.tlswatch.ingest.pcap;

/**
 * The BIG-IP Ethernet trailer ("noise") that {@code tcpdump -i <vlan>:n|nn|nnn} on a BIG-IP appends to each
 * frame after the IP datagram. Layout learned from the public Wireshark {@code f5ethtrailer} dissector
 * documentation and source (F5 Networks, GPL; nothing copied) — not from an F5 specification:
 *
 * <pre>
 * Legacy (TMOS 9.4 - 13.x), a chain of entries:
 *   type(1: 1 low, 2 medium, 3 high) length(1: entry size - 2) version(1) value
 *   low  v0 size 22:  ingress(1) slot(1) tmm(1) vip_name(16, NUL padded)
 *   low  v0 size 35:  ingress(1) slot(1) tmm(1) flow_id(4) peer_id(4) flags(4) flow_type(1) vip_name(16)
 *   low  v1 size 7+n: ingress(1) slot(1) tmm(1) vip_name_length(1) vip_name(n)
 *   med  v0 size 21:  flow_id(4) peer_id(4) ...        (TMOS 10)
 *   med  v0 size 29, v1..v3: flow_id(8) peer_id(8) ...
 * DPT (TMOS 14+):
 *   magic(4: F5 DE B0 F5) length(2: whole DPT block) version(2: 1)
 *   then TLVs: provider(2: 1 noise) type(2: 1 low, 2 medium, 3 high) length(2: TLV size) version(2) value
 *   low  v2: ingress(1) slot(1) tmm(1) vip_name_length(1) vip_name(n)
 *   med  v4: flow_id(8) peer_id(8) flags(4) flags(4) flow_type(1) ...
 * </pre>
 *
 * The trailer may follow Ethernet padding or an FCS, so the start is searched byte by byte as Wireshark does,
 * within {@link #MAX_SEARCH} bytes. High noise (peer addresses) is recognised and skipped.
 *
 * @param vipName    the virtual server name (e.g. {@code /Common/vs_https}), null when absent
 * @param flowId     this side's flow id, null when the trailer has no medium noise
 * @param peerFlowId the peer flow's id (the other side of the proxy), null when absent or zero
 * @param ingress    true for a frame entering the BIG-IP, null when unknown
 */
public record F5Trailer(String vipName, Long flowId, Long peerFlowId, Boolean ingress) {

    static final int DPT_MAGIC = 0xf5deb0f5;
    static final int DPT_HEADER = 8;
    static final int DPT_TLV_HEADER = 8;
    static final int DPT_PROVIDER_NOISE = 1;
    static final int TYPE_LOW = 1;
    static final int TYPE_MEDIUM = 2;
    static final int TYPE_HIGH = 3;
    /** Legacy entry sizes that make sense (Wireshark's sanity range). */
    static final int LEGACY_MIN = 7;
    static final int LEGACY_MAX = 140;
    static final int LEGACY_MAX_VERSION = 3;
    /** Bytes after the IP datagram searched for a trailer start (padding + FCS fit well within it). */
    static final int MAX_SEARCH = 64;
    /** Longest trailer region read. */
    static final int MAX_TRAILER = 1024;
    private static final int VIP_FIXED = 16;

    /**
     * Reads a trailer from {@code data[from, to)}, the frame bytes after the IP datagram.
     *
     * @return the trailer, or null when none is recognised
     */
    static F5Trailer parse(byte[] data, int from, int to) {
        int end = Math.min(to, from + MAX_TRAILER);
        Builder found = new Builder();
        int p = from;
        while (p + 4 < end && (found.any || p - from <= MAX_SEARCH)) {
            int used = dpt(data, p, end, found);
            if (used == 0) {
                used = legacy(data, p, end, found);
            }
            if (used > 0) {
                p += used;
            } else if (found.any) {
                break; // the chain ended: the rest is not ours
            } else {
                p++;
            }
        }
        return found.any ? found.build() : null;
    }

    /** A DPT block at {@code p}: its length when valid, else 0. */
    private static int dpt(byte[] d, int p, int end, Builder found) {
        if (p + DPT_HEADER > end || Bytes.u32be(d, p) != DPT_MAGIC) {
            return 0;
        }
        int length = Bytes.u16be(d, p + 4);
        if (length < DPT_HEADER || p + length > end) {
            return 0;
        }
        found.any = true;
        int blockEnd = p + length;
        int t = p + DPT_HEADER;
        while (t + DPT_TLV_HEADER <= blockEnd) {
            int provider = Bytes.u16be(d, t);
            int type = Bytes.u16be(d, t + 2);
            int tlvLength = Bytes.u16be(d, t + 4);
            int version = Bytes.u16be(d, t + 6);
            if (tlvLength < DPT_TLV_HEADER || t + tlvLength > blockEnd) {
                break;
            }
            int v = t + DPT_TLV_HEADER;
            int vEnd = t + tlvLength;
            if (provider == DPT_PROVIDER_NOISE) {
                if (type == TYPE_LOW && version == 2 && v + 4 <= vEnd) {
                    found.ingress = d[v] != 0;
                    int nameLength = Bytes.u8(d, v + 3);
                    if (v + 4 + nameLength <= vEnd) {
                        found.vip(d, v + 4, nameLength);
                    }
                } else if (type == TYPE_MEDIUM && version == 4 && v + 16 <= vEnd) {
                    found.flows(Bytes.u64be(d, v), Bytes.u64be(d, v + 8));
                }
            }
            t = vEnd;
        }
        return length;
    }

    /** A legacy entry at {@code p}: its size when valid, else 0. */
    private static int legacy(byte[] d, int p, int end, Builder found) {
        if (p + 3 > end) {
            return 0;
        }
        int type = Bytes.u8(d, p);
        int size = Bytes.u8(d, p + 1) + 2;
        int version = Bytes.u8(d, p + 2);
        if (type < TYPE_LOW || type > TYPE_HIGH || size < LEGACY_MIN || size > LEGACY_MAX
                || version > LEGACY_MAX_VERSION || p + size > end) {
            return 0;
        }
        int v = p + 3;
        switch (type) {
            case TYPE_LOW -> {
                if (version == 0 && size == 22) {
                    found.ingress = d[v] != 0;
                    found.vip(d, v + 3, VIP_FIXED);
                } else if (version == 0 && size == 35) {
                    found.ingress = d[v] != 0;
                    found.flows(Bytes.u32be(d, v + 3) & 0xffff_ffffL, Bytes.u32be(d, v + 7) & 0xffff_ffffL);
                    found.vip(d, p + size - VIP_FIXED, VIP_FIXED);
                } else if (version == 1 && size == LEGACY_MIN + Bytes.u8(d, v + 3)) {
                    found.ingress = d[v] != 0;
                    found.vip(d, v + 4, size - LEGACY_MIN);
                } else {
                    return 0;
                }
            }
            case TYPE_MEDIUM -> {
                if (version == 0 && size == 21) {
                    found.flows(Bytes.u32be(d, v) & 0xffff_ffffL, Bytes.u32be(d, v + 4) & 0xffff_ffffL);
                } else if (version == 0 && size == 8) {
                    // TMOS 9.4 medium noise carries no flow ids (they are in low noise)
                } else if (size >= 3 + 16 && (version > 0 || size == 29)) {
                    found.flows(Bytes.u64be(d, v), Bytes.u64be(d, v + 8));
                } else {
                    return 0;
                }
            }
            default -> {
                if (version != 0 || size != 42) {
                    return 0;
                }
            }
        }
        found.any = true;
        return size;
    }

    /** Collects what the entries of one trailer say. */
    private static final class Builder {
        boolean any;
        String vipName;
        Long flowId;
        Long peerFlowId;
        Boolean ingress;

        void vip(byte[] d, int at, int length) {
            int n = 0;
            while (n < length && d[at + n] != 0) {
                n++;
            }
            if (n > 0) {
                StringBuilder name = new StringBuilder(n);
                for (int i = 0; i < n; i++) {
                    int c = d[at + i] & 0xff;
                    // ASCII per the dissector; anything else is kept visible, not trusted
                    name.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
                }
                vipName = name.toString();
            }
        }

        void flows(long flow, long peer) {
            flowId = flow;
            peerFlowId = peer == 0 ? null : peer;
        }

        F5Trailer build() {
            return new F5Trailer(vipName, flowId, peerFlowId, ingress);
        }
    }

    /** A flow id as the schema writes it: 16 lowercase hex digits. */
    static String hex(Long id) {
        if (id == null) {
            return null;
        }
        String h = Long.toHexString(id);
        return "0".repeat(16 - h.length()) + h;
    }
}
