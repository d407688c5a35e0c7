package io.tlswatch.ingest.simulator.scenario;

import io.tlswatch.schemas.DidYouMean;
import java.util.Collection;

/** The scenario file's wording of {@link DidYouMean}. */
final class Suggestions {
    private Suggestions() {}

    /** {@code " (did you mean 'x'?)"}, or "" when nothing is close. */
    static String didYouMean(String given, Collection<String> known) {
        return DidYouMean.closest(given, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }
}
