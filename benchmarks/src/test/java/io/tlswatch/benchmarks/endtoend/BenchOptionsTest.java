package io.tlswatch.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {

    private static BenchOptions parse(String... args) {
        BenchOptions options = new BenchOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void theDefaultsAreUsableAndValuesOutOfRangeAreNamed() {
        assertThat(parse().problem()).isNull();
        assertThat(parse("--records", "0").problem()).contains("--records");
        assertThat(parse("--rounds", "0").problem()).contains("--rounds");
        assertThat(parse("--packet-percent", "100").problem()).contains("--packet-percent");
        assertThat(parse("--live-load", "-1").problem()).contains("--live-load");
        assertThat(parse("--drain-timeout", "0").problem()).contains("--drain-timeout");
        assertThat(parse("--max-live-rate", "0").problem()).contains("--max-live-rate");
    }

    @Test
    void tlswatchRunsOnTheLaunchersCollectorUnlessTheFlagsNameAnother() {
        assertThat(parse().tlswatchJvmOptions()).containsExactly("-XX:+UseParallelGC");
        assertThat(parse("--tlswatch-jvm-opts", "-XX:StartFlightRecording=filename=b.jfr").tlswatchJvmOptions())
                .containsExactly("-XX:+UseParallelGC", "-XX:StartFlightRecording=filename=b.jfr");
        assertThat(parse("--tlswatch-jvm-opts", "-XX:+UseG1GC -Xss1m").tlswatchJvmOptions())
                .containsExactly("-XX:+UseG1GC", "-Xss1m");
        assertThat(parse().passThroughJvmOptions()).isEmpty();
    }

    @Test
    void theLiveRateIsAFractionOfTheThroughputUpToItsBoundUnlessGivenOutright() {
        assertThat(parse().liveRate(30_000)).isEqualTo(15_000);
        assertThat(parse().liveRate(90_000)).isEqualTo(20_000);
        assertThat(parse("--max-live-rate", "50000").liveRate(90_000)).isEqualTo(45_000);
        assertThat(parse("--live-rate", "33000").liveRate(90_000)).isEqualTo(33_000);
    }
}
