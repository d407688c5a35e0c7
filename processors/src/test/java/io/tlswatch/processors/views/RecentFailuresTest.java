package io.tlswatch.processors.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.rates.RateInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentFailuresTest {
    private static RateInput failure(long t, String sni) {
        return new RateInput(RateInput.FAILURE, t, "o", "10.0.0.1:443", null, "cert_expired", null, sni, "192.0.2.1",
                null, List.of("TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3", "a", "b", "c", "d", "e", "f"), "line", 0, 0);
    }

    @Test
    void keepsTheNewestFirstUpToTheBoundWithValuesCut() {
        RecentFailures r = new RecentFailures();
        assertThat(r.newestMs()).isEqualTo(Long.MIN_VALUE);
        for (int i = 0; i < 40; i++) {
            r.add(failure(1000L + i, i == 39 ? "x".repeat(5000) : "s" + i));
        }
        assertThat(r.failures).hasSize(RecentFailures.MAX);
        assertThat(r.newestMs()).isEqualTo(1039L);
        assertThat(r.failures.get(1).sni()).isEqualTo("s38");
        assertThat(r.failures.get(RecentFailures.MAX - 1).timeMs()).isEqualTo(1039L - RecentFailures.MAX + 1);
        assertThat(r.failures.get(0).sni()).hasSize(RecentFailures.MAX_CHARS);
        assertThat(r.failures.get(0).offeredVersions()).hasSize(8);
    }
}
