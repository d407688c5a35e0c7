package io.tlswatch.processors.decode.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Kind;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Reading;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Step;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.VipTrafficSample;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AttemptCounterTest {
    private static final long T0 = Instant.parse("2026-02-01T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private static VipTrafficSample sample(long total, long timestampMs) {
        return new VipTrafficSample("bigip1", "/Common/app_vs", "10.0.0.1", 443, null, timestampMs, total);
    }

    @Test
    void theFirstReadingHasNoDelta() {
        Step s = AttemptCounter.next(null, sample(1000, T0));

        assertThat(s.kind()).isEqualTo(Kind.FIRST);
        assertThat(s.delta()).isEmpty();
        assertThat(s.attempts()).isZero();
        assertThat(s.state()).isEqualTo(new Reading(1000, T0));
        assertThat(AttemptCounter.delta(null, 0, sample(1000, T0))).isEmpty();
    }

    @Test
    void aLaterReadingCountsTheDifference() {
        Step s = AttemptCounter.next(new Reading(1000, T0), sample(1250, T0 + MINUTE));

        assertThat(s.kind()).isEqualTo(Kind.DELTA);
        assertThat(s.delta()).hasValue(250);
        assertThat(s.intervalMs()).isEqualTo(MINUTE);
        assertThat(s.reset()).isFalse();
        assertThat(s.state()).isEqualTo(new Reading(1250, T0 + MINUTE));
        assertThat(AttemptCounter.delta(1000L, T0, sample(1250, T0 + MINUTE))).hasValue(250);
    }

    @Test
    void anIdleVipCountsZero() {
        Step s = AttemptCounter.next(new Reading(1000, T0), sample(1000, T0 + MINUTE));

        assertThat(s.kind()).isEqualTo(Kind.DELTA);
        assertThat(s.delta()).hasValue(0);
    }

    @Test
    void aCounterThatWentDownWasResetAndCountsItsNewValue() {
        // BIG-IP restarted (or stats were reset) between the polls: 40 connections since then
        Step s = AttemptCounter.next(new Reading(1_000_000, T0), sample(40, T0 + MINUTE));

        assertThat(s.kind()).isEqualTo(Kind.RESET);
        assertThat(s.reset()).isTrue();
        assertThat(s.delta()).hasValue(40);
        assertThat(s.state()).isEqualTo(new Reading(40, T0 + MINUTE));
        assertThat(AttemptCounter.delta(1_000_000L, T0, sample(40, T0 + MINUTE))).hasValue(40);

        Step afterReset = AttemptCounter.next(s.state(), sample(0, T0 + 2 * MINUTE));
        assertThat(afterReset.kind()).isEqualTo(Kind.RESET);
        assertThat(afterReset.delta()).hasValue(0);
    }

    @Test
    void anOlderReadingIsIgnoredAndTheStateKept() {
        Reading stored = new Reading(1250, T0 + MINUTE);

        Step s = AttemptCounter.next(stored, sample(1000, T0));

        assertThat(s.kind()).isEqualTo(Kind.OUT_OF_ORDER);
        assertThat(s.delta()).isEmpty();
        assertThat(s.intervalMs()).isEqualTo(-MINUTE);
        assertThat(s.state()).isSameAs(stored);
        // even when its value is larger: it is still older
        assertThat(AttemptCounter.next(stored, sample(9999, T0)).delta()).isEmpty();
        assertThat(AttemptCounter.delta(1250L, T0 + MINUTE, sample(1000, T0))).isEmpty();
    }

    @Test
    void aReadingWithTheSameTimestampIsADuplicate() {
        Reading stored = new Reading(1250, T0);

        Step s = AttemptCounter.next(stored, sample(1250, T0));
        Step differing = AttemptCounter.next(stored, sample(1300, T0));

        assertThat(s.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(s.delta()).isEmpty();
        assertThat(s.state()).isSameAs(stored);
        assertThat(differing.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(differing.state()).isSameAs(stored);
    }

    @Test
    void ignoredReadingsLoseNothingTheNextInOrderReadingCountsIt() {
        Reading r = AttemptCounter.next(null, sample(100, T0)).state();
        Step late = AttemptCounter.next(r, sample(50, T0 - MINUTE));
        Step dup = AttemptCounter.next(late.state(), sample(100, T0));
        Step next = AttemptCounter.next(dup.state(), sample(175, T0 + MINUTE));

        assertThat(next.delta()).hasValue(75);
    }

    @Test
    void counterValuesUpToLongMax() {
        assertThat(AttemptCounter.next(new Reading(0, T0), sample(Long.MAX_VALUE, T0 + 1)).delta())
                .hasValue(Long.MAX_VALUE);
        assertThat(AttemptCounter.next(new Reading(Long.MAX_VALUE, T0), sample(Long.MAX_VALUE, T0 + 1)).delta())
                .hasValue(0);
    }

    @Test
    void kindsThatCount() {
        assertThat(Kind.DELTA.counts()).isTrue();
        assertThat(Kind.RESET.counts()).isTrue();
        assertThat(Kind.FIRST.counts()).isFalse();
        assertThat(Kind.DUPLICATE.counts()).isFalse();
        assertThat(Kind.OUT_OF_ORDER.counts()).isFalse();
    }

    @Test
    void twoPollerDocumentsGiveTheAttemptsBetweenThem() {
        TelemetryDecoder decoder = new TelemetryDecoder();
        VipTrafficSample first = onlySample(decoder.decode(poller("2026-02-01T08:00:00Z", 1000), -1));
        VipTrafficSample second = onlySample(decoder.decode(poller("2026-02-01T08:01:00Z", 1420), -1));

        Step s = AttemptCounter.next(AttemptCounter.next(null, first).state(), second);

        assertThat(s.delta()).hasValue(420);
        assertThat(s.intervalMs()).isEqualTo(MINUTE);
        assertThat(AttemptCounter.delta(first.totalConnections(), first.timestampMs(), second))
                .isEqualTo(OptionalLong.of(420));
    }

    private static ObjectNode poller(String timestamp, long totConns) {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "systemInfo");
        doc.putObject("system").put("hostname", "bigip1").put("systemTimestamp", timestamp);
        doc.putObject("virtualServers").putObject("/Common/app_vs")
                .put("destination", "10.0.0.1:443").put("clientside.totConns", totConns);
        return doc;
    }

    private static VipTrafficSample onlySample(LogDecodeResult r) {
        assertThat(r).isInstanceOf(LogDecodeResult.Telemetry.class);
        assertThat(((LogDecodeResult.Telemetry) r).samples()).hasSize(1);
        return ((LogDecodeResult.Telemetry) r).samples().get(0);
    }
}
