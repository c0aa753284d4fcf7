package org.fairpath.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Held-out calibration of one option's model by bins of its out-of-bag prediction: ten bins of equal width
 * ([0, 0.1), ..., [0.9, 1]), each with its cases, positive outcomes, mean held-out prediction, observed rate and the
 * Wilson score interval of the observed rate at the training confidence. A bin of at least {@link #MIN_BIN_CASES}
 * cases is <em>tested</em>; it <em>covers</em> when its Wilson interval holds its mean prediction. This is what can be
 * measured on real data: the true probabilities are unknown, so the coverage of the suggestions' own intervals cannot
 * be; a well-calibrated model should cover in roughly the confidence's share of the tested bins (roughly: the
 * predictions within a bin differ, and bins are not independent of the training).
 *
 * @param option       the option ({@code no_programme}, a service, or {@code profiling})
 * @param bins         the non-empty bins, lowest first
 * @param binsTested   bins with at least {@link #MIN_BIN_CASES} cases
 * @param binsCovering tested bins whose Wilson interval holds their mean prediction
 */
record HeldOutCalibration(String option, List<Bin> bins, int binsTested, int binsCovering) {

    static final int BINS = 10;
    static final int MIN_BIN_CASES = 10;

    HeldOutCalibration {
        bins = List.copyOf(bins);
    }

    /**
     * One bin.
     *
     * @param from          lower edge (inclusive)
     * @param to            upper edge (exclusive, except 1 for the last bin)
     * @param cases         held-out cases whose prediction falls in the bin
     * @param positives     those with the positive outcome
     * @param meanPredicted mean held-out prediction of those cases
     * @param lower         Wilson lower bound of {@code positives / cases}
     * @param upper         Wilson upper bound
     */
    record Bin(double from, double to, int cases, int positives, double meanPredicted, double lower, double upper) {

        double observedRate() {
            return (double) positives / cases;
        }

        boolean tested() {
            return cases >= MIN_BIN_CASES;
        }

        boolean covers() {
            return tested() && lower <= meanPredicted && meanPredicted <= upper;
        }
    }

    /** The bin edge {@code i / BINS}, computed one way everywhere (so a loaded card compares exactly). */
    static double edge(int i) {
        return (double) i / BINS;
    }

    /** Calibration of held-out predictions {@code p} with outcomes {@code y}; {@code z} is the normal quantile. */
    static HeldOutCalibration of(String option, double[] p, boolean[] y, double z) {
        int[] n = new int[BINS];
        int[] k = new int[BINS];
        double[] sum = new double[BINS];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(BINS - 1, (int) Math.floor(p[i] * BINS));
            n[b]++;
            k[b] += y[i] ? 1 : 0;
            sum[b] += p[i];
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (n[b] > 0) {
                double[] w = wilson(k[b], n[b], z);
                bins.add(new Bin(edge(b), edge(b + 1), n[b], k[b], sum[b] / n[b], w[0], w[1]));
            }
        }
        return withCounts(option, bins);
    }

    /** The calibration of {@code bins}, with the tested and covering bins counted from them. */
    static HeldOutCalibration withCounts(String option, List<Bin> bins) {
        int tested = 0;
        int covering = 0;
        for (Bin b : bins) {
            tested += b.tested() ? 1 : 0;
            covering += b.covers() ? 1 : 0;
        }
        return new HeldOutCalibration(option, bins, tested, covering);
    }

    /**
     * Wilson's score interval for {@code k} successes in {@code n} trials: centre {@code (k + z²/2) / (n + z²)},
     * half-width {@code z / (n + z²) * sqrt(k (n - k) / n + z²/4)}.
     */
    static double[] wilson(double k, int n, double z) {
        double z2 = z * z;
        double centre = (k + z2 / 2) / (n + z2);
        double half = z / (n + z2) * Math.sqrt(k * (n - k) / n + z2 / 4);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * The calibration of every option (and {@code profiling}, whose positive outcome is not being employed) from the
     * out-of-bag predictions, computed as {@link TrainingSummary} computes its held-out metrics: each case scored by
     * the mean of the bags that did not draw it. Empty with fewer than two bags.
     */
    static List<HeldOutCalibration> of(List<TrainingCase> cases, double[][] rows, List<String> options,
                                       Scorer[][] scorers, boolean[][][] drawn, double confidence) {
        int bags = scorers[0].length - 1;
        List<HeldOutCalibration> out = new ArrayList<>();
        if (bags < 2) {
            return out;
        }
        double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .inverseCumulativeProbability(0.5 + confidence / 2);
        for (int a = 0; a <= options.size(); a++) {
            boolean profiling = a == options.size();
            List<double[]> scored = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                if (!profiling && !cases.get(i).service().equals(options.get(a))) {
                    continue;
                }
                double sum = 0;
                int used = 0;
                for (int b = 1; b <= bags; b++) {
                    if (!drawn[a][b][i]) {
                        sum += scorers[a][b].probability(rows[i]);
                        used++;
                    }
                }
                if (used > 0) {
                    scored.add(new double[] {sum / used, profiling != cases.get(i).employed() ? 1 : 0});
                }
            }
            double[] p = new double[scored.size()];
            boolean[] y = new boolean[scored.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = scored.get(i)[0];
                y[i] = scored.get(i)[1] == 1;
            }
            out.add(of(profiling ? OutcomeModels.PROFILING : options.get(a), p, y, z));
        }
        return out;
    }
}
