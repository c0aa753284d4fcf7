package org.fairpath.core.model;

/**
 * A two-class gradient-boosted tree ensemble as XGBoost's {@code multi:softprob} objective evaluates it, replayed in
 * the same single-precision arithmetic so the result is the one XGBoost returns: each class's margin starts at the
 * base score and adds, tree by tree in boosting order, the leaf the row reaches ({@code (float) x < threshold} goes to
 * {@code yes}); the two margins go through a single-precision softmax.
 *
 * <p>All trees live in flat node arrays laid out depth first, so a split's {@code yes} child is the next node: node
 * {@code i} is a leaf when {@code feature[i] < 0}, with value {@code leaf[i]}; otherwise it splits on encoded column
 * {@code feature[i]} at {@code threshold[i]}, going to {@code i + 1} or to {@code no[i]}. The hot loop reads two
 * interleaved arrays ({@code nodes}: feature and no-child; {@code values}: threshold or leaf value) to keep each
 * step within one or two cache lines. Rows are dense (every column present), so XGBoost's missing-value branch is
 * never taken.
 */
final class TreeEnsembleScorer implements Scorer {

    private final int width;
    private final int[] roots;
    private final int[] treeClass;
    private final int[] feature;
    private final float[] threshold;
    private final int[] yes;
    private final int[] no;
    private final float[] leaf;
    /** Training-sample weight ("cover") of each node, for path-dependent TreeSHAP. */
    private final double[] cover;
    private final float baseScore;
    private final int positiveClass;
    /** Interleaved {feature, no-child} per node, for the hot loop. */
    private final int[] nodes;
    /** Threshold of a split, value of a leaf, per node, for the hot loop. */
    private final float[] values;

    TreeEnsembleScorer(int width, int[] roots, int[] treeClass, int[] feature, float[] threshold, int[] yes, int[] no,
                       float[] leaf, double[] cover, float baseScore, int positiveClass) {
        this.width = width;
        this.roots = roots;
        this.treeClass = treeClass;
        this.feature = feature;
        this.threshold = threshold;
        this.yes = yes;
        this.no = no;
        this.leaf = leaf;
        this.cover = cover;
        this.baseScore = baseScore;
        this.positiveClass = positiveClass;
        int n = feature.length;
        if (threshold.length != n || yes.length != n || no.length != n || leaf.length != n || cover.length != n) {
            throw new IllegalArgumentException("node arrays differ in length");
        }
        this.nodes = new int[2 * n];
        this.values = new float[n];
        for (int i = 0; i < n; i++) {
            if (feature[i] >= 0) {
                if (yes[i] != i + 1 || no[i] <= i + 1 || no[i] >= n || feature[i] >= width) {
                    throw new IllegalArgumentException("node " + i + " is not in depth-first layout or names column "
                            + feature[i] + " of " + width);
                }
                values[i] = threshold[i];
            } else {
                values[i] = leaf[i];
            }
            nodes[2 * i] = feature[i];
            nodes[2 * i + 1] = no[i];
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double probability(double[] row) {
        float m0 = baseScore;
        float m1 = baseScore;
        for (int t = 0; t < roots.length; t++) {
            int n = roots[t];
            int f;
            while ((f = nodes[2 * n]) >= 0) {
                n = (float) row[f] < values[n] ? n + 1 : nodes[2 * n + 1];
            }
            if (treeClass[t] == 0) {
                m0 += values[n];
            } else {
                m1 += values[n];
            }
        }
        return softmax(m0, m1, positiveClass);
    }

    /** The positive class's probability from the two margins, as XGBoost computes it (shared with TreeBlocks). */
    static double softmax(float m0, float m1, int positiveClass) {
        // XGBoost's common::Softmax: float max, float exp, double sum, float division.
        float max = Math.max(m0, m1);
        float e0 = SinglePrecision.expf(m0 - max);
        float e1 = SinglePrecision.expf(m1 - max);
        double sum = 0.0;
        sum += e0;
        sum += e1;
        float p = (positiveClass == 0 ? e0 : e1) / (float) sum;
        return p;
    }

    @Override
    public String kind() {
        return "boosted-trees";
    }

    int trees() {
        return roots.length;
    }

    int nodes() {
        return feature.length;
    }

    // Flat arrays for persistence and explanations (copies).
    int[] roots() {
        return roots.clone();
    }

    int[] treeClass() {
        return treeClass.clone();
    }

    int[] feature() {
        return feature.clone();
    }

    float[] threshold() {
        return threshold.clone();
    }

    int[] yes() {
        return yes.clone();
    }

    int[] no() {
        return no.clone();
    }

    float[] leaf() {
        return leaf.clone();
    }

    double[] cover() {
        return cover.clone();
    }

    float baseScore() {
        return baseScore;
    }

    int positiveClass() {
        return positiveClass;
    }
}
