package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --speed} of {@code simulate} and {@code ingest file}. */
class SpeedTest {
    @Test
    void speedsParseAndPlaceLiveRunsBeforeTheClock() {
        assertThat(Speed.parse("10x").factor()).isEqualTo(10);
        assertThat(Speed.parse("0.5X").factor()).isEqualTo(0.5);
        assertThat(Speed.parse(" 3 ").factor()).isEqualTo(3);
        assertThat(Speed.parse("max").isMax()).isTrue();
        for (String bad : List.of("0", "-1x", "fastx", "1e3", "NaNx", "20000x", "")) {
            assertThatThrownBy(() -> Speed.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        long now = 1_000_000_500L;
        assertThat(Speed.REAL_TIME.liveStartMs(now, 600_000)).isEqualTo(1_000_000_000L);
        // ten minutes at 10x take one: they start nine minutes ago and end at the clock
        assertThat(Speed.parse("10x").liveStartMs(now, 600_000)).isEqualTo(1_000_000_000L - 540_000);
        assertThat(Speed.MAX.liveStartMs(now, 600_000)).isEqualTo(1_000_000_000L - 600_000);
        assertThat(Speed.parse("10x").wallMs(600_000)).isEqualTo(60_000);
    }
}
