package org.fairpath.fairness.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Tests of equal proportions and multiple-comparison correction. p-values come from survival functions (Apache Commons
 * Statistics), never from {@code 1 - CDF}, so they stay exact far into the tail: a chi-square of 80 on 1 degree of
 * freedom gives 3.744e-19, not 0.
 */
public final class Tests {

    private static final ChiSquaredDistribution CHI2_1 = ChiSquaredDistribution.of(1);

    private Tests() {
    }

    /**
     * Two-sided p-value that {@code x1/n1} and {@code x2/n2} come from the same proportion: Pearson's chi-square
     * (no continuity correction) on the 2x2 table, or Fisher's exact test when an expected count is below 5. NaN when
     * a group is empty or all cases (or none) are successes, so the table has an empty margin.
     */
    public static double equalProportions(long x1, long n1, long x2, long n2) {
        long n = n1 + n2;
        long x = x1 + x2;
        if (n1 == 0 || n2 == 0 || x == 0 || x == n) {
            return Double.NaN;
        }
        double[] expected = {(double) n1 * x / n, (double) n1 * (n - x) / n, (double) n2 * x / n,
            (double) n2 * (n - x) / n};
        if (Arrays.stream(expected).anyMatch(e -> e < 5)) {
            return fisher(x1, n1, x2, n2);
        }
        double[] observed = {x1, n1 - x1, x2, n2 - x2};
        double chi2 = 0;
        for (int i = 0; i < 4; i++) {
            chi2 += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
        }
        return CHI2_1.survivalProbability(chi2);
    }

    /**
     * P(X &gt; {@code chi2}) for a chi-square variable with {@code df} degrees of freedom, from the survival function.
     *
     * @throws IllegalArgumentException if {@code df} is not positive
     */
    public static double chiSquareSurvival(double chi2, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("df is " + df + "; allowed: 1 or more");
        }
        return ChiSquaredDistribution.of(df).survivalProbability(chi2);
    }

    /**
     * Fisher's exact test, two-sided: the probability of tables at most as likely as the one observed (Commons
     * Statistics' {@code FisherExactTest}).
     */
    public static double fisher(long x1, long n1, long x2, long n2) {
        int[][] table = {{Math.toIntExact(x1), Math.toIntExact(n1 - x1)}, {Math.toIntExact(x2), Math.toIntExact(n2 - x2)}};
        return FisherExactTest.withDefaults().test(table).getPValue();
    }

    /** Benjamini-Hochberg adjusted p-values (NaN stays NaN and does not count as a comparison). */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            m += Double.isNaN(p[i]) ? 0 : 1;
        }
        Arrays.sort(order, (a, b) -> Double.compare(nanLast(p[a]), nanLast(p[b])));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * Benjamini-Hochberg adjusted p-values where entries with equal keys are one comparison, counted once: e.g. the
     * difference and the ratio of one pair of groups, or the true-positive and false-negative rates of one pair, test
     * the same hypothesis. Each distinct key takes the p-value of its first entry; every entry of the key gets the
     * key's adjusted value. NaN p-values stay NaN and do not count.
     *
     * @throws IllegalArgumentException if {@code keys} and {@code p} differ in length
     */
    public static double[] benjaminiHochberg(double[] p, java.util.List<?> keys) {
        if (keys.size() != p.length) {
            throw new IllegalArgumentException("keys has " + keys.size() + " entries; p has " + p.length);
        }
        java.util.Map<Object, Integer> first = new java.util.LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                first.putIfAbsent(keys.get(i), first.size());
            }
        }
        double[] distinct = new double[first.size()];
        for (int i = p.length - 1; i >= 0; i--) {
            if (!Double.isNaN(p[i])) {
                distinct[first.get(keys.get(i))] = p[i]; // the last write is the key's first entry
            }
        }
        double[] adjusted = benjaminiHochberg(distinct);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Double.isNaN(p[i]) ? Double.NaN : adjusted[first.get(keys.get(i))];
        }
        return out;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
