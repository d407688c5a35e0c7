package io.tlswatch.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static ResultTable.AppRun run(long records, long millis) {
        return new ResultTable.AppRun(new GroupProgress.Result(records, 1_000, 1_000 + millis, 0, -1, 0),
                new GcLog(3, 200, 100, 30, 15), 5_000_000, null);
    }

    @Test
    void medianRoundByThroughput() {
        ResultTable.AppRun slow = run(1_000, 1_000);
        ResultTable.AppRun middle = run(2_000, 1_000);
        ResultTable.AppRun fast = run(3_000, 1_000);
        assertThat(ResultTable.median(List.of(fast, slow, middle))).isSameAs(middle);
        assertThat(ResultTable.median(List.of(fast, slow))).isSameAs(slow);
        assertThat(ResultTable.median(List.of())).isNull();
    }

    @Test
    void tableShowsBothApplicationsAndTheRatio() {
        ResultTable table = new ResultTable("--records 1000", new FeedProducer.Composition(), 60_000, "1.00 1.00 1.00");
        table.heap("512m");
        table.passThrough(List.of(run(100_000, 2_000)));
        table.tlswatch(List.of(run(100_000, 5_000)));
        String text = table.render();

        assertThat(text).contains("| **throughput, records/s** | 50,000 | 20,000 | 0.40 |")
                .contains("-Xmx512m").contains("--records 1000").doesNotContain("warning");

        // a round whose topics stayed on the broker is said in the table, not only on the terminal
        table.warnings(List.of("(a) round 1: could not delete its topics (timeout)"));
        assertThat(table.render()).contains("- **warning:** (a) round 1: could not delete its topics (timeout)\n");
    }

    @Test
    void theSecondHalfIsTheRateAfterHalfTheRecordsWereCommitted() {
        // 100 000 records in 5 s; the second 50 000 took the last 2 s: a slow start, 25 000 records/s once warm
        GroupProgress.Result r = new GroupProgress.Result(100_000, 1_000, 6_000, 0, 4_000, 50_000);
        assertThat(r.recordsPerSecond()).isEqualTo(20_000);
        assertThat(r.secondHalfRecordsPerSecond()).isEqualTo(25_000);
        assertThat(new GroupProgress.Result(100_000, 1_000, 6_000, 0, -1, 0).secondHalfRecordsPerSecond()).isZero();

        ResultTable table = new ResultTable("", new FeedProducer.Composition(), 60_000, "1.00 1.00 1.00");
        table.passThrough(List.of(new ResultTable.AppRun(new GroupProgress.Result(100_000, 1_000, 3_000, 0, 2_000,
                50_000), new GcLog(3, 200, 100, 30, 15), 0, null)));
        table.tlswatch(List.of(new ResultTable.AppRun(r, new GcLog(3, 200, 100, 30, 15), 0, null)));
        assertThat(table.render()).contains("| throughput over the second half, records/s (warmed up) | 50,000 | 25,000"
                + " | 0.50 |");

        // one read saw the half and the end: no figure rather than 0
        ResultTable quick = new ResultTable("", new FeedProducer.Composition(), 60_000, "1.00 1.00 1.00");
        quick.tlswatch(List.of(new ResultTable.AppRun(new GroupProgress.Result(100_000, 1_000, 1_100, 0, 1_100,
                0), new GcLog(3, 200, 100, 30, 15), 0, null)));
        assertThat(quick.render()).contains("| throughput over the second half, records/s (warmed up) | – | – |  |");
    }
}
