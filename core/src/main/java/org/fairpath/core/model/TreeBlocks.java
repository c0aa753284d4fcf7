package org.fairpath.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The boosted-tree ensembles a {@link Recommender} evaluates for one profile (every option's point model and bags),
 * compiled together into two flat arrays so that one profile costs one random cache line per pair of trees, with no
 * data-dependent branch and no allocation.
 *
 * <p><b>Conditions.</b> All splits of all ensembles are collected as distinct (column, threshold) pairs (a few hundred
 * for the default schema, against millions of nodes). For a row, {@link #conditions} evaluates each pair once into a
 * byte: 0 when {@code (float) row[column] < threshold} (XGBoost's "yes" branch), 1 otherwise, the very comparison
 * {@link TreeEnsembleScorer} makes (so NaN goes to "no" in both). Nodes name their condition in 16 bits, so at most
 * {@value #MAX_CONDITIONS} distinct conditions are compiled; with more, {@link #of} compiles nothing.
 *
 * <p><b>Walks.</b> XGBoost's two-class {@code softprob} grows one tree per class in every round, from gradients that
 * are the negation of each other up to rounding, so the two trees of a round nearly always split on the same
 * conditions in the same shape (16,799 of 16,800 pairs in the benchmark's models) while their leaf values differ in
 * the last bits. Two consecutive trees of different classes whose shapes and conditions are verified identical node by
 * node are compiled as one walk whose leaves hold both values (class 0's, class 1's); any other tree is a walk of its
 * own whose leaves hold its value for its class and {@code -0.0f} for the other, the one float that leaves every sum
 * unchanged ({@code x + -0.0f == x} bit for bit, for {@code x = +0.0f} too).
 *
 * <p><b>Layout.</b> An option whose deepest tree has depth {@code d} (at most {@value #MAX_DEPTH}; deeper options are
 * left to their own scorers) cuts every walk into a complete binary top of {@code k = max(0, d - 2)} levels and
 * {@code 2^k} bottoms of depth 2. The tops hold {@code 2^k - 1} condition indices each (breadth first, one spare slot),
 * contiguous in boosting order (model after model), and are read sequentially. Each bottom is a block of 16 ints (one
 * 64-byte line): its 3 conditions (slots 0-2), a spare, then 4 pairs of leaf values (float bits, class 0's then class
 * 1's, slots 4-11); a walk's bottoms follow each other, so the top's exit names its bottom without a pointer. A walk
 * shallower than the grid is padded: below a leaf every node tests condition 0 and every exit holds that leaf's
 * values, so whichever way the padded nodes go the result is the leaf's values.
 *
 * <p><b>Sums.</b> The margins are summed in float, each class's leaves in boosting order, from the same base score,
 * and go through the same softmax as {@link TreeEnsembleScorer#probability}, so every probability is bit-identical to
 * the model's own scorer (tested on random and real rows).
 */
final class TreeBlocks {

    /** Most distinct conditions: node slots hold a condition's index in 16 bits. */
    static final int MAX_CONDITIONS = 1 << 16;
    /** Deepest tree compiled: a walk takes {@code 2^(depth - 2)} bottoms of 64 bytes (4 KiB at depth 8). */
    static final int MAX_DEPTH = 8;
    /** Ints per bottom block: 3 conditions, 1 spare, 4 pairs of leaf values, 4 spare (64 bytes). */
    static final int BOTTOM = 16;
    /** The leaf value of the class a single tree does not score: adding it changes no float. */
    private static final int NEUTRAL = Float.floatToRawIntBits(-0.0f);

    private final int[] conditionColumn;
    private final float[] conditionThreshold;
    private final char[] tops;
    private final int[] bottoms;
    /** Per option: offset of its first top in {@code tops}, or -1 when the option is not compiled. */
    private final int[] optionTop;
    /** Per option: offset of its first bottom in {@code bottoms}. */
    private final int[] optionBottom;
    /** Per option: the levels of its tops ({@code k}). */
    private final int[] optionTopLevels;
    /** Per option, per model ({@code [0]} = point model, then the bags): index of its first walk in the option. */
    private final int[][] modelStart;
    private final float[][] baseScore;
    private final int[][] positiveClass;
    private final int exitsLength;
    private final int pairedWalks;

    private TreeBlocks(Builder b) {
        this.conditionColumn = b.conditionColumns();
        this.conditionThreshold = b.conditionThresholds();
        this.tops = Arrays.copyOf(b.tops, b.topsUsed);
        this.bottoms = Arrays.copyOf(b.bottoms, b.bottomsUsed);
        this.optionTop = b.optionTop;
        this.optionBottom = b.optionBottom;
        this.optionTopLevels = b.optionTopLevels;
        this.modelStart = b.modelStart;
        this.baseScore = b.baseScore;
        this.positiveClass = b.positiveClass;
        int max = 0;
        for (int[] s : modelStart) {
            max = s == null ? max : Math.max(max, s[s.length - 1]);
        }
        this.exitsLength = max + 1;
        this.pairedWalks = b.paired;
    }

    /**
     * The options whose scorers ({@code scorers[o][0]} and its bags) are all tree ensembles of depth at most
     * {@value #MAX_DEPTH}, compiled; null if no option is, or if all of them together have more than
     * {@value #MAX_CONDITIONS} distinct conditions. Options left out ({@link #covers} is false) keep their own scorers.
     */
    static TreeBlocks of(Scorer[][] scorers) {
        Builder b = new Builder(scorers.length);
        boolean any = false;
        for (int o = 0; o < scorers.length; o++) {
            boolean all = scorers[o].length > 0;
            for (Scorer s : scorers[o]) {
                all &= s instanceof TreeEnsembleScorer;
            }
            if (all) {
                TreeEnsembleScorer[] models = new TreeEnsembleScorer[scorers[o].length];
                for (int m = 0; m < models.length; m++) {
                    models[m] = (TreeEnsembleScorer) scorers[o][m];
                }
                any |= b.addOption(o, models);
            }
        }
        return any && b.conditionIndex.size() <= MAX_CONDITIONS ? new TreeBlocks(b) : null;
    }

    /** Number of distinct (column, threshold) conditions: the length {@link #conditions} fills. */
    int conditionCount() {
        return conditionColumn.length;
    }

    /** The length of the scratch array {@link #probabilities} needs: the most walks of one option, plus one. */
    int exitsLength() {
        return exitsLength;
    }

    /** Number of walks that score a pair of trees (two trees of one round verified to share their splits). */
    int pairedWalks() {
        return pairedWalks;
    }

    /** Bytes of the compiled tops and bottoms. */
    long bytes() {
        return 2L * tops.length + 4L * bottoms.length;
    }

    /** Whether option {@code o}'s models are compiled here. */
    boolean covers(int o) {
        return optionTop[o] >= 0;
    }

    /** Evaluates every condition on {@code row} into {@code bits} (0 = "yes" branch, 1 = "no"); allocates nothing. */
    void conditions(double[] row, byte[] bits) {
        for (int c = 0; c < conditionColumn.length; c++) {
            bits[c] = (byte) ((float) row[conditionColumn[c]] < conditionThreshold[c] ? 0 : 1);
        }
    }

    /**
     * The probabilities of all models of option {@code o} ({@code out[0]} = point model, {@code out[b + 1]} = bag
     * {@code b}) for the row whose {@link #conditions} are {@code bits}, each bit-identical to that model's
     * {@link TreeEnsembleScorer#probability}. {@code exits} (at least {@link #exitsLength} long) is scratch space.
     *
     * <p>Three passes over the option's walks: the tops, read in order, give each walk its bottom; a second pass only
     * reads the first int of every bottom (a random cache line each), so that with nothing else to do the processor
     * keeps many of those misses in flight at once; the third walks the bottoms, by then in cache, adding each walk's
     * two leaf values to its model's two margins in boosting order.
     */
    void probabilities(int o, byte[] bits, int[] exits, double[] out) {
        char[] tp = tops;
        int[] bt = bottoms;
        int[] starts = modelStart[o];
        int walks = starts[starts.length - 1];
        int levels = optionTopLevels[o];
        int stride = 1 << levels;
        int at = optionTop[o];
        int bottom = optionBottom[o] - (stride - 1) * BOTTOM; // top exit j (stride-1 .. 2 stride-2) -> bottom j
        for (int t = 0; t < walks; t++, at += stride, bottom += stride * BOTTOM) {
            int j = 0;
            for (int l = 0; l < levels; l++) {
                j = 2 * j + 1 + bits[tp[at + j]];
            }
            exits[t] = bottom + j * BOTTOM;
        }
        int touch = 0;
        for (int t = 0; t < walks; t++) {
            touch += bt[exits[t]];
        }
        exits[walks] = touch; // kept, so the compiler cannot drop the reads
        float[] base = baseScore[o];
        int[] positive = positiveClass[o];
        for (int m = 0; m + 1 < starts.length; m++) {
            float m0 = base[m];
            float m1 = m0;
            for (int t = starts[m]; t < starts[m + 1]; t++) {
                int b = exits[t];
                int j = 1 + bits[bt[b]];
                int leaf = b + 4 * j + 2 * bits[bt[b + j]]; // exit e = 2 j + 1 + bit (3..6) -> slot 4 + 2 (e - 3)
                m0 += Float.intBitsToFloat(bt[leaf]);
                m1 += Float.intBitsToFloat(bt[leaf + 1]);
            }
            out[m] = TreeEnsembleScorer.softmax(m0, m1, positive[m]);
        }
    }

    /** Collects conditions, tops and bottoms; ensembles must already be valid depth-first {@link TreeEnsembleScorer}s. */
    private static final class Builder {
        final Map<Long, Integer> conditionIndex = new HashMap<>();
        private int[] columns = new int[64];
        private float[] thresholds = new float[64];
        char[] tops = new char[1024];
        int topsUsed;
        int[] bottoms = new int[BOTTOM * 1024];
        int bottomsUsed;
        final int[] optionTop;
        final int[] optionBottom;
        final int[] optionTopLevels;
        final int[][] modelStart;
        final float[][] baseScore;
        final int[][] positiveClass;
        int paired;

        // the current ensemble's arrays
        private int[] feature;
        private float[] threshold;
        private int[] no;
        private float[] leaf;

        Builder(int options) {
            optionTop = new int[options];
            Arrays.fill(optionTop, -1);
            optionBottom = new int[options];
            optionTopLevels = new int[options];
            modelStart = new int[options][];
            baseScore = new float[options][];
            positiveClass = new int[options][];
        }

        /**
         * Adds option {@code o}'s models, their tops contiguous in boosting order; false (nothing added) if a tree is
         * deeper than {@link #MAX_DEPTH} or the arrays would pass 2^31 entries.
         */
        boolean addOption(int o, TreeEnsembleScorer[] models) {
            int depth = 0;
            // per walk: model, class-0 tree's root, class-1 tree's root (-1 for the class a single tree does not score)
            List<int[]> walks = new ArrayList<>();
            int[] starts = new int[models.length + 1];
            for (int m = 0; m < models.length; m++) {
                use(models[m]);
                int[] roots = models[m].roots();
                int[] cls = models[m].treeClass();
                for (int k = 0; k < roots.length; k++) {
                    depth = Math.max(depth, depth(roots[k]));
                    if (k + 1 < roots.length && cls[k] != cls[k + 1] && sameSplits(roots[k], roots[k + 1])) {
                        walks.add(new int[] {m, roots[cls[k] == 0 ? k : k + 1], roots[cls[k] == 0 ? k + 1 : k]});
                        k++;
                    } else {
                        walks.add(new int[] {m, cls[k] == 0 ? roots[k] : -1, cls[k] == 0 ? -1 : roots[k]});
                    }
                }
                starts[m + 1] = walks.size();
            }
            int levels = Math.max(0, depth - 2);
            long stride = 1L << levels;
            long topsNeed = topsUsed + walks.size() * stride;
            long bottomsNeed = bottomsUsed + walks.size() * stride * BOTTOM;
            if (depth > MAX_DEPTH || topsNeed > Integer.MAX_VALUE - 8 || bottomsNeed > Integer.MAX_VALUE - 8) {
                return false;
            }
            tops = Arrays.copyOf(tops, (int) Math.max(tops.length, topsNeed));
            bottoms = Arrays.copyOf(bottoms, (int) Math.max(bottoms.length, bottomsNeed));
            optionTop[o] = topsUsed;
            optionBottom[o] = bottomsUsed;
            optionTopLevels[o] = levels;
            modelStart[o] = starts;
            baseScore[o] = new float[models.length];
            positiveClass[o] = new int[models.length];
            for (int m = 0; m < models.length; m++) {
                baseScore[o][m] = models[m].baseScore();
                positiveClass[o][m] = models[m].positiveClass();
            }
            int[] exit0 = new int[(int) stride];
            int[] exit1 = new int[(int) stride];
            int current = -1;
            for (int[] w : walks) {
                if (w[0] != current) { // the node arrays are copies: take them once per model
                    current = w[0];
                    use(models[current]);
                }
                paired += w[1] >= 0 && w[2] >= 0 ? 1 : 0;
                fillTop(w[1], w[2], 0, levels, exit0, exit1);
                for (int x = 0; x < stride; x++) {
                    fillBottom(exit0[x], exit1[x], 0, bottomsUsed + x * BOTTOM);
                }
                topsUsed += (int) stride;
                bottomsUsed += (int) stride * BOTTOM;
            }
            return true;
        }

        private void use(TreeEnsembleScorer t) {
            feature = t.feature();
            threshold = t.threshold();
            no = t.no();
            leaf = t.leaf();
        }

        private int depth(int n) {
            return feature[n] < 0 ? 0 : 1 + Math.max(depth(n + 1), depth(no[n]));
        }

        /** Whether the subtrees at {@code a} and {@code b} have the same shape and the same conditions everywhere. */
        private boolean sameSplits(int a, int b) {
            if (feature[a] < 0 || feature[b] < 0) {
                return feature[a] < 0 && feature[b] < 0;
            }
            return feature[a] == feature[b]
                    && Float.floatToRawIntBits(threshold[a]) == Float.floatToRawIntBits(threshold[b])
                    && sameSplits(a + 1, b + 1) && sameSplits(no[a], no[b]);
        }

        /**
         * Fills position {@code j} of the current top (internal nodes {@code 0 .. 2^levels - 2}, then exits) with the
         * class-0 tree's node {@code n0} and the class-1 tree's node {@code n1} (one of them -1 for a tree walked
         * alone; else the two have the same splits and the walk follows {@code n0}); the nodes reaching each exit go
         * to {@code exit0} and {@code exit1}.
         */
        private void fillTop(int n0, int n1, int j, int levels, int[] exit0, int[] exit1) {
            int internal = (1 << levels) - 1;
            if (j >= internal) {
                exit0[j - internal] = n0;
                exit1[j - internal] = n1;
                return;
            }
            int n = n0 >= 0 ? n0 : n1;
            if (feature[n] < 0) {
                tops[topsUsed + j] = 0; // padding: both children hold the same leaf
                fillTop(n0, n1, 2 * j + 1, levels, exit0, exit1);
                fillTop(n0, n1, 2 * j + 2, levels, exit0, exit1);
            } else {
                tops[topsUsed + j] = (char) condition(feature[n], threshold[n]);
                fillTop(yes(n0), yes(n1), 2 * j + 1, levels, exit0, exit1);
                fillTop(no(n0), no(n1), 2 * j + 2, levels, exit0, exit1);
            }
        }

        /** Fills position {@code j} (0-2 internal, 3-6 exits) of the bottom block at {@code at}, as {@link #fillTop}. */
        private void fillBottom(int n0, int n1, int j, int at) {
            int n = n0 >= 0 ? n0 : n1;
            boolean isLeaf = feature[n] < 0;
            if (j >= 3) {
                if (!isLeaf) {
                    throw new IllegalStateException("tree deeper than its walk's grid at node " + n);
                }
                bottoms[at + 4 + 2 * (j - 3)] = n0 < 0 ? NEUTRAL : Float.floatToRawIntBits(leaf[n0]);
                bottoms[at + 5 + 2 * (j - 3)] = n1 < 0 ? NEUTRAL : Float.floatToRawIntBits(leaf[n1]);
            } else if (isLeaf) {
                bottoms[at + j] = 0; // padding
                fillBottom(n0, n1, 2 * j + 1, at);
                fillBottom(n0, n1, 2 * j + 2, at);
            } else {
                bottoms[at + j] = condition(feature[n], threshold[n]);
                fillBottom(yes(n0), yes(n1), 2 * j + 1, at);
                fillBottom(no(n0), no(n1), 2 * j + 2, at);
            }
        }

        private static int yes(int n) {
            return n < 0 ? -1 : n + 1;
        }

        private int no(int n) {
            return n < 0 ? -1 : no[n];
        }

        /** The condition's index; past {@link #MAX_CONDITIONS} the index is cut to 16 bits, and nothing is used. */
        private int condition(int column, float t) {
            long key = ((long) column << 32) | (Float.floatToRawIntBits(t) & 0xffffffffL);
            Integer c = conditionIndex.get(key);
            if (c == null) {
                c = conditionIndex.size();
                if (c == columns.length) {
                    columns = Arrays.copyOf(columns, 2 * c);
                    thresholds = Arrays.copyOf(thresholds, 2 * c);
                }
                columns[c] = column;
                thresholds[c] = t;
                conditionIndex.put(key, c);
            }
            return c;
        }

        int[] conditionColumns() {
            // condition 0 pads the nodes below leaves; an ensemble of leaves only still needs one (column 0, +0.0)
            return conditionIndex.isEmpty() ? new int[1] : Arrays.copyOf(columns, conditionIndex.size());
        }

        float[] conditionThresholds() {
            return conditionIndex.isEmpty() ? new float[1] : Arrays.copyOf(thresholds, conditionIndex.size());
        }
    }
}
