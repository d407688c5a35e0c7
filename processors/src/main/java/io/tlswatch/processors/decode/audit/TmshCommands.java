package io.tlswatch.processors.decode.audit;

import io.tlswatch.processors.decode.audit.ConfigTokens.Token;
import io.tlswatch.schemas.ChangeEvent.Aspects;
import io.tlswatch.schemas.ChangeEvent.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tmsh command of a {@code 01420002} audit line ({@code cmd_data=...}), as tmsh and iControl REST
 * (icrd) log it: {@code <verb> <module> <component...> <name> [<attribute> <value>|{...}]...}, the syntax of the
 * tmsh reference ({@code ltm profile client-ssl}, {@code ltm virtual}, {@code ltm rule}, {@code ltm cipher},
 * {@code sys file ssl-cert}, {@code sys crypto}). Relative names are qualified with the line's {@code folder};
 * a command typed inside a module context ({@code module=(tmos.ltm)#}) gets that module. Anything else
 * ({@code show}, {@code list}, {@code cd}, {@code run}, {@code save}, other objects) is not a TLS change.
 */
final class TmshCommands {
    private static final Map<String, String> VERBS = Map.of(
            "create", "create", "modify", "modify", "delete", "delete", "install", "create");
    /** Attributes and the aspect of TLS they touch (tmsh reference: ltm profile client-ssl / server-ssl). */
    private static final Map<String, String> ASPECTS = Map.ofEntries(
            Map.entry("ciphers", Aspects.CIPHERS),
            Map.entry("cipher-group", Aspects.CIPHERS),
            Map.entry("cert-key-chain", Aspects.CERTIFICATE),
            Map.entry("cert", Aspects.CERTIFICATE),
            Map.entry("key", Aspects.CERTIFICATE),
            Map.entry("chain", Aspects.CERTIFICATE),
            Map.entry("ca-file", Aspects.CERTIFICATE),
            Map.entry("client-cert-ca", Aspects.CERTIFICATE),
            Map.entry("crl-file", Aspects.CERTIFICATE),
            Map.entry("source-path", Aspects.CERTIFICATE),
            Map.entry("from-local-file", Aspects.CERTIFICATE),
            Map.entry("options", Aspects.TLS_OPTIONS),
            Map.entry("tm-options", Aspects.TLS_OPTIONS),
            Map.entry("server-name", Aspects.SNI),
            Map.entry("sni-default", Aspects.SNI),
            Map.entry("sni-require", Aspects.SNI),
            Map.entry("profiles", Aspects.PROFILES),
            Map.entry("rules", Aspects.IRULE));
    /** Attributes whose value names another object. */
    private static final Set<String> NAMING = Set.of("cert", "key", "chain", "ca-file", "client-cert-ca", "crl-file",
            "cipher-group", "defaults-from");
    /** Words inside a {@code profiles} or {@code rules} block that are not names. */
    private static final Set<String> LIST_WORDS = Set.of("add", "delete", "modify", "replace-all-with", "none",
            "default", "context", "all", "clientside", "serverside");

    private TmshCommands() {}

    /**
     * @param module the line's {@code module=} value ({@code (tmos)#}, {@code (tmos.ltm)#})
     * @return the change, or null when the command is not a TLS change
     */
    static ChangeFacts read(String command, String folder, String module) {
        // trailing separators and spaces in one pass: a line of a million ';' must not be copied a million times
        int end = command.length();
        while (end > 0 && (command.charAt(end - 1) == ';' || Character.isWhitespace(command.charAt(end - 1)))) {
            end--;
        }
        String cmd = command.substring(0, end).strip();
        List<Token> t = ConfigTokens.of(cmd);
        if (t.size() < 3 || !t.get(0).isWord()) {
            return null;
        }
        String verb = VERBS.get(t.get(0).text().toLowerCase(Locale.ROOT));
        if (verb == null) {
            return null;
        }
        // inside a module's context ("(tmos.ltm)# create profile ...") the module word is left out
        String context = moduleContext(module);
        String first = t.get(1).text();
        String[] path;
        int i; // the token after the module word (or where it would be)
        if (context != null && !"ltm".equals(first) && !"sys".equals(first)) {
            path = new String[] {context, word(t, 1), word(t, 2)};
            i = 1;
        } else {
            path = new String[] {first, word(t, 2), word(t, 3)};
            i = 2;
        }
        Kind kind;
        int nameAt;
        if ("ltm".equals(path[0]) && "profile".equals(path[1]) && "client-ssl".equals(path[2])) {
            kind = Kind.CLIENT_SSL_PROFILE;
            nameAt = i + 2;
        } else if ("ltm".equals(path[0]) && "profile".equals(path[1]) && "server-ssl".equals(path[2])) {
            kind = Kind.SERVER_SSL_PROFILE;
            nameAt = i + 2;
        } else if ("ltm".equals(path[0]) && "virtual".equals(path[1])) {
            kind = Kind.VIRTUAL_SERVER;
            nameAt = i + 1;
        } else if ("ltm".equals(path[0]) && "rule".equals(path[1])) {
            kind = Kind.IRULE;
            nameAt = i + 1;
        } else if ("ltm".equals(path[0]) && "cipher".equals(path[1]) && "group".equals(path[2])) {
            kind = Kind.CIPHER_GROUP;
            nameAt = i + 2;
        } else if ("ltm".equals(path[0]) && "cipher".equals(path[1]) && "rule".equals(path[2])) {
            kind = Kind.CIPHER_RULE;
            nameAt = i + 2;
        } else if ("sys".equals(path[0]) && ("file".equals(path[1]) || "crypto".equals(path[1]))
                && ("ssl-cert".equals(path[2]) || "cert".equals(path[2]))) {
            kind = Kind.CERTIFICATE;
            nameAt = i + 2;
        } else if ("sys".equals(path[0]) && ("file".equals(path[1]) || "crypto".equals(path[1]))
                && ("ssl-key".equals(path[2]) || "key".equals(path[2]))) {
            kind = Kind.KEY;
            nameAt = i + 2;
        } else {
            return null;
        }
        if (nameAt >= t.size()) {
            return null;
        }
        int attrs = nameAt + 1;
        String name;
        if (t.get(nameAt).isOpen() && nameAt + 1 < t.size() && t.get(nameAt + 1).isWord()) {
            name = t.get(nameAt + 1).text(); // delete ltm virtual { a b }: the first of the list
            attrs = ConfigTokens.skipBlock(t, nameAt);
        } else if (t.get(nameAt).isWord()) {
            name = t.get(nameAt).text();
        } else {
            return null;
        }
        Set<String> aspects = new LinkedHashSet<>();
        Set<String> refs = new LinkedHashSet<>();
        if (kind == Kind.IRULE) {
            if (cmd.contains("PROXY")) {
                aspects.add(Aspects.PROXY_PROTOCOL);
            }
        } else {
            attributes(t, attrs, folder, aspects, refs);
        }
        return ChangeFacts.of(verb, kind, ChangeFacts.qualify(name, folder), aspects, refs);
    }

    /** Depth-0 attributes give the aspects; naming attributes and profile or rule lists give the references. */
    private static void attributes(List<Token> t, int from, String folder, Set<String> aspects, Set<String> refs) {
        int depth = 0;
        String listKey = null;
        int listDepth = -1;
        for (int i = from; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.isOpen()) {
                depth++;
                continue;
            }
            if (tok.isClose()) {
                depth--;
                if (listKey != null && depth < listDepth) {
                    listKey = null;
                }
                continue;
            }
            String w = tok.text();
            if (depth == 0) {
                String aspect = ASPECTS.get(w);
                if (aspect != null) {
                    aspects.add(aspect);
                }
                if (Aspects.PROFILES.equals(aspect) || Aspects.IRULE.equals(aspect)) {
                    listKey = w;
                    listDepth = 1;
                }
            } else if (listKey != null && depth == listDepth && !LIST_WORDS.contains(w)) {
                refs.add(ChangeFacts.qualify(w, folder));
            } else if (ASPECTS.containsKey(w) && !"profiles".equals(w) && !"rules".equals(w)) {
                aspects.add(ASPECTS.get(w)); // cert-key-chain { x { cert ... } }: the inner keys say it too
            }
            if (NAMING.contains(w) && i + 1 < t.size() && t.get(i + 1).isWord()
                    && !"none".equals(t.get(i + 1).text())) {
                refs.add(ChangeFacts.qualify(t.get(i + 1).text(), folder));
                i++;
            }
        }
    }

    private static String word(List<Token> t, int i) {
        return i < t.size() && t.get(i).isWord() ? t.get(i).text() : "";
    }

    /** {@code (tmos.ltm)#} → {@code ltm}; {@code (tmos)#} → null. */
    private static String moduleContext(String module) {
        if (module == null) {
            return null;
        }
        int dot = module.indexOf("tmos.");
        if (dot < 0) {
            return null;
        }
        int end = dot + 5;
        while (end < module.length() && Character.isLetter(module.charAt(end))) {
            end++;
        }
        return end > dot + 5 ? module.substring(dot + 5, end) : null;
    }
}
