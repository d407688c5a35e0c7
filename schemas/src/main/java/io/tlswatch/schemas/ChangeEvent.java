package io.tlswatch.schemas;

import java.util.List;

/**
 * A configuration change on a BIG-IP that can affect TLS, decoded from an audit line (tmsh and iControl REST
 * {@code 01420002}, mcpd {@code 01070417}) and written to {@code tlswatch.changes}, keyed
 * {@code observer/kind/name}: the topic's latest record per key is the compacted view of one object.
 *
 * @param observer    the BIG-IP host name
 * @param timestampMs when the BIG-IP logged the change, epoch ms
 * @param msgid       {@code 01420002} or {@code 01070417}
 * @param origin      where the change came from: {@code tmsh}, {@code icontrol_rest}, {@code gui}, {@code mcpd}
 *                    (a transaction whose client the line does not name)
 * @param process     the logging process ({@code tmsh}, {@code icrd_child}, {@code mcpd}), null when stripped
 * @param user        who made the change, null when the line does not say
 * @param client      mcpd's client text ({@code Unknown}, ...), null for tmsh lines
 * @param transaction mcpd's transaction id ({@code 29194914-3}), null for tmsh lines
 * @param verb        {@code create}, {@code modify} or {@code delete}
 * @param objectKind  {@link Kind} wire name
 * @param objectName  the object's full path ({@code /Common/shop_ssl}); relative tmsh names get the folder
 * @param aspects     what the change touches: {@code ciphers}, {@code certificate}, {@code tls_options},
 *                    {@code sni}, {@code irule}, {@code profiles}, {@code proxy_protocol}, {@code object} (a create
 *                    or delete of the whole object), {@code other}
 * @param references  other objects the command names (certificates, keys, chains, cipher groups, profiles,
 *                    iRules), full paths, at most a few dozen
 * @param status      the BIG-IP's status text ({@code Command OK}, or the error)
 * @param ok          whether the command succeeded (a failed command changed nothing)
 * @param command     the command or object text as logged, cut to a bounded length
 * @param line        the raw line, cut to a bounded length
 */
public record ChangeEvent(
        String observer,
        long timestampMs,
        String msgid,
        String origin,
        String process,
        String user,
        String client,
        String transaction,
        String verb,
        String objectKind,
        String objectName,
        List<String> aspects,
        List<String> references,
        String status,
        boolean ok,
        String command,
        String line) {

    /** The aspects a change may touch: the values of {@code aspects}. */
    public static final class Aspects {
        public static final String CIPHERS = "ciphers";
        public static final String CERTIFICATE = "certificate";
        public static final String TLS_OPTIONS = "tls_options";
        public static final String SNI = "sni";
        public static final String IRULE = "irule";
        public static final String PROFILES = "profiles";
        public static final String PROXY_PROTOCOL = "proxy_protocol";
        /** The object itself was created or deleted. */
        public static final String OBJECT = "object";
        public static final String OTHER = "other";

        private Aspects() {}
    }

    /** The object kinds whose changes can affect TLS (the rest are dropped at decoding). */
    public enum Kind {
        CLIENT_SSL_PROFILE("client_ssl_profile"),
        SERVER_SSL_PROFILE("server_ssl_profile"),
        CERTIFICATE("certificate"),
        KEY("key"),
        VIRTUAL_SERVER("virtual_server"),
        IRULE("irule"),
        CIPHER_GROUP("cipher_group"),
        CIPHER_RULE("cipher_rule");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * The key on {@code tlswatch.changes} and in its view: {@code observer/kind/name}, and {@code #failed} after it
     * for a command that failed, so that a failed attempt never displaces the object's last real change in the
     * compacted topic (the one that can explain an alert).
     */
    public String key() {
        String key = observer + "/" + objectKind + "/" + objectName;
        return ok ? key : key + "#failed";
    }
}
