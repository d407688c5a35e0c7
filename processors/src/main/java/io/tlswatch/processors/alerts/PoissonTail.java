package io.tlswatch.processors.alerts;

/**
 * How surprising a count is for a VIP whose failures, at their learned level, arrive like a Poisson process:
 * {@code P(X >= k)} for {@code X ~ Poisson(mean)}. Baseline mode pages only on a count that level would almost
 * never give; "three times the usual" alone pages a VIP that usually has 1.6 failures a minute on 2 % of its
 * minutes (5 or more), which across a fleet is a page every few minutes.
 */
final class PoissonTail {
    private static final int MAX_TERMS = 1_000;

    private PoissonTail() {}

    /** {@code P(X >= k)}; 1 when {@code k <= 0}, and for {@code k} at or below the mean (never surprising). */
    static double atLeast(long k, double mean) {
        if (k <= 0 || mean < 0 || Double.isNaN(mean)) {
            return 1;
        }
        if (mean == 0) {
            return 0;
        }
        if (k <= mean) {
            return 1; // the tail from at or below the mean is large; callers only ask whether it is tiny
        }
        // terms from k upward shrink by mean / (i + 1) < 1: sum them from the log of the first
        double term = Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
        double sum = 0;
        for (int i = 0; i < MAX_TERMS && term > sum * 1e-12; i++) {
            sum += term;
            term *= mean / (k + i + 1);
        }
        return Math.min(1, sum);
    }

    /** {@code ln k!}: exact for small k, Stirling's series (error below 1e-10) beyond. */
    static double logFactorial(long k) {
        if (k < 20) {
            double f = 0;
            for (int i = 2; i <= k; i++) {
                f += Math.log(i);
            }
            return f;
        }
        double x = k;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
