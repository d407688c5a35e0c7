package io.tlswatch.processors.decode.netskope;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.netskope.NetskopeFieldSplitter.Fields;
import io.tlswatch.processors.decode.netskope.NetskopeFieldSplitter.Malformed;
import io.tlswatch.processors.decode.netskope.NetskopeFieldSplitter.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetskopeFieldSplitterTest {

    private static List<String> fields(String line, char separator) {
        NetskopeFieldSplitter.Result r = NetskopeFieldSplitter.split(line, separator);
        assertThat(r).as(line).isInstanceOf(Fields.class);
        return ((Fields) r).values();
    }

    private static Malformed malformed(String line, char separator) {
        NetskopeFieldSplitter.Result r = NetskopeFieldSplitter.split(line, separator);
        assertThat(r).as(line).isInstanceOf(Malformed.class);
        return (Malformed) r;
    }

    @Test
    void plainCsv() {
        assertThat(fields("a,b,c", ',')).containsExactly("a", "b", "c");
        assertThat(fields("single", ',')).containsExactly("single");
    }

    @Test
    void emptyFieldsAreKept() {
        assertThat(fields("a,,c", ',')).containsExactly("a", "", "c");
        assertThat(fields(",", ',')).containsExactly("", "");
        assertThat(fields("", ',')).containsExactly("");
        assertThat(fields(",a", ',')).containsExactly("", "a");
    }

    @Test
    void trailingSeparatorEndsWithAnEmptyField() {
        assertThat(fields("a,b,", ',')).containsExactly("a", "b", "");
        assertThat(fields("a,b,,", ',')).containsExactly("a", "b", "", "");
    }

    @Test
    void quotedFieldsHoldSeparatorsAndSpaces() {
        assertThat(fields("a,\"x, y\",c", ',')).containsExactly("a", "x, y", "c");
        assertThat(fields("\"Application Suite,Technology,All Categories\",-", ','))
                .containsExactly("Application Suite,Technology,All Categories", "-");
    }

    @Test
    void doubledQuoteInsideAQuotedFieldIsOneQuote() {
        assertThat(fields("\"a\"\"b\",c", ',')).containsExactly("a\"b", "c");
        assertThat(fields("\"\"\"quoted\"\"\"", ',')).containsExactly("\"quoted\"");
        assertThat(fields("\"\",x", ',')).containsExactly("", "x");
        assertThat(fields("\"\"\"\"", ',')).containsExactly("\"");
    }

    @Test
    void fieldsQuotedWithDoubledQuotesAsInTheSumoLogicSample() {
        // the CSV sample writes ""Cloud Storage,Technology"" for one value holding a comma
        assertThat(fields("https,\"\"Chrome WIN 144.0 (x@{#4253}) channel(stable)\"\",user", ','))
                .containsExactly("https", "Chrome WIN 144.0 (x@{#4253}) channel(stable)", "user");
        assertThat(fields("-,\"\"Cloud Storage,Technology\"\",-", ','))
                .containsExactly("-", "Cloud Storage,Technology", "-");
        assertThat(fields("\"\"a,b\"\"", ',')).containsExactly("a,b");
    }

    @Test
    void quoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() {
        assertThat(fields("ab\"c,d", ',')).containsExactly("ab\"c", "d");
    }

    @Test
    void unterminatedQuoteIsMalformedWithTheFieldsBeforeIt() {
        Malformed m = malformed("a,b,\"never closed, at all", ',');
        assertThat(m.problem()).isEqualTo(Problem.UNTERMINATED_QUOTE);
        assertThat(m.offset()).isEqualTo(4);
        assertThat(m.before()).containsExactly("a", "b");
        assertThat(malformed("\"", ',').problem()).isEqualTo(Problem.UNTERMINATED_QUOTE);
        assertThat(malformed("x,\"\"open doubled", ',').problem()).isEqualTo(Problem.UNTERMINATED_QUOTE);
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        Malformed m = malformed("\"a\"b,c", ',');
        assertThat(m.problem()).isEqualTo(Problem.TEXT_AFTER_CLOSING_QUOTE);
        assertThat(m.offset()).isEqualTo(3);
    }

    @Test
    void tooManyFieldsIsMalformed() {
        assertThat(NetskopeFieldSplitter.split("a,b,c,d", ',', 3)).isInstanceOf(Malformed.class);
        assertThat(((Malformed) NetskopeFieldSplitter.split("a,b,c,d", ',', 3)).problem())
                .isEqualTo(Problem.TOO_MANY_FIELDS);
        assertThat(NetskopeFieldSplitter.split("a,b,c", ',', 3)).isInstanceOf(Fields.class);
    }

    @Test
    void w3cSpacesCollapseAndQuotesHoldSpaces() {
        assertThat(fields("2026-03-10 18:24:06  \"Windows 11\" - ", ' '))
                .containsExactly("2026-03-10", "18:24:06", "Windows 11", "-");
        assertThat(fields("  a b", ' ')).containsExactly("a", "b");
        assertThat(fields("   ", ' ')).isEmpty();
        assertThat(fields("\"\" x", ' ')).containsExactly("", "x");
    }

    @Test
    void tabsWorkLikeCommas() {
        assertThat(fields("a\t\tb\t", '\t')).containsExactly("a", "", "b", "");
        assertThat(fields("a\t\"x\ty\"", '\t')).containsExactly("a", "x\ty");
    }

    @Test
    void nullIsNoFields() {
        assertThat(fields(null, ',')).isEmpty();
    }
}
