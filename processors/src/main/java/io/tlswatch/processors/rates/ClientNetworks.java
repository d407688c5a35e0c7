package io.tlswatch.processors.rates;

/** The client network an address belongs to, as the alert evidence groups them: IPv4 /24, IPv6 /48. */
final class ClientNetworks {
    private ClientNetworks() {}

    /** {@code 198.51.100.0/24} or {@code 2001:db8:1::/48}; null for null or text that is no address. */
    static String of(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        int percent = ip.indexOf('%');
        String a = percent >= 0 ? ip.substring(0, percent) : ip;
        if (a.indexOf(':') < 0) {
            int last = a.lastIndexOf('.');
            return last > 0 && a.chars().filter(ch -> ch == '.').count() == 3 ? a.substring(0, last) + ".0/24" : null;
        }
        return v6Prefix48(a);
    }

    /** The first three groups of an IPv6 address, expanding a {@code ::} that falls inside them. */
    private static String v6Prefix48(String a) {
        String[] halves = a.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String group = i < head.length ? head[i] : "0";
            if (group.isEmpty() || group.length() > 4 || group.contains(".")) {
                return null;
            }
            String trimmed = group.replaceFirst("^0+(?=.)", "").toLowerCase(java.util.Locale.ROOT);
            sb.append(trimmed).append(':');
        }
        // groups after a :: inside the first three are zero; with no :: there must be eight groups in all
        if (halves.length == 1 && head.length != 8) {
            return null;
        }
        return sb.append(":/48").toString();
    }
}
