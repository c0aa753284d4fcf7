package org.fairpath.explain;

import org.fairpath.core.model.OutcomeModels;

/**
 * The test oracle for TreeSHAP: exact Shapley values by full enumeration of column subsets, with the path-dependent
 * value function (columns outside the subset are integrated out along the trees' splits, weighted by cover, covers
 * taken as the sums of their leaves).
 */
final class BruteForceShapley {

    private BruteForceShapley() {
    }

    /** The value function of the ensemble's positive-class log-odds for the known columns {@code mask}. */
    static double value(OutcomeModels.TreeEnsemble t, double[] row, int mask) {
        double v = 0;
        for (int k = 0; k < t.roots().length; k++) {
            v += (t.treeClass()[k] == t.positiveClass() ? 1 : -1) * expect(t, row, mask, t.roots()[k]);
        }
        return v;
    }

    /** Shapley values of the first {@code m} columns (all columns the ensemble uses must be among them). */
    static double[] shapley(OutcomeModels.TreeEnsemble t, double[] row, int m) {
        double[] v = new double[1 << m];
        for (int mask = 0; mask < v.length; mask++) {
            v[mask] = value(t, row, mask);
        }
        double[] fact = new double[m + 1];
        fact[0] = 1;
        for (int i = 1; i <= m; i++) {
            fact[i] = fact[i - 1] * i;
        }
        double[] phi = new double[m];
        for (int i = 0; i < m; i++) {
            for (int mask = 0; mask < v.length; mask++) {
                if ((mask & (1 << i)) == 0) {
                    int s = Integer.bitCount(mask);
                    phi[i] += fact[s] * fact[m - s - 1] / fact[m] * (v[mask | (1 << i)] - v[mask]);
                }
            }
        }
        return phi;
    }

    private static double cover(OutcomeModels.TreeEnsemble t, int n) {
        return t.feature()[n] < 0 ? Math.max(t.cover()[n], 1e-12) : cover(t, t.yes()[n]) + cover(t, t.no()[n]);
    }

    private static double expect(OutcomeModels.TreeEnsemble t, double[] row, int mask, int n) {
        int f = t.feature()[n];
        if (f < 0) {
            return t.leaf()[n];
        }
        if ((mask & (1 << f)) != 0) {
            return expect(t, row, mask, (float) row[f] < t.threshold()[n] ? t.yes()[n] : t.no()[n]);
        }
        double cy = cover(t, t.yes()[n]);
        double cn = cover(t, t.no()[n]);
        return (cy * expect(t, row, mask, t.yes()[n]) + cn * expect(t, row, mask, t.no()[n])) / (cy + cn);
    }
}
