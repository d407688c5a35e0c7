package io.tlswatch.schemas;

/**
 * IP address text, one form everywhere: IPv4 as a dotted quad without leading zeros (a leading zero is
 * ambiguous: octal or decimal?), IPv6 in the RFC 5952 canonical form (§4: lower-case hex, no leading zeros in a
 * group, the longest run of two or more zero groups as {@code ::}, the first one on a tie), and an IPv4-mapped
 * address in mixed notation (§5: {@code ::ffff:10.0.0.1}, also when read as {@code ::ffff:a00:1}); other IPv4
 * tails are read and written as hex groups ({@code 64:ff9b::10.0.0.1} is {@code 64:ff9b::a00:1}). The log decoder, the inventory (CSV and poller), the packet decoders and every
 * key ({@link HostPort}) use it, so that {@code 2001:0DB8::0010} in a CSV and {@code 2001:db8::10} in a log line
 * are one VIP. Never throws on text; nothing here resolves names.
 */
public final class IpText {
    /** Longest address text (RFC 4291 with an IPv4 tail: 45 characters). */
    public static final int MAX_CHARS = 45;

    private IpText() {}

    /** A dotted-quad IPv4 address or an IPv6 address in RFC 4291 text form (RFC 5952 or not). */
    public static boolean isAddress(CharSequence a) {
        return isAddress(a, 0, a.length());
    }

    /** {@link #isAddress(CharSequence)} for {@code a[from, to)}. */
    public static boolean isAddress(CharSequence a, int from, int to) {
        if (to <= from || to - from > MAX_CHARS) {
            return false;
        }
        return hasColon(a, from, to) ? ipv6Groups(a, from, to, null) : isIpv4(a, from, to);
    }

    /** The canonical text of the address {@code a}, or null when it is not one. */
    public static String canonical(String a) {
        return a == null ? null : canonical(a, 0, a.length());
    }

    /** The canonical text of the address in {@code a[from, to)}, or null when it is not one. */
    public static String canonical(String a, int from, int to) {
        if (to <= from || to - from > MAX_CHARS) {
            return null;
        }
        if (!hasColon(a, from, to)) {
            // IPv4 has one form already: no copy when the whole text is the address
            return !isIpv4(a, from, to) ? null : from == 0 && to == a.length() ? a : a.substring(from, to);
        }
        int[] groups = new int[8];
        return ipv6Groups(a, from, to, groups) ? ipv6(groups) : null;
    }

    /** The text of a 4-byte (IPv4) or 16-byte (IPv6) address at {@code address[offset..]}. */
    public static String format(byte[] address, int offset, int length) {
        if (length == 4) {
            return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "." + (address[offset + 2] & 0xff)
                    + "." + (address[offset + 3] & 0xff);
        }
        if (length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[offset + 2 * i] & 0xff) << 8 | (address[offset + 2 * i + 1] & 0xff);
        }
        return ipv6(groups);
    }

    /** RFC 5952 text of eight 16-bit groups. */
    private static String ipv6(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            // IPv4-mapped (§5)
            return "::ffff:" + (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened (§4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) { // strictly longer: the first run wins a tie (§4.2.3)
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    private static boolean hasColon(CharSequence a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    /** Four decimal octets 0..255 separated by dots, without leading zeros. */
    private static boolean isIpv4(CharSequence a, int from, int to) {
        return ipv4(a, from, to) >= 0;
    }

    /** The 32 bits of a dotted quad in {@code a[from, to)}, or -1. */
    private static long ipv4(CharSequence a, int from, int to) {
        long bits = 0;
        int octets = 0;
        int i = from;
        while (i <= to) {
            int end = i;
            while (end < to && a.charAt(end) != '.') {
                end++;
            }
            int octet = end - i > 3 || (end - i > 1 && a.charAt(i) == '0') ? -1 : Decimals.parse(a, i, end, 255);
            if (octet < 0 || ++octets > 4) {
                return -1;
            }
            bits = bits << 8 | octet;
            i = end + 1;
        }
        return octets == 4 ? bits : -1;
    }

    /**
     * Reads RFC 4291 text: groups of 1..4 hex digits, at most one {@code ::}, an IPv4 tail counting as two
     * groups. Fills {@code groups} (when not null) with the eight 16-bit values.
     */
    private static boolean ipv6Groups(CharSequence a, int from, int to, int[] groups) {
        int doubleColon = -1;
        for (int i = from; i + 1 < to; i++) {
            if (a.charAt(i) == ':' && a.charAt(i + 1) == ':') {
                if (doubleColon >= 0) {
                    return false; // a second "::", or ":::"
                }
                doubleColon = i;
            }
        }
        int[] g = groups != null ? groups : new int[8];
        if (doubleColon < 0) {
            return groups(a, from, to, to, g, 0) == 8;
        }
        int head = groups(a, from, doubleColon, to, g, 0);
        if (head < 0) {
            return false;
        }
        int tail = groups(a, doubleColon + 2, to, to, g, head);
        if (tail < 0 || head + tail > 7) {
            return false;
        }
        // the tail was read right after the head: move it to the end, zeros in between
        System.arraycopy(g, head, g, 8 - tail, tail);
        for (int i = head; i < 8 - tail; i++) {
            g[i] = 0;
        }
        return true;
    }

    /**
     * The groups of {@code a[from, to)} (colon separated, no empty group) into {@code out[at..]}: their count,
     * or -1. A dotted quad may end the address ({@code to == end}) and counts as two groups.
     */
    private static int groups(CharSequence a, int from, int to, int end, int[] out, int at) {
        if (from == to) {
            return 0;
        }
        int count = 0;
        int i = from;
        while (true) {
            int stop = i;
            boolean dotted = false;
            while (stop < to && a.charAt(stop) != ':') {
                dotted |= a.charAt(stop) == '.';
                stop++;
            }
            if (dotted) {
                long bits = stop == end && at + count + 2 <= 8 ? ipv4(a, i, stop) : -1;
                if (bits < 0) {
                    return -1;
                }
                out[at + count++] = (int) (bits >>> 16);
                out[at + count++] = (int) (bits & 0xffff);
            } else {
                int value = hex(a, i, stop);
                if (value < 0 || at + count >= 8) {
                    return -1;
                }
                out[at + count++] = value;
            }
            if (stop == to) {
                return count;
            }
            i = stop + 1; // past the colon; an empty group after it is refused by hex()
            if (i == to) {
                return -1;
            }
        }
    }

    /** 1..4 hex digits, or -1. */
    private static int hex(CharSequence a, int from, int to) {
        if (to <= from || to - from > 4) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = a.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
