package io.tlswatch.processors.decode.audit;

import io.tlswatch.processors.decode.audit.ConfigTokens.Token;
import io.tlswatch.schemas.ChangeEvent.Aspects;
import io.tlswatch.schemas.ChangeEvent.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the object of an mcpd {@code 01070417} transaction line: {@code <verb> { <class> { <class>_name "<name>"
 * <class>_<attribute> <value> ... } }}, e.g. (SC4S test data) {@code modify { rule { rule_name
 * "/Common/Splunk_DNS_RESPONSE" rule_definition "when CLIENT_ACCEPTED {...}" rule_ignore_verification 0 } }}.
 * Classes are mcpd's: {@code rule} (an LTM iRule; {@code gtm_rule} is DNS and not kept), {@code profile_clientssl},
 * {@code profile_serverssl}, {@code virtual_server} and its links {@code virtual_server_profile} /
 * {@code virtual_server_rule}, {@code certificate_file_object}, {@code certificate_key_file_object},
 * {@code cipher_group}, {@code cipher_rule}. Only {@code rule} and {@code gtm_rule} appear in a public sample;
 * the other class names follow mcpd's naming (the {@code <class>_name} attribute) and are matched by prefix.
 */
final class McpdObjects {
    private static final Set<String> VERBS = Set.of("create", "modify", "delete");
    private static final Map<String, Kind> CLASSES = Map.of(
            "rule", Kind.IRULE,
            "virtual_server", Kind.VIRTUAL_SERVER,
            "certificate_file_object", Kind.CERTIFICATE,
            "certificate_key_file_object", Kind.KEY,
            "cipher_group", Kind.CIPHER_GROUP,
            "cipher_rule", Kind.CIPHER_RULE);

    private McpdObjects() {}

    /** @param body the text from the first "{" on, without the trailing {@code [Status=...]} */
    static ChangeFacts read(String verb, String body) {
        if (!VERBS.contains(verb)) {
            return null;
        }
        List<Token> t = ConfigTokens.of(body);
        if (t.size() < 4 || !t.get(0).isOpen() || !t.get(1).isWord() || t.get(1).quoted() || !t.get(2).isOpen()) {
            return null;
        }
        String cls = t.get(1).text();
        Kind kind = kind(cls);
        if (kind == null) {
            return null;
        }
        String name = null;
        Set<String> aspects = new LinkedHashSet<>();
        Set<String> refs = new LinkedHashSet<>();
        int end = ConfigTokens.skipBlock(t, 2);
        for (int i = 3; i + 1 < end; i++) {
            Token key = t.get(i);
            if (!key.isWord() || key.quoted()) {
                continue;
            }
            String attr = key.text().startsWith(cls + "_") ? key.text().substring(cls.length() + 1) : key.text();
            Token value = t.get(i + 1);
            if (value.isOpen()) {
                aspects.add(aspect(cls, attr));
                i = ConfigTokens.skipBlock(t, i + 1) - 1;
                continue;
            }
            String v = value.text();
            i++;
            if ("name".equals(attr) || (cls.startsWith("virtual_server_") && "virtual_name".equals(attr))) {
                name = v;
                continue;
            }
            if (name == null && attr.endsWith("_name") && v.startsWith("/") && !cls.startsWith("virtual_server_")) {
                name = v; // a sub-object (a profile's cert-key-chain entry) names its parent this way
            }
            aspects.add(aspect(cls, attr));
            if (v.startsWith("/") && v.length() > 1 && v.indexOf(' ') < 0) {
                refs.add(v);
            }
        }
        if ("rule".equals(cls) && body.contains("PROXY")) {
            aspects.add(Aspects.PROXY_PROTOCOL); // an iRule that reads or writes a PROXY header
        }
        aspects.remove(null);
        return ChangeFacts.of(verb, kind, name, aspects, refs);
    }

    private static Kind kind(String cls) {
        Kind k = CLASSES.get(cls);
        if (k != null) {
            return k;
        }
        if (cls.startsWith("profile_clientssl")) {
            return Kind.CLIENT_SSL_PROFILE;
        }
        if (cls.startsWith("profile_serverssl")) {
            return Kind.SERVER_SSL_PROFILE;
        }
        if (cls.startsWith("virtual_server_profile") || cls.startsWith("virtual_server_rule")) {
            return Kind.VIRTUAL_SERVER;
        }
        return null;
    }

    /** The aspect an attribute touches; null for bookkeeping attributes. */
    private static String aspect(String cls, String attr) {
        if (cls.startsWith("virtual_server_profile")) {
            return Aspects.PROFILES;
        }
        if (cls.startsWith("virtual_server_rule")) {
            return Aspects.IRULE;
        }
        if ("rule".equals(cls)) {
            return null; // its text is the change; PROXY is looked for in the whole body
        }
        if ("virtual_server".equals(cls)) {
            return null; // its links are their own classes
        }
        if (attr.contains("cipher")) {
            return Aspects.CIPHERS;
        }
        if (attr.contains("cert") || attr.contains("key") || attr.contains("chain") || attr.contains("ca_file")
                || attr.contains("passphrase")) {
            return Aspects.CERTIFICATE;
        }
        if (attr.contains("options")) {
            return Aspects.TLS_OPTIONS;
        }
        if (attr.contains("server_name") || attr.contains("sni")) {
            return Aspects.SNI;
        }
        return Aspects.OTHER;
    }
}
