package io.tlswatch.ingest.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Arbitrary text never throws; every content line after the header is accepted or reported, exactly once. */
class VipCsvProperties {
    private static final String HEADER = "observer,name,address,partition,application,owner,paging_route,"
            + "alert_fire_failures,alert_resolve_failures,alert_window";

    @Test
    void arbitraryTextNeverThrowsAndEveryRowIsAnsweredOnce() {
        PropertyCheck.forAll(500, VipCsvProperties::text, Shrink.string(), text -> {
            VipCsv.Result r = VipCsv.parse(text);
            assertThat(new HashSet<>(contentLines(r.headerLine(), text)))
                    .isEqualTo(answered(r));
            assertThat(r.rows().size() + r.problems().size() - (problemOnHeader(r) ? 1 : 0))
                    .isEqualTo(contentLines(r.headerLine(), text).size());
        });
    }

    @Test
    void rowsUnderAGoodHeaderAreAnsweredOnce() {
        PropertyCheck.forAll(500, VipCsvProperties::rows, Shrink.list(), rows -> {
            String text = HEADER + "\n" + String.join("\n", rows);
            VipCsv.Result r = VipCsv.parse(text);
            assertThat(r.headerLine()).isEqualTo(1);
            List<Integer> content = contentLines(1, text);
            assertThat(r.rows().size() + r.problems().size()).isEqualTo(content.size());
            assertThat(answered(r)).isEqualTo(new HashSet<>(content));
        });
    }

    /** Half the time any text, half the time CSV-like pieces (header, quotes, line ends, addresses) glued. */
    private static String text(Gen g) {
        if (g.bool()) {
            return g.string(200);
        }
        return String.join("", g.list(0, 40, x -> x.of(
                HEADER, "observer,address", ",", "\"", "\"\"", "#", "\n", "\r\n", "\r", " ", "bigip-01",
                "10.0.0.1:443", "[::1]:443", "10.1.1.1%2:443", "[", "]", "%", ":", "20", "60s", "PT2M", "\uFEFF")));
    }

    private static List<String> rows(Gen g) {
        return g.list(0, 20, r -> String.join(",", r.list(0, 12, f -> f.bool()
                ? f.of("", "bigip-01", "10.0.0.1:443", "[2001:db8::1]:443", "10.0.0.1%2:443", "5", "60s",
                        "\"a,b\"", "\"", "#x", " ")
                : f.string(12))));
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
