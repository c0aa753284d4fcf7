package org.fairpath.fairness.stats;

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

    /**
     * Newcombe's hybrid score interval for the difference of two independent proportions {@code x1/n1 - x2/n2}
     * (Newcombe 1998, "Interval estimation for the difference between independent proportions", method 10): built
     * from the two Wilson intervals, it stays within [-1, 1] and behaves at 0 and 1 where the Wald interval fails.
     *
     * @return the interval; undefined when either group is empty
     */
    public static Interval newcombe(long x1, long n1, long x2, long n2, double confidence) {
        Interval a = wilson(x1, n1, confidence);
        Interval b = wilson(x2, n2, confidence);
        if (!a.isDefined() || !b.isDefined()) {
            return Interval.undefined(confidence);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double d = p1 - p2;
        double lower = d - Math.sqrt(sq(p1 - a.lower()) + sq(b.upper() - p2));
        double upper = d + Math.sqrt(sq(a.upper() - p1) + sq(p2 - b.lower()));
        return new Interval(Math.max(-1, lower), Math.min(1, upper), confidence);
    }

    /**
     * The Katz log interval for the ratio of two independent proportions {@code (x1/n1) / (x2/n2)}:
     * {@code exp(ln(ratio) +- z * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))} (Katz et al. 1978).
     *
     * @return the interval; undefined when either group is empty or either count of successes is 0 (the log ratio
     *         and its variance are then infinite)
     */
    public static Interval katz(long x1, long n1, long x2, long n2, double confidence) {
        double z = z(confidence);
        if (n1 == 0 || n2 == 0 || x1 == 0 || x2 == 0) {
            return Interval.undefined(confidence);
        }
        double logRatio = Math.log(((double) x1 / n1) / ((double) x2 / n2));
        double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        return new Interval(Math.exp(logRatio - z * se), Math.exp(logRatio + z * se), confidence);
    }

    private static double sq(double x) {
        return x * x;
    }

    /** The two-sided standard-normal quantile for {@code confidence}: 1.959964 for 0.95. */
    static double z(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(0.5 + confidence / 2);
    }
}
