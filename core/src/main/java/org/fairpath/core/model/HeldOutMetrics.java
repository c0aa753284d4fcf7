package org.fairpath.core.model;

/**
 * How well one model predicts cases it was not trained on, overall or for one protected group: ROC AUC, Brier score
 * and calibration-in-the-large (observed rate minus mean prediction), each with an interval at the training
 * confidence. The predictions are out-of-bag: each case is scored by the mean of the bootstrap bags that did not draw
 * it (a case drawn by every bag has no held-out prediction and is left out). Without at least two bags there are no
 * held-out metrics at all. Out-of-bag figures are not optimistic; with few bags they are somewhat pessimistic (each
 * bag learned from about 63% of the distinct cases): on synthetic data with 4 bags of boosted trees the out-of-bag AUC
 * was between 0.045 below and 0.01 above the AUC on 5,000 fresh cases, while the in-sample AUC was 0.12 to 0.38 above
 * it ({@code HeldOutMetricsTest}).
 *
 * <p>Undefined values are NaN (null in JSON), and {@code aucNote} says why: every figure of a group with fewer than
 * {@link #MIN_CASES} held-out cases (the count is kept; so few cases support no figure with an interval), and the
 * AUC when there are fewer than {@link #MIN_CLASS} positive or fewer than {@link #MIN_CLASS} negative outcomes.
 *
 * <p>Every interval is one that stays valid at the extremes, never zero-width from degenerate data: the calibration
 * interval is the Wilson score interval of the observed rate minus the mean prediction; the Brier interval is the
 * Wilson-type score interval with the largest variance a mean of values in [0, 1] can have, {@code θ(1 − θ)}
 * (conservative); the AUC interval is score-type: the AUCs {@code θ} with {@code |AUC − θ| ≤ z·se(θ)}, Hanley and
 * McNeil's standard error evaluated at {@code θ}, not at the estimate (so an AUC of 1 still gets a lower bound
 * below 1).
 *
 * @param option            the option ({@code no_programme}, a service, or {@code profiling})
 * @param group             {@code all}, or {@code attribute=level} for a protected attribute ({@code level} is
 *                          {@code true}/{@code false} for booleans, {@code missing} for an unknown value)
 * @param cases             cases with a held-out prediction
 * @param auc               rank-based ROC AUC
 * @param aucLower          lower bound (score-type with Hanley and McNeil's standard error, see above)
 * @param aucUpper          upper bound
 * @param aucNote           why the AUC (for a group under {@link #MIN_CASES} cases: every figure) is NaN, or empty
 * @param brier             mean squared error of the probability
 * @param brierLower        lower bound (conservative score interval, see above)
 * @param brierUpper        upper bound
 * @param meanPredicted     mean held-out prediction
 * @param observedRate      observed rate of the positive outcome
 * @param calibrationLower  lower bound of {@code observedRate - meanPredicted}
 * @param calibrationUpper  upper bound of {@code observedRate - meanPredicted}
 */
public record HeldOutMetrics(String option, String group, int cases, double auc, double aucLower, double aucUpper,
                             String aucNote, double brier, double brierLower, double brierUpper, double meanPredicted,
                             double observedRate, double calibrationLower, double calibrationUpper) {

    /** The fewest held-out cases a group needs for any figure (the card's own minimum). */
    public static final int MIN_CASES = 10;
    /** The fewest positive and the fewest negative outcomes, each, the AUC needs. */
    public static final int MIN_CLASS = 5;

    /** Computes the metrics of held-out probabilities {@code p} for outcomes {@code y} (z = the normal quantile). */
    static HeldOutMetrics of(String option, String group, double[] p, boolean[] y, double z) {
        int n = p.length;
        if (n == 0) {
            return new HeldOutMetrics(option, group, 0, Double.NaN, Double.NaN, Double.NaN, "no held-out cases",
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (n < MIN_CASES) {
            return new HeldOutMetrics(option, group, n, Double.NaN, Double.NaN, Double.NaN, "fewer than "
                    + MIN_CASES + " held-out cases: no figures", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        java.util.List<double[]> scored = new java.util.ArrayList<>(n);
        double brier = 0;
        double mean = 0;
        int n1 = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i] ? 1 : 0;
            scored.add(new double[] {p[i], yi});
            brier += (p[i] - yi) * (p[i] - yi) / n;
            mean += p[i] / n;
            n1 += y[i] ? 1 : 0;
        }
        int n0 = n - n1;
        double rate = (double) n1 / n;
        double aucLower = Double.NaN;
        double aucUpper = Double.NaN;
        double auc = Double.NaN;
        String note = "";
        if (n1 < MIN_CLASS || n0 < MIN_CLASS) {
            note = n1 == 0 || n0 == 0 ? "only one outcome among these cases" : "fewer than " + MIN_CLASS
                    + " positive (" + n1 + ") or negative (" + n0 + ") outcomes: AUC not estimated";
        } else {
            auc = TrainingSummary.auc(scored);
            aucLower = scoreBound(auc, n1, n0, z, false);
            aucUpper = scoreBound(auc, n1, n0, z, true);
        }
        double[] b = HeldOutCalibration.wilson(brier * n, n, z);
        double[] w = HeldOutCalibration.wilson(n1, n, z);
        return new HeldOutMetrics(option, group, n, auc, aucLower, aucUpper, note, brier, b[0], b[1], mean, rate,
                w[0] - mean, w[1] - mean);
    }

    /** Hanley and McNeil's standard error of an AUC {@code a} with {@code n1} positives and {@code n0} negatives. */
    static double hanleyMcNeil(double a, int n1, int n0) {
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double v = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / ((double) n1 * n0);
        return Math.sqrt(Math.max(0, v));
    }

    /**
     * The score-type bound: the {@code θ} farthest from {@code auc} on the chosen side with
     * {@code |auc − θ| ≤ z·se(θ)}, found by bisection (the gap grows and se shrinks towards the ends).
     */
    static double scoreBound(double auc, int n1, int n0, double z, boolean upper) {
        double inside = auc;
        double outside = upper ? 1 : 0;
        if (Math.abs(auc - outside) <= z * hanleyMcNeil(outside, n1, n0)) {
            return outside;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (inside + outside) / 2;
            if (Math.abs(auc - mid) <= z * hanleyMcNeil(mid, n1, n0)) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return inside;
    }
}
