package io.tlswatch.processors.decode.audit;

import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.ChangeEvent.Aspects;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one audited command does to one object: verb, kind, full name, the aspects it touches and the objects it
 * names. Built by {@link TmshCommands} and {@link McpdObjects}; null from them means "not a TLS change".
 */
record ChangeFacts(String verb, ChangeEvent.Kind kind, String name, List<String> aspects, List<String> references) {
    /** References kept per change: a profile names a handful of certificates, a VIP a handful of profiles. */
    static final int MAX_REFERENCES = 32;

    /**
     * The facts when they can affect TLS, else null: every change of an SSL profile, certificate, key, cipher
     * group or rule and iRule; a virtual server's creation, deletion, or change of its profiles or iRules.
     */
    static ChangeFacts of(String verb, ChangeEvent.Kind kind, String name, Set<String> aspects, Set<String> references) {
        if (verb == null || kind == null || name == null || name.isBlank()) {
            return null;
        }
        Set<String> a = new LinkedHashSet<>(aspects);
        if (!"modify".equals(verb)) {
            a.add(Aspects.OBJECT);
        }
        if (kind == ChangeEvent.Kind.IRULE) {
            a.add(Aspects.IRULE);
        }
        if (kind == ChangeEvent.Kind.CIPHER_GROUP || kind == ChangeEvent.Kind.CIPHER_RULE) {
            a.add(Aspects.CIPHERS);
        }
        if ((kind == ChangeEvent.Kind.CERTIFICATE || kind == ChangeEvent.Kind.KEY)) {
            a.add(Aspects.CERTIFICATE);
        }
        if (kind == ChangeEvent.Kind.VIRTUAL_SERVER && !a.contains(Aspects.OBJECT) && !a.contains(Aspects.PROFILES)
                && !a.contains(Aspects.IRULE)) {
            return null; // a pool, a destination, a description: not TLS
        }
        if (a.isEmpty()) {
            a.add(Aspects.OTHER);
        }
        Set<String> refs = new LinkedHashSet<>(references);
        refs.remove(name);
        return new ChangeFacts(verb, kind, name, List.copyOf(a),
                refs.stream().limit(MAX_REFERENCES).toList());
    }

    /** {@code /Common/x} stays; {@code x} in folder {@code /Tenant} becomes {@code /Tenant/x}. */
    static String qualify(String name, String folder) {
        if (name == null || name.isEmpty() || name.startsWith("/")) {
            return name;
        }
        String f = folder == null || folder.isBlank() || "/".equals(folder) ? "/Common" : folder;
        return (f.endsWith("/") ? f : f + "/") + name;
    }
}
