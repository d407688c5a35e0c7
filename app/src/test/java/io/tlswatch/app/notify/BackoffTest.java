package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0, () -> 0.99);
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delay(Integer.MAX_VALUE)).as("no overflow after many retries").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterOnlyShortensAndStaysWithinItsShare() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, () -> 0.999_999);
        assertThat(low.delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(high.delay(4)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(6401));
        assertThat(high.delay(30)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(60));
    }

    @Test
    void retryAfterFromTheServerWinsOverTheSchedule() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0, () -> 0.5);
        assertThat(b.delay(3, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        assertThat(b.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2)).delay(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(Backoff.parseRetryAfter("1", NOW)).contains(Duration.ofSeconds(1));
        assertThat(Backoff.parseRetryAfter(" 120 ", NOW)).contains(Duration.ofMinutes(2));
        assertThat(Backoff.parseRetryAfter("0", NOW)).contains(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter("99999999999999999999", NOW)).contains(Backoff.MAX_RETRY_AFTER);
        assertThat(Backoff.parseRetryAfter("86400", NOW)).contains(Backoff.MAX_RETRY_AFTER);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).as("in the past: now")
                .contains(Duration.ZERO);
    }

    @Test
    void unusableRetryAfterIsIgnored() {
        for (String v : new String[] {null, "", "  ", "-5", "1.5", "soon", "Wed, 32 Oct 2015 07:28:00 GMT"}) {
            assertThat(Backoff.parseRetryAfter(v, NOW)).as("'%s'", v).isEmpty();
        }
    }
}
