package io.tlswatch.ingest.simulator.scenario;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for a misspelt key or name: the closest known word within a few edits. */
final class Suggestions {
    private Suggestions() {}

    /** {@code " (did you mean 'x'?)"}, or "" when nothing is close. */
    static String didYouMean(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        boolean prefix = best != null && given.length() >= 3 && known.stream().anyMatch(k -> k.startsWith(given));
        if (prefix) {
            best = known.stream().filter(k -> k.startsWith(given)).findFirst().orElse(best);
        }
        return best != null && (bestDistance <= allowed || prefix) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
