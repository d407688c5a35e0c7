package io.tlswatch.schemas;

import java.util.Locale;

/**
 * The one name of a BIG-IP in every key and record. One box reaches us under several spellings: its syslog lines
 * carry the hostname as configured, often the FQDN ({@code SV5-F5-5600-2.splunk.com}), sometimes the short name
 * ({@code SV5-F5-5600-2}), a VIPRION/vCMP guest's as {@code slot1/guest.localdomain}; Telemetry Streaming's poller
 * says {@code system.hostname}; a capture says what {@code --observer} said. Keyed apart, a VIP's failures (from the
 * lines) never meet its attempts (from the poller) and its alerts stay in baseline mode. So every source names a
 * BIG-IP by its first DNS label in lower case, without a {@code slotN/} prefix (the blades of a chassis are one
 * BIG-IP); an address stays an address. Two BIG-IPs whose names differ only after the first dot are one here:
 * name them apart (the operations guide says so).
 */
public final class ObserverName {
    private ObserverName() {}

    /** The canonical name of {@code host}; null for null or blank (no name is no name, not an empty one). */
    public static String of(String host) {
        if (host == null || alreadyCanonical(host)) {
            return host;
        }
        String h = withoutSlot(host.strip());
        if (h.isEmpty()) {
            return null;
        }
        if (IpText.isAddress(h)) {
            return IpText.canonical(h);
        }
        int dot = h.indexOf('.');
        if (dot > 0) {
            h = h.substring(0, dot);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** Lower-case letters, digits, {@code -} and {@code _} only (the usual case, decoded per line): no copy. */
    private static boolean alreadyCanonical(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** {@code slot2/guest} → {@code guest}: a blade number, not a name. */
    private static String withoutSlot(String h) {
        int slash = h.indexOf('/');
        if (slash <= 4 || slash == h.length() - 1 || !h.regionMatches(true, 0, "slot", 0, 4)) {
            return h;
        }
        for (int i = 4; i < slash; i++) {
            if (h.charAt(i) < '0' || h.charAt(i) > '9') {
                return h;
            }
        }
        return h.substring(slash + 1);
    }
}
