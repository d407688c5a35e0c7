package io.tlswatch.processors.decode.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.telemetry.AttemptCounter.Kind;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Reading;
import io.tlswatch.processors.decode.telemetry.AttemptCounter.Step;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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

    /** A counter's first value, then per poll: what it grew by and how long after the previous poll. */
    record Growth(long first, List<Long> increments, List<Long> gaps) {}

    @Test
    void overANonDecreasingCounterTheDeltasSumToLastMinusFirst() {
        PropertyCheck.forAll(500, g -> new Growth(g.between(0, 1_000_000_000_000L),
                g.list(1, 60, x -> x.between(0L, 1_000_000L)), g.list(61, 61, x -> x.between(1L, 600_000L))),
                AttemptCounterProperties::checkNonDecreasing);
    }

    private static void checkNonDecreasing(Growth in) {
        long first = in.first();
        List<Long> increments = in.increments();
        List<Long> gaps = in.gaps();
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

    @Test
    void withResetsTheDeltasSumToTheConnectionsMade() {
        record Polls(long first, List<Increment> increments) {}
        PropertyCheck.forAll(500, g -> new Polls(g.between(1L, 1_000_000L),
                        g.list(1, 50, x -> new Increment(x.between(0L, 10_000L), x.bool()))),
                Shrink.<Increment>list().on(Polls::increments, (p, l) -> new Polls(p.first(), l)),
                in -> checkWithResets(in.first(), in.increments()));
    }

    private static void checkWithResets(long first, List<Increment> increments) {
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

    /** Polls of a growing counter, some delivered more than once, in a shuffled order. */
    record Delivery(List<Long> increments, int duplicates, long shuffleSeed) {}

    @Test
    void inAnyDeliveryOrderWithDuplicatesNothingIsCountedTwice() {
        PropertyCheck.forAll(500, g -> new Delivery(g.list(1, 40, x -> x.between(0L, 1_000L)), g.between(0, 100),
                g.anyLong()), in -> checkDelivery(in.increments(), in.duplicates(), in.shuffleSeed()));
    }

    private static void checkDelivery(List<Long> increments, int duplicates, long seed) {
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
