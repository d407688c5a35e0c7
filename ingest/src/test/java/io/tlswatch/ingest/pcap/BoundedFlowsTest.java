package io.tlswatch.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table mechanics both transports share, driven directly with a stand-in flow. */
class BoundedFlowsTest {
    private static final BoundedFlows.Counters COUNTERS = new BoundedFlows.Counters(Counter.CONNECTIONS_OPENED,
            Counter.CONNECTIONS_EVICTED, Counter.CONNECTIONS_IDLE_CLOSED);
    private static final long SECOND_US = 1_000_000;

    /** A flow whose buffers the test sets. */
    private static final class TestFlow extends Flow {
        final int id;
        int buffered;

        TestFlow(int id) {
            super(key(id), address(id), new byte[] {10, 99, 0, 1}, 4, 40_000, 443);
            this.id = id;
        }

        @Override
        int capacity() {
            return buffered + retainedBytes;
        }
    }

    private static byte[] address(int id) {
        return new byte[] {10, (byte) (id >> 16), (byte) (id >> 8), (byte) id};
    }

    private static FlowKey key(int id) {
        FlowKey key = new FlowKey();
        key.set(address(id), new byte[] {10, 99, 0, 1}, 4, 40_000, 443);
        return key;
    }

    private final CaptureStats stats = new CaptureStats();
    private final List<String> closes = new ArrayList<>();
    private final List<CapturedConnection> handedOut = new ArrayList<>();

    private BoundedFlows<TestFlow> table(CaptureSettings settings) {
        return new BoundedFlows<>(settings, stats, COUNTERS, (f, reason) -> closes.add(f.id + " " + reason),
                summary -> { }, handedOut::add, 16);
    }

    private static CaptureSettings settings() {
        return CaptureSettings.defaults("tap").withIdleTimeout(Duration.ofSeconds(60));
    }

    private static FlightSummary flight(TestFlow f, int headBytes) {
        return new FlightSummary("tap", Direction.CLIENT_TO_SERVER, f.textA(), f.portA, f.textB(), f.portB, 0, 0,
                true, false, false, 0, headBytes, new byte[headBytes], 0, 0, EmitReason.FLIGHT_COMPLETE, null, null,
                null, f.generation, null);
    }

    @Test
    void theEldestClosedKeyIsForgottenPastTheLimit() {
        BoundedFlows<TestFlow> table = table(settings());
        int n = BoundedFlows.MAX_REMEMBERED_CLOSED + 1;
        for (int id = 0; id < n; id++) {
            TestFlow f = new TestFlow(id);
            f.generation = id == 1 ? 3 : 1;
            table.open(f);
            table.close(f, 0, EmitReason.RST);
        }
        assertThat(table.closedGeneration(key(0))).isNull();
        assertThat(table.closedGeneration(key(1))).isEqualTo(3);
        assertThat(table.closedGeneration(key(n - 1))).isEqualTo(1);
        table.forgetClosed(key(1));
        assertThat(table.closedGeneration(key(1))).isNull();
        assertThat(stats.get(Counter.CONNECTIONS_OPENED)).isEqualTo(n);
    }

    @Test
    void overTheByteBudgetTheLeastRecentlyActiveGoesButNeverTheLastOne() {
        BoundedFlows<TestFlow> table = table(settings().withMaxBufferedBytes(100));
        TestFlow first = new TestFlow(1);
        TestFlow second = new TestFlow(2);
        table.open(first);
        table.open(second);
        second.buffered = 60;
        table.grew(second, 0);
        assertThat(closes).isEmpty(); // within the budget
        // as a caller does: a packet for the first flow finds it (now the most recently active), and it grows
        assertThat(table.get(key(1))).isSameAs(first);
        first.buffered = 50;
        table.grew(first, 0);
        assertThat(closes).containsExactly("2 EVICTED"); // the other one, not the flow that grew
        assertThat(table.get(key(1))).isSameAs(first);
        assertThat(table.bufferedBytes()).isEqualTo(50);
        first.buffered = 500;
        table.grew(first, 50);
        assertThat(closes).containsExactly("2 EVICTED"); // alone in the table: kept however large
        assertThat(table.bufferedBytes()).isEqualTo(500);
        assertThat(stats.get(Counter.CONNECTIONS_EVICTED)).isEqualTo(1);
    }

    @Test
    void pastTheTableSizeTheEldestIsEvicted() {
        BoundedFlows<TestFlow> table = table(settings().withMaxOpenConnections(2));
        for (int id = 1; id <= 3; id++) {
            table.open(new TestFlow(id));
        }
        assertThat(closes).containsExactly("1 EVICTED");
        assertThat(table.closedGeneration(key(1))).isEqualTo(1);
    }

    @Test
    void aFlowLeavingHandsOutItsFlightsAndReleasesTheirBytes() {
        BoundedFlows<TestFlow> table = table(settings());
        TestFlow f = new TestFlow(1);
        table.open(f);
        int before = f.capacity();
        table.send(f, flight(f, 40));
        table.grew(f, before);
        assertThat(table.bufferedBytes()).isEqualTo(40);
        table.leave(f, f.capacity());
        assertThat(closes).isEmpty(); // said all already: no closing summary
        assertThat(handedOut).hasSize(1);
        assertThat(handedOut.get(0).flights()).hasSize(1);
        assertThat(table.bufferedBytes()).isZero();
        assertThat(f.flights).isNull();
        assertThat(stats.get(Counter.SUMMARIES_EMITTED)).isEqualTo(1);
    }

    @Test
    void idleFlowsAreSweptAndSilenceAtTheEndOfTheCaptureIsAnIdleTimeout() {
        BoundedFlows<TestFlow> table = table(settings());
        TestFlow old = new TestFlow(1);
        TestFlow quiet = new TestFlow(2);
        TestFlow recent = new TestFlow(3);
        old.lastUs = 0;
        quiet.lastUs = 100 * SECOND_US;
        recent.lastUs = 109 * SECOND_US;
        table.open(old);
        table.open(quiet);
        table.open(recent);
        table.sweepIdle(100 * SECOND_US);
        assertThat(closes).containsExactly("1 IDLE_TIMEOUT");
        table.onPacket(110 * SECOND_US);
        table.flush(EmitReason.END_OF_CAPTURE);
        // 10 s of silence while the capture went on is the handshake timeout; 1 s is not
        assertThat(closes).containsExactly("1 IDLE_TIMEOUT", "2 IDLE_TIMEOUT", "3 END_OF_CAPTURE");
        assertThat(stats.get(Counter.CONNECTIONS_IDLE_CLOSED)).isEqualTo(2);
        assertThat(table.get(key(3))).isNull();
    }
}
