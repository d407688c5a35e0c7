package io.tlswatch.processors.decode.netskope;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever a CSV or W3C writer quotes correctly splits back into the same values. */
class NetskopeFieldSplitterProperties {

    /** 1 to 30 short values made of separators, quotes, spaces and letters. */
    static List<String> values(Gen g) {
        return g.list(1, 30, v -> v.string(",\" -ab\tABC", 0, 12));
    }

    /** RFC 4180 quoting: quote when the value holds the separator, a quote or (W3C) a space or nothing. */
    static String write(List<String> values, char separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            String v = values.get(i);
            boolean quote = v.indexOf(separator) >= 0 || v.indexOf('"') >= 0
                    || (separator == ' ' && (v.isEmpty() || v.indexOf(' ') >= 0));
            sb.append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return sb.toString();
    }

    private static void roundTrip(char separator) {
        PropertyCheck.forAll(1000, NetskopeFieldSplitterProperties::values, Shrink.list(), values ->
                assertThat(NetskopeFieldSplitter.split(write(values, separator), separator))
                        .isEqualTo(new NetskopeFieldSplitter.Fields(values)));
    }

    @Test
    void csvRoundTrip() {
        roundTrip(',');
    }

    @Test
    void tabRoundTrip() {
        roundTrip('\t');
    }

    @Test
    void w3cRoundTrip() {
        roundTrip(' ');
    }

    record Line(String line, char separator) {}

    @Test
    void anyLineSplitsOrSaysWhyWithinBounds() {
        PropertyCheck.forAll(2000, g -> new Line(g.string(",\" \tabc", 0, 300), g.of(',', ' ', '\t')),
                Shrink.string().on(Line::line, (l, text) -> new Line(text, l.separator())), in -> {
                    String line = in.line();
                    NetskopeFieldSplitter.Result r = NetskopeFieldSplitter.split(line, in.separator(), 50);
                    if (r instanceof NetskopeFieldSplitter.Fields f) {
                        assertThat(f.values()).hasSizeLessThanOrEqualTo(50);
                        assertThat(f.values().stream().mapToInt(String::length).sum())
                                .isLessThanOrEqualTo(line.length());
                    } else {
                        NetskopeFieldSplitter.Malformed m = (NetskopeFieldSplitter.Malformed) r;
                        assertThat(m.offset()).isBetween(0, line.length());
                        assertThat(m.before()).hasSizeLessThanOrEqualTo(50);
                    }
                });
    }
}
