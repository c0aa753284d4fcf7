package org.fairpath.fairness;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Confidence intervals for the rates and disparities that audits report. */
public final class Intervals {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Intervals() {
    }

    /**
     * The Wilson score interval (without continuity correction) for a proportion {@code successes / n}: unlike the
     * Wald interval it stays within [0, 1] and keeps near-nominal coverage for small groups and rates near 0 or 1,
     * which is where audits of small groups live (Newcombe 1998, method 3).
     *
     * @return the interval; {@link Interval#undefined} when {@code n == 0}
     * @throws IllegalArgumentException if {@code successes} or {@code n} is negative, {@code successes > n}, or the
     *                                  confidence is not strictly between 0 and 1
     */
    public static Interval wilson(long successes, long n, double confidence) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes (" + successes + ") and n (" + n
                    + ") must satisfy 0 <= successes <= n");
        }
        double z = z(confidence);
        if (n == 0) {
            return Interval.undefined(confidence);
        }
        double p = (double) successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n)) / (1 + z2n);
        // At 0 and n the exact bound is 0 or 1; clamp rounding so the interval always holds the estimate.
        double lower = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double upper = successes == n ? 1.0 : Math.min(1.0, centre + half);
        return new Interval(lower, upper, confidence);
    }

    /** The two-sided standard-normal quantile for {@code confidence}: 1.959964 for 0.95. */
    static double z(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(0.5 + confidence / 2);
    }
}
