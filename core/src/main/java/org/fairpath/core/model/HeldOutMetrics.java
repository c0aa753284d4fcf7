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
 * <p>Undefined values are NaN: the AUC of a group with only one outcome ({@code aucNote} says so), and every value of
 * a group with no held-out case.
 *
 * @param option            the option ({@code no_programme}, a service, or {@code profiling})
 * @param group             {@code all}, or {@code attribute=level} for a protected attribute ({@code level} is
 *                          {@code true}/{@code false} for booleans, {@code missing} for an unknown value)
 * @param cases             cases with a held-out prediction
 * @param auc               rank-based ROC AUC
 * @param aucLower          lower bound (Hanley and McNeil's standard error, normal approximation, clamped to [0, 1])
 * @param aucUpper          upper bound
 * @param aucNote           why the AUC is NaN, or empty
 * @param brier             mean squared error of the probability
 * @param brierLower        lower bound (normal approximation)
 * @param brierUpper        upper bound
 * @param meanPredicted     mean held-out prediction
 * @param observedRate      observed rate of the positive outcome
 * @param calibrationLower  lower bound of {@code observedRate - meanPredicted}
 * @param calibrationUpper  upper bound of {@code observedRate - meanPredicted}
 */
public record HeldOutMetrics(String option, String group, int cases, double auc, double aucLower, double aucUpper,
                             String aucNote, double brier, double brierLower, double brierUpper, double meanPredicted,
                             double observedRate, double calibrationLower, double calibrationUpper) {

    /** Computes the metrics of held-out probabilities {@code p} for outcomes {@code y} (z = the normal quantile). */
    static HeldOutMetrics of(String option, String group, double[] p, boolean[] y, double z) {
        int n = p.length;
        if (n == 0) {
            return new HeldOutMetrics(option, group, 0, Double.NaN, Double.NaN, Double.NaN, "no held-out cases",
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        java.util.List<double[]> scored = new java.util.ArrayList<>(n);
        double brier = 0;
        double mean = 0;
        double rate = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i] ? 1 : 0;
            scored.add(new double[] {p[i], yi});
            brier += (p[i] - yi) * (p[i] - yi) / n;
            mean += p[i] / n;
            rate += yi / n;
        }
        double brierVar = 0;
        double calVar = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i] ? 1 : 0;
            double b = (p[i] - yi) * (p[i] - yi) - brier;
            double c = (yi - p[i]) - (rate - mean);
            brierVar += b * b;
            calVar += c * c;
        }
        double brierSe = n > 1 ? Math.sqrt(brierVar / (n - 1) / n) : Double.NaN;
        double calSe = n > 1 ? Math.sqrt(calVar / (n - 1) / n) : Double.NaN;
        double auc = TrainingSummary.auc(scored);
        long n1 = Math.round(rate * n);
        long n0 = n - n1;
        double aucLower = Double.NaN;
        double aucUpper = Double.NaN;
        String note = "";
        if (Double.isNaN(auc)) {
            note = "only one outcome among these cases";
        } else {
            double q1 = auc / (2 - auc);
            double q2 = 2 * auc * auc / (1 + auc);
            double se = Math.sqrt((auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n0 - 1) * (q2 - auc * auc))
                    / ((double) n1 * n0));
            aucLower = Math.max(0, auc - z * se);
            aucUpper = Math.min(1, auc + z * se);
        }
        return new HeldOutMetrics(option, group, n, auc, aucLower, aucUpper, note, brier,
                Math.max(0, brier - z * brierSe), brier + z * brierSe, mean, rate, rate - mean - z * calSe,
                rate - mean + z * calSe);
    }
}
