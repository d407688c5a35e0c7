package io.tlswatch.ingest.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary text never throws; every content line after the header is accepted or reported, exactly once. */
class VipCsvProperties {
    private static final String HEADER = "observer,name,address,partition,application,owner,paging_route,"
            + "alert_fire_failures,alert_resolve_failures,alert_window";

    @Property(tries = 500)
    void arbitraryTextNeverThrowsAndEveryRowIsAnsweredOnce(@ForAll("text") String text) {
        VipCsv.Result r = VipCsv.parse(text);
        assertThat(new HashSet<>(contentLines(r.headerLine(), text)))
                .isEqualTo(answered(r));
        assertThat(r.rows().size() + r.problems().size() - (problemOnHeader(r) ? 1 : 0))
                .isEqualTo(contentLines(r.headerLine(), text).size());
    }

    @Property(tries = 500)
    void rowsUnderAGoodHeaderAreAnsweredOnce(@ForAll("rows") List<String> rows) {
        String text = HEADER + "\n" + String.join("\n", rows);
        VipCsv.Result r = VipCsv.parse(text);
        assertThat(r.headerLine()).isEqualTo(1);
        List<Integer> content = contentLines(1, text);
        assertThat(r.rows().size() + r.problems().size()).isEqualTo(content.size());
        assertThat(answered(r)).isEqualTo(new HashSet<>(content));
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> csvish = Arbitraries.of(
                        HEADER, "observer,address", ",", "\"", "\"\"", "#", "\n", "\r\n", "\r", " ", "bigip-01",
                        "10.0.0.1:443", "[::1]:443", "10.1.1.1%2:443", "[", "]", "%", ":", "20", "60s", "PT2M", "\uFEFF")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(noise, csvish);
    }

    @Provide
    Arbitrary<List<String>> rows() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.of("", "bigip-01", "10.0.0.1:443", "[2001:db8::1]:443", "10.0.0.1%2:443", "5", "60s",
                        "\"a,b\"", "\"", "#x", " "),
                Arbitraries.strings().ofMaxLength(12));
        return field.list().ofMinSize(0).ofMaxSize(12).map(f -> String.join(",", f)).list().ofMaxSize(20);
    }

    /** Numbers of the lines after the header that are neither blank nor comments (line ends as the parser sees them). */
    private static List<Integer> contentLines(int headerLine, String text) {
        List<Integer> lines = new ArrayList<>();
        if (headerLine == 0) {
            return lines;
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] split = t.split("\r\n|\r|\n", -1);
        int count = t.isEmpty() ? 0 : (t.endsWith("\n") || t.endsWith("\r") ? split.length - 1 : split.length);
        for (int i = 0; i < count; i++) {
            String s = split[i].strip();
            if (i + 1 > headerLine && !s.isEmpty() && s.charAt(0) != '#') {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    private static boolean problemOnHeader(VipCsv.Result r) {
        return r.problems().stream().anyMatch(p -> p.line() == r.headerLine());
    }

    private static Set<Integer> answered(VipCsv.Result r) {
        Set<Integer> lines = new HashSet<>();
        r.rows().forEach(row -> assertThat(lines.add(row.line())).isTrue());
        r.problems().stream().filter(p -> p.line() != r.headerLine())
                .forEach(p -> assertThat(lines.add(p.line())).as("line %d answered twice", p.line()).isTrue());
        return lines;
    }
}
