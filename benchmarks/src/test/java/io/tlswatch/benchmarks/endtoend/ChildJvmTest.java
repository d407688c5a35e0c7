package io.tlswatch.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
    @TempDir
    Path dir;

    /** A child that explains itself at length on standard error, then exits. */
    public static final class Talker {
        public static void main(String[] args) {
            int lines = Integer.parseInt(args[0]);
            for (int i = 1; i <= lines; i++) {
                System.err.println("line " + i + " " + "x".repeat(100));
            }
            System.err.println();
            System.err.println("  the reason  ");
            System.exit(2);
        }
    }

    private ChildJvm talk(int lines) throws Exception {
        ChildJvm child = ChildJvm.launch(dir.resolve("child-" + lines), "64m", System.getProperty("java.class.path"),
                List.of(), Talker.class.getName(), List.of(String.valueOf(lines)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !child.alive());
        return child;
    }

    @Test
    void theLastWordsAreTheLastThreeLinesThatSaySomething() throws Exception {
        try (ChildJvm child = talk(3)) {
            String x = "x".repeat(100);
            assertThat(child.lastWords()).isEqualTo("line 2 " + x + " / line 3 " + x + " / the reason");
        }
    }

    /** A log of megabytes still gives its last lines (read from its last 8 KB, which this test does not see). */
    @Test
    void aLongLogGivesItsLastLines() throws Exception {
        try (ChildJvm child = talk(20_000)) {
            assertThat(child.stderr().toFile().length()).isGreaterThan(2_000_000);
            assertThat(child.lastWords()).startsWith("line 19999 ").endsWith(" / the reason");
        }
    }
}
