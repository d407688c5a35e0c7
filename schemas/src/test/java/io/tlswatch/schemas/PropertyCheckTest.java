package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The property runner of the test kit: it fails with a seed that replays the input, and it shrinks. */
class PropertyCheckTest {

    @AfterEach
    void clearSeed() {
        System.clearProperty(PropertyCheck.SEED_PROPERTY);
    }

    @Test
    void aFailureNamesTheSeedAndTheSeedReplaysTheSameInput() {
        List<byte[]> seen = new ArrayList<>();
        AssertionError first = catchFailure(() -> PropertyCheck.forAll(1_000, g -> g.bytes(64), bytes -> {
            seen.add(bytes);
            assertThat(bytes).doesNotContain((byte) 7);
        }));
        assertThat(first.getMessage()).contains("property failed on try ", " of 1000", "seed ", "input: byte[");
        assertThat(first.getCause()).isInstanceOf(AssertionError.class);

        Matcher seed = Pattern.compile("seed (-?\\d+)").matcher(first.getMessage());
        assertThat(seed.find()).isTrue();
        System.setProperty(PropertyCheck.SEED_PROPERTY, seed.group(1));
        List<byte[]> replayed = new ArrayList<>();
        AssertionError again = catchFailure(() -> PropertyCheck.forAll(1_000, g -> g.bytes(64), bytes -> {
            replayed.add(bytes);
            assertThat(bytes).doesNotContain((byte) 7);
        }));
        assertThat(again.getMessage()).isEqualTo(first.getMessage());
        // the replay drew the same inputs up to the failure (the shrink then adds its own evaluations)
        int tries = Integer.parseInt(first.getMessage().replaceAll("(?s)^property failed on try (\\d+).*", "$1"));
        assertThat(replayed.subList(0, tries)).containsExactlyElementsOf(seen.subList(0, tries));
    }

    @Test
    void bytesShrinkToTheShortestFailingInput() {
        AssertionError e = catchFailure(() -> PropertyCheck.forAll(500, g -> g.bytes(200, 400), Shrink.bytes(),
                bytes -> assertThat(bytes.length).isLessThan(100)));
        assertThat(e.getMessage()).contains("shrunk (").contains("byte[100] ");
    }

    @Test
    void stringsAndListsShrinkToo() {
        AssertionError s = catchFailure(() -> PropertyCheck.forAll(500, g -> g.string("abx", 30, 60), Shrink.string(),
                text -> assertThat(text).doesNotContain("x")));
        assertThat(s.getMessage()).contains("shrunk (").contains(": \"x\"\n");
        AssertionError l = catchFailure(() -> PropertyCheck.forAll(500, g -> g.list(5, 20, x -> x.between(0, 9)),
                Shrink.list(), list -> assertThat(list.stream().mapToInt(Integer::intValue).sum()).isLessThan(9)));
        assertThat(l.getMessage()).contains("shrunk (");
    }

    @Test
    void recordsAreDescribedByComponent() {
        record Input(byte[] head, String text, int n) {}
        assertThat(PropertyCheck.describe(new Input(new byte[] {1, (byte) 0xff}, "a\"\n\u00e9", 3)))
                .isEqualTo("Input[head=byte[2] 01ff, text=\"a\\\"\\n\\u00e9\", n=3]");
    }

    @Test
    void rangesReachTheirEdges() {
        Set<Integer> edges = new HashSet<>();
        Set<Integer> lengths = new HashSet<>();
        PropertyCheck.forAll(2_000, g -> new int[] {g.between(3, 1_000_000), g.bytes(5, 3_000).length}, v -> {
            edges.add(v[0]);
            lengths.add(v[1]);
        });
        assertThat(edges).contains(3, 4, 1_000_000, 999_999);
        assertThat(lengths).contains(5, 3_000);
        Gen g = new Gen(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(g.between(Long.MIN_VALUE + 1, Long.MAX_VALUE)).isNotEqualTo(Long.MIN_VALUE);
            assertThat(g.between(-5, 5)).isBetween(-5, 5);
            assertThat(g.string(10).length()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aPropertyThatHoldsPasses() {
        PropertyCheck.forAll(100, g -> g.string(50), text -> assertThat(text.length()).isLessThanOrEqualTo(50));
    }

    @Test
    void aThrowingGeneratorIsReportedWithTheSeed() {
        assertThatThrownBy(() -> PropertyCheck.forAll(10, g -> {
            throw new IllegalStateException("boom");
        }, x -> { })).isInstanceOf(AssertionError.class).hasMessageContaining("generator failed on try 1 of 10")
                .hasMessageContaining("seed ").hasCauseInstanceOf(IllegalStateException.class);
    }

    private static AssertionError catchFailure(Runnable run) {
        try {
            run.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("the property did not fail");
    }
}
