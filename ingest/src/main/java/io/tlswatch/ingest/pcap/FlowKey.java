package io.tlswatch.ingest.pcap;

/**
 * A connection's two endpoints in a canonical order, so both directions find the same entry. IPv4 addresses are
 * held IPv4-mapped ({@code ::ffff:a.b.c.d}). One instance is reused as the lookup probe; stored keys are copies.
 */
final class FlowKey {
    private long high1;
    private long low1;
    private long high2;
    private long low2;
    private int port1;
    private int port2;
    private int hash;

    void set(byte[] source, byte[] destination, int addressLength, int sourcePort, int destinationPort) {
        long sh;
        long sl;
        long dh;
        long dl;
        if (addressLength == 4) {
            sh = 0;
            sl = 0xffff_0000_0000L | (Bytes.u32be(source, 0) & 0xffff_ffffL);
            dh = 0;
            dl = 0xffff_0000_0000L | (Bytes.u32be(destination, 0) & 0xffff_ffffL);
        } else {
            sh = Bytes.u64be(source, 0);
            sl = Bytes.u64be(source, 8);
            dh = Bytes.u64be(destination, 0);
            dl = Bytes.u64be(destination, 8);
        }
        int order = Long.compareUnsigned(sh, dh);
        if (order == 0) {
            order = Long.compareUnsigned(sl, dl);
        }
        if (order == 0) {
            order = Integer.compare(sourcePort, destinationPort);
        }
        if (order <= 0) {
            assign(sh, sl, sourcePort, dh, dl, destinationPort);
        } else {
            assign(dh, dl, destinationPort, sh, sl, sourcePort);
        }
    }

    private void assign(long h1, long l1, int p1, long h2, long l2, int p2) {
        high1 = h1;
        low1 = l1;
        port1 = p1;
        high2 = h2;
        low2 = l2;
        port2 = p2;
        long h = h1 * 31 + l1;
        h = h * 31 + h2;
        h = h * 31 + l2;
        h = h * 31 + ((long) p1 << 16 | p2);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        hash = (int) h;
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.assign(high1, low1, port1, high2, low2, port2);
        return k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && hash == k.hash && low1 == k.low1 && low2 == k.low2 && port1 == k.port1
                && port2 == k.port2 && high1 == k.high1 && high2 == k.high2;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
