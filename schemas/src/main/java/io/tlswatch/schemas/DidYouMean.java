package io.tlswatch.schemas;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known word a misspelt key, name or kind most likely meant, for every error message. */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * The known word closest to {@code given} (case ignored) when it is close enough to be what was meant: a third of
     * it may be wrong ({@code alerts.windw}, {@code alert.window}), or it is the start of exactly that word
     * ({@code expired} for {@code expired-certificate}).
     */
    public static Optional<String> closest(String given, Collection<String> known) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(2, given.length() / 3)) {
            return Optional.of(best);
        }
        if (lower.length() >= 3) {
            return known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(lower)).findFirst();
        }
        return Optional.empty();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
