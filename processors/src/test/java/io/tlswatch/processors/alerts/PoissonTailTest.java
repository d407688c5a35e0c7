package io.tlswatch.processors.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonTailTest {

    /** The tail summed term by term from zero, the slow way, for small means. */
    private static double direct(long k, double mean) {
        double below = 0;
        double term = Math.exp(-mean);
        for (long i = 0; i < k; i++) {
            below += term;
            term *= mean / (i + 1);
        }
        return 1 - below;
    }

    @Test
    void matchesTheDirectSumWhereItIsSmall() {
        for (double mean : new double[] {0.1, 0.5, 1.6, 4.8, 12}) {
            for (long k = (long) Math.ceil(mean) + 1; k < mean + 30; k++) {
                double expected = direct(k, mean);
                if (expected > 1e-9) {
                    assertThat(PoissonTail.atLeast(k, mean)).as("k=%d mean=%s", k, mean)
                            .isCloseTo(expected, within(expected * 1e-6));
                }
            }
        }
    }

    @Test
    void knownValues() {
        // P(X >= 5 | 1.6) = 0.02368, P(X >= 9 | 1.6) = 4.5376e-5 (summed with exact factorials, independently)
        assertThat(PoissonTail.atLeast(5, 1.6)).isCloseTo(0.02368, within(0.00001));
        assertThat(PoissonTail.atLeast(9, 1.6)).isCloseTo(4.5376e-5, within(0.001e-5));
    }

    @Test
    void edges() {
        assertThat(PoissonTail.atLeast(0, 3)).isEqualTo(1);
        assertThat(PoissonTail.atLeast(3, 0)).as("never seen: any failure is news").isZero();
        assertThat(PoissonTail.atLeast(2, 5)).as("at or below the mean").isEqualTo(1);
        assertThat(PoissonTail.atLeast(Long.MAX_VALUE / 2, 3)).isZero();
        assertThat(PoissonTail.atLeast(1_000_100, 1_000_000)).isBetween(0.0, 1.0);
        assertThat(PoissonTail.atLeast(5, Double.NaN)).isEqualTo(1);
    }

    @Test
    void stirlingAgreesWithTheProduct() {
        double exact = 0;
        for (int i = 2; i <= 60; i++) {
            exact += Math.log(i);
            assertThat(PoissonTail.logFactorial(i)).isCloseTo(exact, within(1e-9 * exact));
        }
    }
}
