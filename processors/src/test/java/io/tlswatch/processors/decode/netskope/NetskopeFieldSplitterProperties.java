package io.tlswatch.processors.decode.netskope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Whatever a CSV or W3C writer quotes correctly splits back into the same values. */
class NetskopeFieldSplitterProperties {

    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.strings().withChars(",\" -ab\t").withCharRange('A', 'C').ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(30);
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

    @Property(tries = 1000)
    void csvRoundTrip(@ForAll("values") List<String> values) {
        assertThat(NetskopeFieldSplitter.split(write(values, ','), ','))
                .isEqualTo(new NetskopeFieldSplitter.Fields(values));
    }

    @Property(tries = 1000)
    void tabRoundTrip(@ForAll("values") List<String> values) {
        assertThat(NetskopeFieldSplitter.split(write(values, '\t'), '\t'))
                .isEqualTo(new NetskopeFieldSplitter.Fields(values));
    }

    @Property(tries = 1000)
    void w3cRoundTrip(@ForAll("values") List<String> values) {
        assertThat(NetskopeFieldSplitter.split(write(values, ' '), ' '))
                .isEqualTo(new NetskopeFieldSplitter.Fields(values));
    }

    @Property(tries = 2000)
    void anyLineSplitsOrSaysWhyWithinBounds(
            @ForAll @StringLength(max = 300) @Chars({',', '"', ' ', '\t'}) @CharRange(from = 'a', to = 'c') String line,
            @ForAll("separators") char separator) {
        NetskopeFieldSplitter.Result r = NetskopeFieldSplitter.split(line, separator, 50);
        if (r instanceof NetskopeFieldSplitter.Fields f) {
            assertThat(f.values()).hasSizeLessThanOrEqualTo(50);
            assertThat(f.values().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(line.length());
        } else {
            NetskopeFieldSplitter.Malformed m = (NetskopeFieldSplitter.Malformed) r;
            assertThat(m.offset()).isBetween(0, line.length());
            assertThat(m.before()).hasSizeLessThanOrEqualTo(50);
        }
    }

    @Provide
    Arbitrary<Character> separators() {
        return Arbitraries.of(',', ' ', '\t');
    }
}
