package io.tlswatch.processors.decode.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.telemetry.AttemptCounter.Kind;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Reading;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Step;
import io.tlswatch.schemas.VipTrafficSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The counter arithmetic against a reference model: attempts are never lost, never counted twice. */
class AttemptCounterProperties {
    private static final long T0 = 1_769_932_800_000L;

    private static VipTrafficSample sample(long total, long timestampMs) {
        return new VipTrafficSample("bigip1", "/Common/app_vs", "10.0.0.1", 443, null, timestampMs, total);
    }

    /** Feeds the samples in order; returns the sum of the deltas. */
    private static long run(List<VipTrafficSample> samples, List<Step> steps) {
        Reading state = null;
        long sum = 0;
        for (VipTrafficSample s : samples) {
            Step step = AttemptCounter.next(state, s);
            steps.add(step);
            assertThat(step.attempts()).isNotNegative();
            if (!step.kind().counts()) {
                assertThat(step.attempts()).isZero();
            }
            sum += step.delta().orElse(0);
            state = step.state();
        }
        return sum;
    }

    @Property(tries = 500)
    void overANonDecreasingCounterTheDeltasSumToLastMinusFirst(
            @ForAll @LongRange(max = 1_000_000_000_000L) long first,
            @ForAll @Size(min = 1, max = 60) List<@LongRange(max = 1_000_000) Long> increments,
            @ForAll @Size(min = 61, max = 61) List<@LongRange(min = 1, max = 600_000) Long> gaps) {
        List<VipTrafficSample> samples = new ArrayList<>();
        long total = first;
        long t = T0;
        samples.add(sample(total, t));
        for (int i = 0; i < increments.size(); i++) {
            total += increments.get(i);
            t += gaps.get(i);
            samples.add(sample(total, t));
        }
        List<Step> steps = new ArrayList<>();

        long sum = run(samples, steps);

        assertThat(sum).isEqualTo(total - first);
        assertThat(steps.get(0).kind()).isEqualTo(Kind.FIRST);
        assertThat(steps.subList(1, steps.size())).allMatch(s -> s.kind() == Kind.DELTA);
    }

    /** One step of the reference model: connections since the last poll, and whether the counter restarted. */
    record Increment(long connections, boolean resetBefore) {}

    @Property(tries = 500)
    void withResetsTheDeltasSumToTheConnectionsMade(
            @ForAll @LongRange(min = 1, max = 1_000_000) long first,
            @ForAll("increments") List<Increment> increments) {
        // the model: a reset puts the counter back to 0 just after a poll; it is detectable when the new
        // value is below the old one, which the generator guarantees by making it a fresh, smaller count
        List<VipTrafficSample> samples = new ArrayList<>();
        long total = first;
        long t = T0;
        long made = 0;
        int resets = 0;
        samples.add(sample(total, t));
        for (Increment inc : increments) {
            t += 60_000;
            if (inc.resetBefore() && inc.connections() < total) {
                total = inc.connections();
                resets++;
            } else {
                total += inc.connections();
            }
            made += inc.connections();
            samples.add(sample(total, t));
        }
        List<Step> steps = new ArrayList<>();

        long sum = run(samples, steps);

        assertThat(sum).isEqualTo(made);
        assertThat(steps).filteredOn(Step::reset).hasSize(resets);
    }

    @Provide
    Arbitrary<List<Increment>> increments() {
        Arbitrary<Increment> inc = Arbitraries.longs().between(0, 10_000)
                .flatMap(n -> Arbitraries.of(true, false).map(r -> new Increment(n, r)));
        return inc.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 500)
    void inAnyDeliveryOrderWithDuplicatesNothingIsCountedTwice(
            @ForAll @Size(min = 1, max = 40) List<@LongRange(max = 1_000) Long> increments,
            @ForAll @LongRange(max = 100) long duplicates,
            @ForAll long seed) {
        List<VipTrafficSample> inOrder = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < increments.size(); i++) {
            total += increments.get(i);
            inOrder.add(sample(total, T0 + i * 60_000L));
        }
        Random random = new Random(seed);
        List<VipTrafficSample> delivered = new ArrayList<>(inOrder);
        for (int i = 0; i < duplicates; i++) {
            delivered.add(inOrder.get(random.nextInt(inOrder.size())));
        }
        Collections.shuffle(delivered, random);

        long sum = run(delivered, new ArrayList<>());

        // the first delivered reading is the baseline; the newest one is always taken into account
        VipTrafficSample newest = inOrder.get(inOrder.size() - 1);
        assertThat(sum).isEqualTo(newest.totalConnections() - delivered.get(0).totalConnections());
    }
}
