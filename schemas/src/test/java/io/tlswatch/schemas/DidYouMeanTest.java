package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> KEYS = List.of("alerts.window", "alerts.min.count", "join.wait");

    @Test
    void aTypoASwapOrAMissingPartNamesTheKey() {
        assertThat(DidYouMean.closest("alerts.windw", KEYS)).contains("alerts.window");
        assertThat(DidYouMean.closest("alerts.wnidow", KEYS)).as("neighbours swapped").contains("alerts.window");
        assertThat(DidYouMean.closest("alert.window", KEYS)).contains("alerts.window");
        assertThat(DidYouMean.closest("JOIN.WAIT", KEYS)).as("case ignored").contains("join.wait");
    }

    @Test
    void theStartOfAWordNamesIt() {
        assertThat(DidYouMean.closest("expired", List.of("expired-certificate", "missing-intermediate")))
                .contains("expired-certificate");
        assertThat(DidYouMean.closest("ex", List.of("expired-certificate"))).as("too short to tell").isEmpty();
    }

    @Test
    void somethingElseEntirelyNamesNothing() {
        assertThat(DidYouMean.closest("bootstrap.servers", KEYS)).isEmpty();
        assertThat(DidYouMean.closest("x", List.of())).isEmpty();
    }

    @Test
    void aSwapCostsOneEdit() {
        assertThat(DidYouMean.distance("ab", "ba")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
