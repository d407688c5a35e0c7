package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void shortTextAndNullAreKeptAsTheyAre() {
        assertThat(Texts.cut("abc", 3)).isEqualTo("abc");
        assertThat(Texts.cut(null, 3)).isNull();
        assertThat(Texts.cutMarked("abc", 3)).isEqualTo("abc");
    }

    @Test
    void longTextIsCutToTheBound() {
        assertThat(Texts.cut("abcdef", 4)).isEqualTo("abcd");
        assertThat(Texts.cutMarked("abcdef", 4)).isEqualTo("abc…").hasSize(4);
    }

    @Test
    void aCutNeverLeavesHalfOfASurrogatePair() {
        String lock = "\uD83D\uDD12"; // one emoji, two chars
        String s = "ab" + lock + "cd";
        // a bound between the two halves drops the whole pair
        assertThat(Texts.cut(s, 3)).isEqualTo("ab");
        assertThat(Texts.cut(s, 4)).isEqualTo("ab" + lock);
        assertThat(Texts.cutMarked("ab" + lock + "def", 4)).isEqualTo("ab…");
        for (int max = 0; max <= s.length(); max++) {
            String cut = Texts.cut(s, max);
            assertThat(Character.isHighSurrogate(cut.isEmpty() ? 'x' : cut.charAt(cut.length() - 1)))
                    .as("cut at %d", max).isFalse();
        }
    }
}
