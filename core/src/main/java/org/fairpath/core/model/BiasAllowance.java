package org.fairpath.core.model;

import java.util.Arrays;

/**
 * How far a model's probabilities sit from the truth beyond their sampling variation, estimated from held-out
 * residuals: the part of the error that bootstrap bags cannot see (a logistic model of a non-logistic truth is wrong
 * in the same direction in every bag).
 *
 * <p>The residual of a case is its outcome minus its out-of-bag prediction, {@code r = y - p_oob}. Along one encoded
 * column the cases are grouped by value (a column with at most {@value #MAX_LEVELS} distinct values) or into
 * {@value #BINS} equal-count bins by value (ties kept together); the held-out prediction itself is grouped the same
 * way, which makes this a binned calibration check. In each group of {@code m} cases the square of the group's mean
 * bias is estimated without the outcomes' own noise by the U-statistic {@code ((sum r)^2 - sum r^2) / (m (m - 1))},
 * unbiased when the residuals are independent; the groups' estimates, weighted by their size, give the squared bias
 * explained along that column. The allowance is the square root of the largest of these over all columns and the
 * prediction (0 if none is positive).
 *
 * <p>What it cannot see: bias along no single column (an interaction), bias where the option has no cases (people
 * unlike anyone who received it), and it is noisy for small options, where taking the largest of many columns tends
 * to overstate it (wider intervals, not narrower). The true probabilities of a generator are never looked at.
 */
final class BiasAllowance {

    static final int MAX_LEVELS = 12;
    static final int BINS = 10;

    private BiasAllowance() {
    }

    /**
     * The allowance for one model: {@code rows[members[k]]} with outcome {@code y[k]} and out-of-bag prediction
     * {@code oob[k]} (NaN when the case has none; such cases are skipped). 0 with fewer than two held-out cases.
     */
    static double estimate(double[][] rows, int[] members, boolean[] y, double[] oob) {
        double max = 0;
        for (double b : byColumn(rows, members, y, oob)) {
            max = Math.max(max, b);
        }
        return Math.sqrt(max);
    }

    /**
     * The squared bias explained along each encoded column (entry j) and along the held-out prediction (the last
     * entry); may be negative (an unbiased estimate of a square near 0).
     */
    static double[] byColumn(double[][] rows, int[] members, boolean[] y, double[] oob) {
        int n = 0;
        for (double p : oob) {
            n += Double.isNaN(p) ? 0 : 1;
        }
        int width = rows[members[0]].length;
        double[] out = new double[width + 1];
        if (n < 2) {
            return out;
        }
        int[] usable = new int[n];
        for (int k = 0, u = 0; k < members.length; k++) {
            if (!Double.isNaN(oob[k])) {
                usable[u++] = k;
            }
        }
        double[] r = new double[n];
        for (int u = 0; u < n; u++) {
            r[u] = (y[usable[u]] ? 1 : 0) - oob[usable[u]];
        }
        double[] value = new double[n];
        double[] sorted = new double[n];
        double[] sum = new double[Math.max(MAX_LEVELS, BINS)];
        double[] sumSq = new double[sum.length];
        int[] count = new int[sum.length];
        for (int j = 0; j <= width; j++) {
            for (int u = 0; u < n; u++) {
                value[u] = j == width ? oob[usable[u]] : rows[members[usable[u]]][j];
            }
            System.arraycopy(value, 0, sorted, 0, n);
            Arrays.sort(sorted);
            double[] edges = edges(sorted, n);
            Arrays.fill(sum, 0);
            Arrays.fill(sumSq, 0);
            Arrays.fill(count, 0);
            for (int u = 0; u < n; u++) {
                int g = group(edges, value[u]);
                sum[g] += r[u];
                sumSq[g] += r[u] * r[u];
                count[g]++;
            }
            double total = 0;
            for (int g = 0; g < count.length; g++) {
                int m = count[g];
                if (m >= 2) {
                    total += (sum[g] * sum[g] - sumSq[g]) / (m - 1.0);
                }
            }
            out[j] = total / n;
        }
        return out;
    }

    /**
     * The allowance for an uplift {@code p_s - p_0}, paired: the bias of the uplift is the service model's bias minus
     * the baseline model's, and where the two models are wrong alike (both share the baseline's misspecification) it
     * cancels. Along each encoded column, and along the predicted uplift ({@code upS}, {@code up0}: each case's point
     * prediction of the uplift, used only to group cases), the held-out cases of both arms are grouped by the same
     * edges (from the pooled values). In a group with at least two held-out cases of each arm the square of the
     * uplift's mean bias, {@code (b_s - b_0)^2}, is estimated without the outcomes' noise by
     * {@code U_s + U_0 - 2 rbar_s rbar_0} ({@code U} the arm's U-statistic as in {@link #estimate}, {@code rbar} its
     * mean residual: the arms' cases are different people, so the product is unbiased for {@code b_s b_0}); a group
     * lacking two cases of either arm cannot be paired and is given {@code unpaired}, the square of the two arms'
     * allowances added (the former, conservative allowance). The groups are weighted by their share of both arms'
     * held-out cases; the allowance is the square root of the largest weighted sum over all columns and the predicted
     * uplift (0 if none is positive).
     *
     * @param unpaired the squared allowance used for a group that cannot be paired
     */
    static double paired(double[][] rows, int[] membersS, boolean[] yS, double[] oobS, double[] upS,
                         int[] members0, boolean[] y0, double[] oob0, double[] up0, double unpaired) {
        int[] useS = usable(oobS);
        int[] use0 = usable(oob0);
        int nS = useS.length;
        int n0 = use0.length;
        if (nS < 2 || n0 < 2) {
            return Math.sqrt(unpaired);
        }
        double[] rS = new double[nS];
        for (int u = 0; u < nS; u++) {
            rS[u] = (yS[useS[u]] ? 1 : 0) - oobS[useS[u]];
        }
        double[] r0 = new double[n0];
        for (int u = 0; u < n0; u++) {
            r0[u] = (y0[use0[u]] ? 1 : 0) - oob0[use0[u]];
        }
        int width = rows[membersS[0]].length;
        int groups = Math.max(MAX_LEVELS, BINS);
        double[] vS = new double[nS];
        double[] v0 = new double[n0];
        double[] sorted = new double[nS + n0];
        double[][] sum = new double[2][groups];
        double[][] sumSq = new double[2][groups];
        int[][] count = new int[2][groups];
        double max = 0;
        for (int j = 0; j <= width; j++) {
            for (int u = 0; u < nS; u++) {
                vS[u] = j == width ? upS[useS[u]] : rows[membersS[useS[u]]][j];
            }
            for (int u = 0; u < n0; u++) {
                v0[u] = j == width ? up0[use0[u]] : rows[members0[use0[u]]][j];
            }
            System.arraycopy(vS, 0, sorted, 0, nS);
            System.arraycopy(v0, 0, sorted, nS, n0);
            Arrays.sort(sorted);
            double[] edges = edges(sorted, nS + n0);
            for (int a = 0; a < 2; a++) {
                Arrays.fill(sum[a], 0);
                Arrays.fill(sumSq[a], 0);
                Arrays.fill(count[a], 0);
            }
            for (int u = 0; u < nS; u++) {
                int g = group(edges, vS[u]);
                sum[0][g] += rS[u];
                sumSq[0][g] += rS[u] * rS[u];
                count[0][g]++;
            }
            for (int u = 0; u < n0; u++) {
                int g = group(edges, v0[u]);
                sum[1][g] += r0[u];
                sumSq[1][g] += r0[u] * r0[u];
                count[1][g]++;
            }
            double total = 0;
            for (int g = 0; g < groups; g++) {
                int ms = count[0][g];
                int m0 = count[1][g];
                if (ms + m0 == 0) {
                    continue;
                }
                double est;
                if (ms >= 2 && m0 >= 2) {
                    double us = (sum[0][g] * sum[0][g] - sumSq[0][g]) / (ms * (ms - 1.0));
                    double u0 = (sum[1][g] * sum[1][g] - sumSq[1][g]) / (m0 * (m0 - 1.0));
                    est = us + u0 - 2 * (sum[0][g] / ms) * (sum[1][g] / m0);
                } else {
                    est = unpaired;
                }
                total += (ms + m0) * est;
            }
            max = Math.max(max, total / (nS + n0));
        }
        return Math.sqrt(max);
    }

    private static int[] usable(double[] oob) {
        int n = 0;
        for (double p : oob) {
            n += Double.isNaN(p) ? 0 : 1;
        }
        int[] out = new int[n];
        for (int k = 0, u = 0; k < oob.length; k++) {
            if (!Double.isNaN(oob[k])) {
                out[u++] = k;
            }
        }
        return out;
    }

    /**
     * The groups' lower edges (group g holds values from edges[g] up to the next edge): the distinct values when there
     * are at most {@value #MAX_LEVELS}, otherwise the values at every tenth of {@code sorted}, without duplicates.
     */
    private static double[] edges(double[] sorted, int n) {
        double[] distinct = new double[MAX_LEVELS + 1];
        int d = 0;
        for (int u = 0; u < n && d <= MAX_LEVELS; u++) {
            if (d == 0 || sorted[u] != distinct[d - 1]) {
                distinct[d++] = sorted[u];
            }
        }
        if (d <= MAX_LEVELS) {
            return Arrays.copyOf(distinct, d);
        }
        double[] edges = new double[BINS];
        int e = 0;
        for (int b = 0; b < BINS; b++) {
            double v = sorted[(int) ((long) b * n / BINS)];
            if (e == 0 || v != edges[e - 1]) {
                edges[e++] = v;
            }
        }
        return Arrays.copyOf(edges, e);
    }

    /** The index of the last edge at or below {@code v}. */
    private static int group(double[] edges, double v) {
        int i = Arrays.binarySearch(edges, v);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }
}
