package io.tlswatch.processors.rates;

import io.tlswatch.schemas.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the failures of one episode of one class on one VIP looked like, for the alert (DESIGN §9): top SNIs,
 * client networks (/24, /48), offered versions, JA4, the server certificates of {@code cert_*} failures (one line
 * each: CN, issuer, not_after, SHA-256 prefix), the clients' cipher lists of {@code no_shared_cipher} failures, and
 * the first raw F5 lines. Bounded: each tally keeps
 * {@link #MAX_KEYS} values (later values past that are counted as {@code other}), {@link #MAX_LINES} lines.
 */
public final class Evidence {
    static final int MAX_KEYS = 32;
    static final int MAX_LINES = 3;
    static final int MAX_VALUE_CHARS = 256;
    static final String OTHER = "other";
    /** Distinct client cipher lists kept: client stacks are few, and each list is long. */
    public static final int MAX_CIPHER_LISTS = 4;
    /** One cipher list, comma-separated IANA names: about a hundred suites, more than any client offers. */
    public static final int MAX_CIPHER_LIST_CHARS = 4096;
    /** The alert evidence key of the clients' cipher lists ({@code [{value: "A,B,…", count}]}). */
    public static final String CIPHER_LISTS = "offered_cipher_lists";

    public long sinceMs = Long.MIN_VALUE;
    public long failures;
    public TreeMap<String, Long> snis = new TreeMap<>();
    public TreeMap<String, Long> networks = new TreeMap<>();
    public TreeMap<String, Long> versions = new TreeMap<>();
    public TreeMap<String, Long> ja4 = new TreeMap<>();
    public TreeMap<String, Long> certificates = new TreeMap<>();
    /** {@code no_shared_cipher} only: the clients' offered suites, one comma-separated list per client stack. */
    public TreeMap<String, Long> cipherLists = new TreeMap<>();
    public List<String> lines = new ArrayList<>();

    public void add(RateInput failure) {
        if (failures == 0) {
            sinceMs = failure.timeMs();
        }
        failures++;
        tally(snis, failure.sni());
        tally(networks, ClientNetworks.of(failure.clientIp()));
        if (failure.offeredVersions() != null) {
            failure.offeredVersions().stream().limit(8).forEach(v -> tally(versions, v));
        }
        tally(ja4, failure.ja4());
        tally(certificates, failure.certificate());
        if (failure.offeredCiphers() != null && failure.offeredCiphers().length() <= MAX_CIPHER_LIST_CHARS) {
            String list = failure.offeredCiphers();
            if (cipherLists.containsKey(list) || cipherLists.size() < MAX_CIPHER_LISTS) {
                cipherLists.merge(list, 1L, Long::sum);
            } else {
                cipherLists.merge(OTHER, 1L, Long::sum);
            }
        }
        if (failure.line() != null && lines.size() < MAX_LINES) {
            lines.add(Texts.cut(failure.line(), 1024));
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return failures == 0;
    }

    /** The {@code n} most frequent values, most frequent first (ties by value): {@code [{value, count}]}. */
    public static List<Map<String, Object>> top(Map<String, Long> tally, int n) {
        return tally.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("value", e.getKey());
                    m.put("count", e.getValue());
                    return m;
                })
                .toList();
    }

    /** The most frequent value, or null. */
    public static String first(Map<String, Long> tally) {
        List<Map<String, Object>> top = top(tally, 1);
        return top.isEmpty() || OTHER.equals(top.get(0).get("value")) ? null : (String) top.get(0).get("value");
    }

    private static void tally(TreeMap<String, Long> tally, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String v = Texts.cut(value, MAX_VALUE_CHARS);
        if (tally.containsKey(v) || tally.size() < MAX_KEYS) {
            tally.merge(v, 1L, Long::sum);
        } else {
            tally.merge(OTHER, 1L, Long::sum);
        }
    }
}
