package io.tlswatch.ingest.pcap;

/** Address text: dotted quad for IPv4, RFC 5952 canonical form for IPv6 (lowercase, longest zero run as ::). */
final class IpText {
    private IpText() {}

    static String format(byte[] address, int length) {
        StringBuilder b = new StringBuilder(length == 4 ? 15 : 39);
        if (length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    b.append('.');
                }
                b.append(address[i] & 0xff);
            }
            return b.toString();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Bytes.u16be(address, 2 * i);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
