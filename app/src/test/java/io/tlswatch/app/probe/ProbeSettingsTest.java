package io.tlswatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.TlswatchConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProbeSettingsTest {
    @Test
    void offByDefaultWithBoundedDefaults() {
        ProbeSettings s = ProbeSettings.from(TlswatchConfig.of(Map.of()));

        assertThat(s).isEqualTo(new ProbeSettings(false, 6, Duration.ofSeconds(5), 3, "tlswatch-probe"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> ProbeSettings.from(TlswatchConfig.of(Map.of("probe.enabled", "maybe"))))
                .hasMessage("probe.enabled: true or false, got 'maybe'");
        assertThatThrownBy(() -> ProbeSettings.from(TlswatchConfig.of(Map.of("probe.max.per.minute", "0"))))
                .hasMessage("probe.max.per.minute: within 1..60, got 0");
        assertThatThrownBy(() -> ProbeSettings.from(TlswatchConfig.of(Map.of("probe.timeout", "5 min"))))
                .hasMessageStartingWith("probe.timeout: ");
        assertThatThrownBy(() -> ProbeSettings.from(TlswatchConfig.of(Map.of("probe.timeout", "2m"))))
                .hasMessageStartingWith("probe.timeout: within 1ms..1m");
        assertThatThrownBy(() -> ProbeSettings.from(TlswatchConfig.of(Map.of("probe.max.snis", "11"))))
                .hasMessage("probe.max.snis: within 1..10, got 11");
        assertThatThrownBy(() -> ProbeSettings.from(TlswatchConfig.of(Map.of("probe.ca.file", "/no/such.pem"))))
                .hasMessage("probe.ca.file: /no/such.pem: no such file");
    }

    @Test
    void aMisspeltKeyIsAnErrorWithASuggestion() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("probe.enable", "true")).validate())
                .hasMessage("probe.enable: unknown setting; did you mean probe.enabled?");
    }

    @Test
    void theBucketAllowsItsBurstThenRefillsEvenlyOverTheMinute() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(6, now::get);
        for (int i = 0; i < 6; i++) {
            assertThat(bucket.tryTake()).as("token %d", i).isTrue();
        }
        assertThat(bucket.tryTake()).isFalse();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(bucket.tryTake()).as("9 s refill less than one token").isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(bucket.tryTake()).as("10 s refill one token").isTrue();
        assertThat(bucket.tryTake()).isFalse();
        // an idle hour refills the bucket, not more
        now.addAndGet(Duration.ofHours(1).toNanos());
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(6);
    }
}
