package org.fairpath.explain;

import org.fairpath.core.model.OutcomeModels;

/**
 * Exact Shapley values of a boosted tree ensemble's positive-class log-odds, by the path-dependent TreeSHAP algorithm
 * (Lundberg, Erion and Lee 2018, "Consistent individualized feature attribution for tree ensembles", Algorithm 2):
 * polynomial time, exact for the value function "expected output given the known features", with the expectation over
 * unknown features taken along the trees' own splits weighted by training cover.
 *
 * <p>This is the reference path that {@link TreeShapExplainer} used until it moved to per-leaf tables
 * ({@link LeafTables}); it stays as the fallback for trees too deep for those tables and as the reference the tests
 * and benchmarks compare them with. Node covers are re-derived from the leaves (parent = sum of children) so the
 * weights are consistent. Immutable and thread-safe.
 */
final class TreeShapReference {

    private final int width;
    private final int[] roots;
    private final double[] sign;
    private final int[] feature;
    private final float[] threshold;
    private final int[] yes;
    private final int[] no;
    private final double[] value;
    private final double[] cover;
    private final double base;
    private final int maxDepth;

    TreeShapReference(OutcomeModels.TreeEnsemble t) {
        this.width = t.width();
        this.roots = t.roots().clone();
        this.feature = t.feature().clone();
        this.threshold = t.threshold().clone();
        this.yes = t.yes().clone();
        this.no = t.no().clone();
        this.value = new double[feature.length];
        float[] leaf = t.leaf();
        for (int i = 0; i < leaf.length; i++) {
            value[i] = leaf[i];
        }
        this.sign = new double[roots.length];
        for (int k = 0; k < roots.length; k++) {
            sign[k] = t.treeClass()[k] == t.positiveClass() ? 1 : -1;
        }
        this.cover = new double[feature.length];
        double[] given = t.cover();
        double b = 0;
        int depth = 0;
        for (int k = 0; k < roots.length; k++) {
            deriveCover(roots[k], given);
            b += sign[k] * expectation(roots[k]);
            depth = Math.max(depth, depth(roots[k]));
        }
        this.base = b;
        this.maxDepth = depth;
    }

    private double deriveCover(int n, double[] given) {
        if (feature[n] < 0) {
            cover[n] = Math.max(given[n], 1e-12);
        } else {
            cover[n] = deriveCover(yes[n], given) + deriveCover(no[n], given);
        }
        return cover[n];
    }

    private double expectation(int n) {
        if (feature[n] < 0) {
            return value[n];
        }
        return (cover[yes[n]] * expectation(yes[n]) + cover[no[n]] * expectation(no[n])) / cover[n];
    }

    private int depth(int n) {
        return feature[n] < 0 ? 0 : 1 + Math.max(depth(yes[n]), depth(no[n]));
    }

    /** The expected log-odds over the training distribution (the base value of every explanation). */
    double expectedValue() {
        return base;
    }

    /** The ensemble's positive-class log-odds for an encoded row, summed in double precision. */
    double logOdds(double[] row) {
        double out = 0;
        for (int k = 0; k < roots.length; k++) {
            int n = roots[k];
            while (feature[n] >= 0) {
                n = (float) row[feature[n]] < threshold[n] ? yes[n] : no[n];
            }
            out += sign[k] * value[n];
        }
        return out;
    }

    /** Exact per-column Shapley values of the log-odds for an encoded row. */
    double[] columnValues(double[] row) {
        double[] phi = new double[width];
        Path scratch = new Path(maxDepth + 2);
        for (int k = 0; k < roots.length; k++) {
            recurse(row, phi, sign[k], roots[k], 0, scratch, 0, 1, 1, -1);
        }
        return phi;
    }

    // the structure, for LeafTables (shared, not copied: neither class changes it)
    int width() {
        return width;
    }

    int maxDepth() {
        return maxDepth;
    }

    int[] roots() {
        return roots;
    }

    double[] sign() {
        return sign;
    }

    int[] feature() {
        return feature;
    }

    float[] threshold() {
        return threshold;
    }

    int[] yes() {
        return yes;
    }

    int[] no() {
        return no;
    }

    double[] value() {
        return value;
    }

    /** Covers re-derived from the leaves (parent = sum of its children). */
    double[] cover() {
        return cover;
    }

    /** The unique path of TreeSHAP: one segment per depth, each a copy of its parent's path extended by one. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;
        final int stride;

        Path(int maxLength) {
            stride = maxLength + 1;
            int size = stride * (stride + 1);
            feature = new int[size];
            zero = new double[size];
            one = new double[size];
            weight = new double[size];
        }
    }

    /**
     * Visits node {@code n}; the parent's path (of {@code depth + 1} elements from {@code parentAt}) is copied to the
     * next segment and extended with the parent's split.
     */
    private void recurse(double[] row, double[] phi, double scale, int n, int depth, Path p, int parentAt,
                         double zeroFraction, double oneFraction, int splitFeature) {
        int at = parentAt + (depth == 0 && parentAt == 0 ? 0 : p.stride);
        if (at != parentAt) {
            System.arraycopy(p.feature, parentAt, p.feature, at, depth);
            System.arraycopy(p.zero, parentAt, p.zero, at, depth);
            System.arraycopy(p.one, parentAt, p.one, at, depth);
            System.arraycopy(p.weight, parentAt, p.weight, at, depth);
        }
        extend(p, at, depth, zeroFraction, oneFraction, splitFeature);
        if (feature[n] < 0) {
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(p, at, depth, i);
                phi[p.feature[at + i]] += scale * w * (p.one[at + i] - p.zero[at + i]) * value[n];
            }
            return;
        }
        boolean goesYes = (float) row[feature[n]] < threshold[n];
        int hot = goesYes ? yes[n] : no[n];
        int cold = goesYes ? no[n] : yes[n];
        double incomingZero = 1;
        double incomingOne = 1;
        int k = 0;
        while (k <= depth && p.feature[at + k] != feature[n]) {
            k++;
        }
        int d = depth;
        if (k <= depth) {
            incomingZero = p.zero[at + k];
            incomingOne = p.one[at + k];
            unwind(p, at, d, k);
            d--;
        }
        recurse(row, phi, scale, hot, d + 1, p, at, cover[hot] / cover[n] * incomingZero, incomingOne, feature[n]);
        recurse(row, phi, scale, cold, d + 1, p, at, cover[cold] / cover[n] * incomingZero, 0, feature[n]);
    }

    private static void extend(Path p, int at, int depth, double zero, double one, int feature) {
        p.feature[at + depth] = feature;
        p.zero[at + depth] = zero;
        p.one[at + depth] = one;
        p.weight[at + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            p.weight[at + i + 1] += one * p.weight[at + i] * (i + 1) / (double) (depth + 1);
            p.weight[at + i] = zero * p.weight[at + i] * (depth - i) / (double) (depth + 1);
        }
    }

    private static void unwind(Path p, int at, int depth, int index) {
        double one = p.one[at + index];
        double zero = p.zero[at + index];
        double next = p.weight[at + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double t = p.weight[at + i];
                p.weight[at + i] = next * (depth + 1) / ((i + 1) * one);
                next = t - p.weight[at + i] * zero * (depth - i) / (double) (depth + 1);
            } else {
                p.weight[at + i] = p.weight[at + i] * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            p.feature[at + i] = p.feature[at + i + 1];
            p.zero[at + i] = p.zero[at + i + 1];
            p.one[at + i] = p.one[at + i + 1];
        }
    }

    private static double unwoundSum(Path p, int at, int depth, int index) {
        double one = p.one[at + index];
        double zero = p.zero[at + index];
        double next = p.weight[at + depth];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double t = next * (depth + 1) / ((i + 1) * one);
                total += t;
                next = p.weight[at + i] - t * zero * ((depth - i) / (double) (depth + 1));
            } else if (zero != 0) {
                total += (p.weight[at + i] / zero) / ((depth - i) / (double) (depth + 1));
            }
        }
        return total;
    }
}
