package io.tlswatch.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
    @Test
    void takesPeaksAndPausesFromEveryPauseLineOnly() {
        GcLog log = GcLog.parse(List.of(
                "[0.015s][info][gc] Using G1",
                "[2.216s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 21M->5M(380M) 6.686ms",
                "[6.812s][info][gc] GC(4) Pause Remark 211M->120M(380M) 9.058ms",
                "[6.860s][info][gc] GC(4) Pause Cleanup 12M->12M(44M) 0.048ms",
                "[7.100s][info][gc] GC(4) Concurrent Mark Cycle 350.125ms",
                "[9.000s][info][gc] GC(5) Pause Young (Concurrent Start) (G1 Humongous Allocation) 230M->90M(512M) 40.5ms"));

        assertThat(log.pauses()).isEqualTo(4);
        assertThat(log.peakBeforeMb()).isEqualTo(230);
        assertThat(log.peakAfterMb()).isEqualTo(120);
        assertThat(log.maxPauseMs()).isEqualTo(40.5);
        // the concurrent cycle runs beside the application: not a pause
        assertThat(log.totalPauseMs()).isCloseTo(6.686 + 9.058 + 0.048 + 40.5, within(1e-9));
    }

    @Test
    void noLogMeansNoFigures() {
        assertThat(GcLog.parse(List.of())).isEqualTo(new GcLog(0, 0, 0, 0, 0));
    }
}
