package io.tlswatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6125 §6.4 name matching, the cases operators trip on. */
class SanMatchTest {
    @Test
    void exactNamesMatchCaseInsensitivelyAndWithoutTheTrailingDot() {
        assertThat(SanMatch.matches("Shop.Example.COM", List.of("shop.example.com"))).isTrue();
        assertThat(SanMatch.matches("shop.example.com.", List.of("shop.example.com"))).isTrue();
        assertThat(SanMatch.matches("shop.example.com", List.of("shop.example.co"))).isFalse();
    }

    @Test
    void aWildcardIsExactlyOneWholeLeftMostLabel() {
        List<String> san = List.of("*.example.com");
        assertThat(SanMatch.matches("www.example.com", san)).isTrue();
        assertThat(SanMatch.matches("example.com", san)).isFalse();
        assertThat(SanMatch.matches("a.b.example.com", san)).isFalse();
        // partial-label and inner wildcards, and one over a public suffix, match nothing
        assertThat(SanMatch.matches("www.example.com", List.of("w*.example.com"))).isFalse();
        assertThat(SanMatch.matches("www.example.com", List.of("www.*.com"))).isFalse();
        assertThat(SanMatch.matches("example.com", List.of("*.com"))).isFalse();
    }

    @Test
    void internationalNamesCompareAsALabels() {
        assertThat(SanMatch.matches("b\u00fccher.example", List.of("xn--bcher-kva.example"))).isTrue();
        assertThat(SanMatch.matches("b\u00fccher.example.com", List.of("*.example.com"))).isTrue();
    }
}
