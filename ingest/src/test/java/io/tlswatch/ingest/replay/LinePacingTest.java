package io.tlswatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinePacingTest {
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    /** A clock that moves only when the pacing sleeps, as if sending took no time. */
    private LinePacing pacing(double speed) {
        return new LinePacing(speed, () -> now, nanos -> {
            sleeps.add(nanos / 1_000_000);
            now += nanos;
        });
    }

    @Test
    void waitsTheStampsOffsetDividedByTheSpeed() throws Exception {
        LinePacing p = pacing(10);
        p.await("Feb  1 10:00:00 bigip-01 warning tmm1[1]: 01260013:4: a");
        p.await("Feb  1 10:00:00 bigip-01 warning tmm1[1]: 01260013:4: same second");
        p.await("Feb  1 10:00:10 bigip-01 warning tmm1[1]: 01260013:4: ten seconds later");
        p.await("<134>Feb  1 10:01:00 bigip-01 warning tmm1[1]: 01260013:4: with a PRI");
        assertThat(sleeps).containsExactly(1_000L, 5_000L);
    }

    @Test
    void linesWithoutAStampAndStampsGoingBackGoAtOnce() throws Exception {
        LinePacing p = pacing(1);
        p.await("<141>1 2020-04-14T14:39:05.000+00:00 host apmd 7389 01490248:5: x");
        p.await("{\"data\":\"json\"}");
        p.await("tmm1[20358]: 01260013:4: header stripped");
        p.await("<141>1 2020-04-14T14:39:04.500Z host apmd 7389 01490248:5: half a second back");
        p.await("2020-04-14T14:39:06.250 no offset: UTC");
        assertThat(sleeps).containsExactly(1_250L);
    }

    @Test
    void aStampMoreThanAMinuteBackAnchorsAgain() throws Exception {
        LinePacing p = pacing(1);
        p.await("Feb  1 10:00:00 h tmm[1]: end of ltm.1");
        p.await("Feb  1 10:00:05 h tmm[1]: end of ltm.1");
        p.await("Feb  1 08:00:00 h tmm[1]: start of ltm, two hours back");
        p.await("Feb  1 08:00:02 h tmm[1]: two seconds later");
        assertThat(sleeps).containsExactly(5_000L, 2_000L);
    }

    @Test
    void newYearsEveIsOneSecondNotAYearBack() throws Exception {
        LinePacing p = pacing(1);
        p.await("Dec 31 23:59:59 h tmm[1]: old year");
        p.await("Jan  1 00:00:01 h tmm[1]: new year");
        assertThat(sleeps).containsExactly(2_000L);
    }

    @Test
    void badStampsAreNoStamps() {
        assertThat(LinePacing.stampMs("Feb 30 10:00:00 h x")).isEmpty();
        assertThat(LinePacing.stampMs("Foo  1 10:00:00 h x")).isEmpty();
        assertThat(LinePacing.stampMs("2020-13-01T00:00:00Z x")).isEmpty();
        assertThat(LinePacing.stampMs("<999999>Feb  1 10:00:00")).isEmpty();
        assertThat(LinePacing.stampMs("")).isEmpty();
        assertThat(LinePacing.stampMs("Feb  1 10:00")).isEmpty();
        assertThatThrownBy(() -> pacing(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
