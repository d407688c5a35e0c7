package io.tlswatch.processors.rates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.rates.VipState.Bucket;
import io.tlswatch.processors.rates.VipState.Figures;
import io.tlswatch.processors.rates.VipState.PollerSpan;
import org.junit.jupiter.api.Test;

class VipWindowsTest {
    private static final long B = 5_000;
    private final VipWindows windows = new VipWindows(B, 300_000);

    @Test
    void thePollersCountIsSpreadOverItsIntervalAndExtrapolatedPastTheNewestReading() {
        VipState s = new VipState("b", "10.0.0.1:443");
        s.poller.add(new PollerSpan(0, 60_000, 600));       // 10 per second
        s.poller.add(new PollerSpan(60_000, 120_000, 1200)); // 20 per second
        assertThat(windows.pollerAttempts(s, 30_000, 90_000)).isEqualTo(300 + 600);
        // past the newest reading: its rate
        assertThat(windows.pollerAttempts(s, 120_000, 150_000)).isEqualTo(600);
        assertThat(windows.pollerAttempts(s, 90_000, 150_000)).isEqualTo(600 + 600);
    }

    @Test
    void aResetCounterOrAnAddresslessVipMakesNoDenominator() {
        assertThat(RateInput.of(new io.tlswatch.schemas.VipAttempts("b", "/Common/vs", "10.0.0.1", 443, null, 0,
                60_000, 40, true))).isNull();
        assertThat(RateInput.of(new io.tlswatch.schemas.VipAttempts("b", "/Common/vs", null, null, null, 0,
                60_000, 40, false))).isNull();
        RateInput in = RateInput.of(new io.tlswatch.schemas.VipAttempts("b", "/Common/vs", "10.0.0.1", 443, 2, 0,
                60_000, 40, false));
        assertThat(in.key()).isEqualTo("b/10.0.0.1%2:443");
        assertThat(in.timeMs()).isEqualTo(60_000);
        // the interval is moved to end when its document entered Kafka: the BIG-IP's clock may be off
        assertThat(in.at(99_999).timeMs()).isEqualTo(99_999);
        assertThat(in.at(99_999).fromMs()).isEqualTo(39_999);
        assertThat(RateInput.of(new io.tlswatch.schemas.VipAttempts("b", "/Common/vs", "10.0.0.1", 443, null, 0,
                2_000, 40, false))).as("a reading seconds after another").isNull();
    }

    @Test
    void packetsWinOverEventsWhichWinOverThePoller() {
        VipState s = new VipState("b", "10.0.0.1:443");
        s.poller.add(new PollerSpan(0, 60_000, 600));
        Bucket b = new Bucket();
        b.failures.put("cert_bad", 3L);
        s.buckets.put(55_000L, b);
        Figures f = windows.figures(s, "cert_bad", 60_000, 60_000);
        assertThat(f.attemptsSource()).isEqualTo(RateInput.POLLER);
        assertThat(f.attempts()).isEqualTo(600);
        assertThat(f.ratio()).isEqualTo(3.0 / 600);

        b.successes = 7;
        f = windows.figures(s, "cert_bad", 60_000, 60_000);
        assertThat(f.attemptsSource()).isEqualTo(RateInput.EVENTS);
        assertThat(f.attempts()).isEqualTo(10);

        b.packets = 4;
        f = windows.figures(s, "cert_bad", 60_000, 60_000);
        assertThat(f.attemptsSource()).isEqualTo(RateInput.PACKETS);
        assertThat(f.attempts()).as("never fewer attempts than failures").isEqualTo(4);
    }

    @Test
    void aStalePollerIsNoDenominatorAndScannersAreCountedApart() {
        VipState s = new VipState("b", "10.0.0.1:443");
        s.poller.add(new PollerSpan(0, 60_000, 600));
        Bucket b = new Bucket();
        b.failures.put("not_tls", 2L);
        b.scanners.put("not_tls", 5L);
        s.buckets.put(400_000L, b);
        Figures f = windows.figures(s, "not_tls", 405_000, 60_000);
        assertThat(f.attemptsSource()).isEqualTo("none");
        assertThat(f.ratio()).isNull();
        assertThat(f.failures()).isEqualTo(2);
        assertThat(f.scannerFailures()).isEqualTo(5);
        assertThat(windows.figures(s, VipWindows.ALL, 405_000, 60_000).failures()).isEqualTo(2);
    }

    @Test
    void theShortWindowStartsAtTheClassesFirstFailure() {
        VipState s = new VipState("b", "10.0.0.1:443");
        for (long t = 0; t < 60_000; t += B) {
            Bucket b = new Bucket();
            b.packets = 100;
            if (t >= 40_000) {
                b.failures.put("cert_expired", 20L);
            }
            s.buckets.put(t, b);
        }
        Long first = windows.firstFailure(s, "cert_expired", 59_000, 60_000, false);
        assertThat(first).isEqualTo(40_000L);
        Figures span = windows.figures(s, "cert_expired", first, 59_000, 300_000);
        assertThat(span.ratio()).isEqualTo(0.2);
        assertThat(windows.figures(s, "cert_expired", 59_000, 60_000).ratio()).isEqualTo(80.0 / 1200);
        assertThat(windows.firstFailure(s, "cert_bad", 59_000, 60_000, false)).isNull();
    }
}
