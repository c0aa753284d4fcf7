package org.fairpath.fairness.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Confidence intervals for the rates and disparities that audits report. */
public final class Intervals {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

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
     * Koopman's asymptotic score interval for the ratio of two independent proportions {@code (x1/n1) / (x2/n2)}
     * (Koopman 1984, "Confidence limits for the ratio of two binomial proportions"): every ratio {@code r} whose score
     * test is not rejected, {@code |x1/n1 - r x2/n2| <= z sqrt(q1 (1 - q1) / n1 + r^2 q2 (1 - q2) / n2)}, where
     * {@code q1 = r q2} are the maximum-likelihood proportions under the ratio {@code r} (Miettinen and Nurminen 1985,
     * without their variance correction). Unlike the Katz log interval it is valid at 0% and 100%: with no successes
     * in the first group the lower bound is 0 and the upper bound finite, so complete exclusion is visible; with none
     * in the second group the upper bound is +Infinity. It agrees with Pearson's chi-square test: 1 lies outside the
     * interval exactly when that test rejects at the same level.
     *
     * @return the interval (bounds found by bisection to a relative 1e-12); undefined when either group is empty
     */
    public static Interval koopman(long x1, long n1, long x2, long n2, double confidence) {
        if (n1 < 0 || x1 < 0 || x1 > n1 || n2 < 0 || x2 < 0 || x2 > n2) {
            throw new IllegalArgumentException("counts must satisfy 0 <= x <= n; got " + x1 + "/" + n1 + " and " + x2
                    + "/" + n2);
        }
        double z = z(confidence);
        if (n1 == 0 || n2 == 0) {
            return Interval.undefined(confidence);
        }
        if (x1 == 0 && x2 == 0) {
            return new Interval(0, Double.POSITIVE_INFINITY, confidence);
        }
        double estimate = x2 == 0 ? Double.POSITIVE_INFINITY : ((double) x1 / n1) / ((double) x2 / n2);
        double lower = x1 == 0 ? 0 : bound(x1, n1, x2, n2, z, estimate, true);
        double upper = x2 == 0 ? Double.POSITIVE_INFINITY : bound(x1, n1, x2, n2, z, estimate, false);
        return new Interval(lower, upper, confidence);
    }

    /** The lower (or upper) end: where the score statistic crosses +z (or -z); it decreases as the ratio grows. */
    private static double bound(long x1, long n1, long x2, long n2, double z, double estimate, boolean lower) {
        double inside = estimate;
        if (!(inside > 0 && inside < Double.POSITIVE_INFINITY)) {
            // no finite positive estimate to start from: walk from 1 into the accepted region
            inside = 1;
            for (int i = 0; i < 2200 && (lower ? koopmanScore(x1, n1, x2, n2, inside) > z
                    : koopmanScore(x1, n1, x2, n2, inside) < -z); i++) {
                inside = lower ? inside * 2 : inside / 2;
            }
        }
        double outside = inside;
        for (int i = 0; i < 2200; i++) {
            outside = lower ? outside / 2 : outside * 2;
            double s = koopmanScore(x1, n1, x2, n2, outside);
            if (lower ? s > z : s < -z) {
                break;
            }
            if (outside == 0 || Double.isInfinite(outside)) {
                return outside;
            }
            inside = outside;
        }
        for (int i = 0; i < 200 && Math.abs(outside - inside) > 1e-12 * Math.abs(inside); i++) {
            double mid = Math.sqrt(inside * outside);
            double s = koopmanScore(x1, n1, x2, n2, mid);
            if (lower ? s > z : s < -z) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        return Math.sqrt(inside * outside);
    }

    /** The score statistic for the ratio {@code r}, with the restricted maximum-likelihood proportions. */
    static double koopmanScore(long x1, long n1, long x2, long n2, double r) {
        double n = n1 + n2;
        double a = n * r;
        double b = -(n1 * r + x1 + n2 + x2 * r);
        double c = x1 + x2;
        double q2 = (-b - Math.sqrt(Math.max(0, b * b - 4 * a * c))) / (2 * a);
        double q1 = r * q2;
        double num = (double) x1 / n1 - r * (double) x2 / n2;
        double var = q1 * (1 - q1) / n1 + r * r * q2 * (1 - q2) / n2;
        if (!(var > 0)) {
            return num > 0 ? Double.POSITIVE_INFINITY : num < 0 ? Double.NEGATIVE_INFINITY : 0;
        }
        return num / Math.sqrt(var);
    }

    private static double sq(double x) {
        return x * x;
    }

    /** The two-sided standard-normal quantile for {@code confidence}: 1.959964 for 0.95. */
    static double z(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        return STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
    }
}
