package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void unitsAndIsoAreOneGrammar() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse(" 5m ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("pt30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("P1D")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("negative duration: '-5s'");
        assertThatThrownBy(() -> Durations.parse("PT-5S")).hasMessageContaining("negative duration");
        assertThatThrownBy(() -> Durations.parse("-PT5S")).hasMessageContaining("negative duration");
    }

    @Test
    void anythingElseSaysWhatToWrite() {
        for (String bad : new String[] {"", "5", "5x", "s", "five minutes", "1.5m", "9999999999999s", "5 m s",
            "P", "PTXS", "5 m", "x".repeat(100)}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a duration such as");
        }
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parsePositive("0s")).hasMessageContaining("positive");
    }

    @Test
    void formatWritesWhatParseReads() {
        for (Duration d : new Duration[] {Duration.ofDays(30), Duration.ofHours(5), Duration.ofMinutes(90),
            Duration.ofSeconds(45), Duration.ofMillis(1500), Duration.ZERO}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    }
}
