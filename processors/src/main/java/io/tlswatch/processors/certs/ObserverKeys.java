package io.tlswatch.processors.certs;

import java.util.Locale;

/**
 * Keys of the certificate and profile watch.
 *
 * <p>Log lines and poller documents name the same BIG-IP differently: the syslog header carries the short host
 * name ({@code bigip-01}), the poller's {@code system.hostname} the full one ({@code bigip-01.example.com}).
 * Signals are partitioned, and failure logs remembered, by the {@link #matchKey}: the name in lower case up to
 * its first dot, or whole for an IP address (whose first label would merge unrelated hosts).
 */
final class ObserverKeys {
    /** Separates observer and object in state keys: names cannot hold control characters, so no key is ambiguous. */
    static final char SEPARATOR = '\u001f';

    private ObserverKeys() {}

    static String matchKey(String observer) {
        if (observer == null) {
            return "";
        }
        String o = observer.toLowerCase(Locale.ROOT);
        if (o.indexOf(':') >= 0 || isDottedNumbers(o)) {
            return o;
        }
        int dot = o.indexOf('.');
        return dot > 0 ? o.substring(0, dot) : o;
    }

    private static boolean isDottedNumbers(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The state key of one object (certificate, profile) of one observer. */
    static String stateKey(String observer, String object) {
        return observer + SEPARATOR + object;
    }

    /** The prefix of every state key of one observer. */
    static String statePrefix(String observer) {
        return observer + SEPARATOR;
    }
}
