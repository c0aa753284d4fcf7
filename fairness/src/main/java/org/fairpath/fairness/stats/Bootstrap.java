package org.fairpath.fairness.stats;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Disparity;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded bootstrap intervals for a disparity, as an alternative to the closed-form Newcombe and Katz intervals:
 * resample the cases with replacement, recompute the disparity, and take the percentile interval. Useful for
 * combined disparities (equalized odds) and for checking the closed forms on unusual data. Deterministic for a seed.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * The percentile interval of {@code disparity} by {@code grouping} over {@code replicates} resamples.
     *
     * @return the interval; undefined if fewer than half the replicates give a defined value
     * @throws IllegalArgumentException if {@code replicates} is below 100 or above 100,000
     */
    public static Interval disparity(AuditData data, Disparity disparity, List<String> grouping,
                                     AuditSettings settings, int replicates, long seed) {
        if (replicates < 100 || replicates > 100_000) {
            throw new IllegalArgumentException("replicates is " + replicates + "; allowed: 100 to 100000");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int n = data.rows();
        double[] values = new double[replicates];
        int defined = 0;
        int[] rows = new int[n];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            AuditCounts c = AuditCounts.of(data.subset(rows), grouping.size());
            var v = disparity.of(c, grouping, settings);
            if (v.isPresent() && Double.isFinite(v.get().value())) {
                values[defined++] = v.get().value();
            }
        }
        if (defined < replicates / 2) {
            return Interval.undefined(settings.confidence());
        }
        Arrays.sort(values, 0, defined);
        double alpha = (1 - settings.confidence()) / 2;
        return new Interval(quantile(values, defined, alpha), quantile(values, defined, 1 - alpha),
                settings.confidence());
    }

    private static double quantile(double[] sorted, int n, double q) {
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
