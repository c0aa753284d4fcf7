package org.fairpath.core.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The boosted-tree ensembles a {@link Recommender} evaluates for one profile (every option's point model and bags),
 * compiled together into one flat {@code int[]} of fixed-size blocks so that one profile costs about one random cache
 * line per tree, with no data-dependent branch and no allocation.
 *
 * <p><b>Conditions.</b> All splits of all ensembles are collected as distinct (column, threshold) pairs (a few hundred
 * for the default schema, against millions of nodes). For a row, {@link #conditions} evaluates each pair once into a
 * byte: 0 when {@code (float) row[column] < threshold} (XGBoost's "yes" branch), 1 otherwise, the very comparison
 * {@link TreeEnsembleScorer} makes (so NaN goes to "no" in both).
 *
 * <p><b>Blocks.</b> Each tree is cut into complete binary subtrees of depth 3: a block of 16 ints holds the condition
 * indices of its 7 internal nodes in breadth-first order (slots 0-6) and its 8 exits (slots 8-15): the offset of the
 * next block, or, in the last level, the leaf's float bits. A tree shallower than the block grid is padded: below a
 * leaf every node tests condition 0 and every exit holds that leaf's value, so whichever way the padded nodes go the
 * result is the leaf's value. Every tree of an option (its point model and its bags) has the same number of block
 * levels, so the walk is a fixed sequence of loads with no data-dependent branch. An option's top blocks are
 * contiguous (model after model, each in boosting order) and read sequentially.
 *
 * <p><b>Sums.</b> The margins are summed in float, tree by tree in boosting order, from the same base score, and go
 * through the same softmax as {@link TreeEnsembleScorer#probability}, so every probability is bit-identical to the
 * model's own scorer (tested on random and real rows).
 */
final class TreeBlocks {

    /** Ints per block: 7 conditions, 1 spare, 8 exits (64 bytes). */
    static final int BLOCK = 16;

    private final int[] conditionColumn;
    private final float[] conditionThreshold;
    private final int[] blocks;
    /** Per option: offset of its first top block (its models' top blocks follow each other), or -1. */
    private final int[] optionTop;
    /** Per option: its number of block levels (the same for all its trees). */
    private final int[] optionLevels;
    /** Per option, per model ({@code [0]} = point model, then the bags): index of its first tree in the option. */
    private final int[][] modelStart;
    /** Per option, per tree: its class (0 or 1). */
    private final byte[][] treeClass;
    private final float[][] baseScore;
    private final int[][] positiveClass;
    private final int maxOptionTrees;

    private TreeBlocks(int[] conditionColumn, float[] conditionThreshold, int[] blocks, int[] optionTop,
                       int[] optionLevels, int[][] modelStart, byte[][] treeClass, float[][] baseScore,
                       int[][] positiveClass) {
        this.conditionColumn = conditionColumn;
        this.conditionThreshold = conditionThreshold;
        this.blocks = blocks;
        this.optionTop = optionTop;
        this.optionLevels = optionLevels;
        this.modelStart = modelStart;
        this.treeClass = treeClass;
        this.baseScore = baseScore;
        this.positiveClass = positiveClass;
        int max = 0;
        for (byte[] c : treeClass) {
            max = c == null ? max : Math.max(max, c.length);
        }
        this.maxOptionTrees = max;
    }

    /**
     * The options whose scorers ({@code scorers[o][0]} and its bags) are all tree ensembles, compiled; null if no
     * option is. Options with any other scorer are left out ({@link #covers} is false for them).
     */
    static TreeBlocks of(Scorer[][] scorers) {
        Builder b = new Builder();
        int n = scorers.length;
        int[] top = new int[n];
        int[] levels = new int[n];
        int[][] modelStart = new int[n][];
        byte[][] treeClass = new byte[n][];
        float[][] base = new float[n][];
        int[][] positive = new int[n][];
        boolean any = false;
        for (int o = 0; o < n; o++) {
            top[o] = -1;
            boolean all = scorers[o].length > 0;
            for (Scorer s : scorers[o]) {
                all &= s instanceof TreeEnsembleScorer;
            }
            if (!all) {
                continue;
            }
            any = true;
            int k = scorers[o].length;
            TreeEnsembleScorer[] models = new TreeEnsembleScorer[k];
            modelStart[o] = new int[k + 1];
            base[o] = new float[k];
            positive[o] = new int[k];
            for (int m = 0; m < k; m++) {
                models[m] = (TreeEnsembleScorer) scorers[o][m];
                modelStart[o][m + 1] = Math.addExact(modelStart[o][m], models[m].trees());
                base[o][m] = models[m].baseScore();
                positive[o][m] = models[m].positiveClass();
            }
            treeClass[o] = new byte[modelStart[o][k]];
            top[o] = b.addOption(models, treeClass[o]);
            levels[o] = b.levels();
        }
        if (!any) {
            return null;
        }
        return new TreeBlocks(b.conditionColumns(), b.conditionThresholds(), b.blocks(), top, levels, modelStart,
                treeClass, base, positive);
    }

    /** Number of distinct (column, threshold) conditions: the length {@link #conditions} fills. */
    int conditionCount() {
        return conditionColumn.length;
    }

    /** The largest number of trees of one option (all its models): the length {@link #probabilities} needs. */
    int maxOptionTrees() {
        return maxOptionTrees;
    }

    /** Number of ints in the block array (16 per block). */
    int size() {
        return blocks.length;
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
     * {@link TreeEnsembleScorer#probability}. {@code exits} (at least {@link #maxOptionTrees} long) is scratch space.
     *
     * <p>The trees are walked level by level over all the option's trees at once: within a level no tree waits for
     * another, so the processor can fetch many trees' next blocks at the same time instead of one after another.
     * Then each model's margins are summed in boosting order.
     */
    void probabilities(int o, byte[] bits, int[] exits, double[] out) {
        int[] bl = blocks;
        int[] starts = modelStart[o];
        int trees = starts[starts.length - 1];
        int at = optionTop[o];
        for (int t = 0; t < trees; t++, at += BLOCK) {
            exits[t] = bl[at + 1 + walk(bl, at, bits)];
        }
        for (int l = optionLevels[o]; l > 1; l--) {
            for (int t = 0; t < trees; t++) {
                int b = exits[t];
                exits[t] = bl[b + 1 + walk(bl, b, bits)];
            }
        }
        byte[] cls = treeClass[o];
        for (int m = 0; m + 1 < starts.length; m++) {
            float m0 = baseScore[o][m];
            float m1 = m0;
            for (int t = starts[m]; t < starts[m + 1]; t++) {
                float v = Float.intBitsToFloat(exits[t]);
                if (cls[t] == 0) {
                    m0 += v;
                } else {
                    m1 += v;
                }
            }
            out[m] = TreeEnsembleScorer.softmax(m0, m1, positiveClass[o][m]);
        }
    }

    /** The exit (7..14) a row reaches in the depth-3 block at {@code at}. */
    private static int walk(int[] bl, int at, byte[] bits) {
        int j = 1 + bits[bl[at]];
        j = 2 * j + 1 + bits[bl[at + j]];
        return 2 * j + 1 + bits[bl[at + j]];
    }

    /** Collects conditions and blocks; ensembles must already be valid depth-first {@link TreeEnsembleScorer}s. */
    private static final class Builder {
        private final Map<Long, Integer> conditionIndex = new HashMap<>();
        private int[] columns = new int[64];
        private float[] thresholds = new float[64];
        private int[] blocks = new int[BLOCK * 1024];
        private int used;
        /** Constant blocks (every exit the same leaf) by (levels below, leaf bits), shared within the array. */
        private final Map<Long, Integer> constant = new HashMap<>();

        // the current ensemble's arrays
        private int[] feature;
        private float[] threshold;
        private int[] yes;
        private int[] no;
        private float[] leaf;

        private int levels;

        /** The block levels of the last option added. */
        int levels() {
            return levels;
        }

        /** Adds one option's models, their top blocks contiguous; returns the offset of the first. */
        int addOption(TreeEnsembleScorer[] models, byte[] treeClass) {
            int depth = 0;
            for (TreeEnsembleScorer t : models) {
                use(t);
                for (int r : t.roots()) {
                    depth = Math.max(depth, depth(r));
                }
            }
            levels = Math.max(1, (depth + 2) / 3);
            int first = allocate(treeClass.length);
            int g = 0;
            for (TreeEnsembleScorer t : models) {
                use(t);
                int[] roots = t.roots();
                int[] cls = t.treeClass();
                for (int k = 0; k < roots.length; k++, g++) {
                    fill(roots[k], 0, first + g * BLOCK, levels);
                    treeClass[g] = (byte) cls[k];
                }
            }
            return first;
        }

        private void use(TreeEnsembleScorer t) {
            feature = t.feature();
            threshold = t.threshold();
            yes = t.yes();
            no = t.no();
            leaf = t.leaf();
        }

        private int depth(int n) {
            return feature[n] < 0 ? 0 : 1 + Math.max(depth(yes[n]), depth(no[n]));
        }

        /** Fills position {@code j} (0-6 internal, 7-14 exits) of the block at {@code at} with node {@code n}. */
        private void fill(int n, int j, int at, int levelsLeft) {
            boolean isLeaf = feature[n] < 0;
            if (j >= 7) {
                int slot = at + j + 1;
                if (levelsLeft == 1) {
                    if (!isLeaf) {
                        throw new IllegalStateException("tree deeper than its block levels at node " + n);
                    }
                    blocks[slot] = Float.floatToRawIntBits(leaf[n]);
                } else {
                    int next = isLeaf ? constant(leaf[n], levelsLeft - 1) : block(n, levelsLeft - 1);
                    blocks[slot] = next;
                }
                return;
            }
            if (isLeaf) {
                blocks[at + j] = 0; // padding: both children hold the same leaf
                fill(n, 2 * j + 1, at, levelsLeft);
                fill(n, 2 * j + 2, at, levelsLeft);
            } else {
                blocks[at + j] = condition(feature[n], threshold[n]);
                fill(yes[n], 2 * j + 1, at, levelsLeft);
                fill(no[n], 2 * j + 2, at, levelsLeft);
            }
        }

        private int block(int n, int levelsLeft) {
            int at = allocate(1);
            fill(n, 0, at, levelsLeft);
            return at;
        }

        private int constant(float value, int levelsLeft) {
            long key = ((long) levelsLeft << 32) | (Float.floatToRawIntBits(value) & 0xffffffffL);
            Integer at = constant.get(key);
            if (at == null) {
                int next = levelsLeft == 1 ? Float.floatToRawIntBits(value) : constant(value, levelsLeft - 1);
                at = allocate(1);
                for (int e = 8; e < BLOCK; e++) {
                    blocks[at + e] = next;
                }
                constant.put(key, at);
            }
            return at;
        }

        private int condition(int column, float t) {
            long key = ((long) column << 32) | (Float.floatToRawIntBits(t) & 0xffffffffL);
            Integer c = conditionIndex.get(key);
            if (c == null) {
                c = conditionIndex.size();
                if (c == columns.length) {
                    columns = java.util.Arrays.copyOf(columns, 2 * c);
                    thresholds = java.util.Arrays.copyOf(thresholds, 2 * c);
                }
                columns[c] = column;
                thresholds[c] = t;
                conditionIndex.put(key, c);
            }
            return c;
        }

        private int allocate(int count) {
            int at = used;
            long need = (long) used + (long) count * BLOCK;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the tree ensembles need more than 2^31 block slots");
            }
            if (need > blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(need, 2L * blocks.length)));
            }
            used = (int) need;
            return at;
        }

        int[] blocks() {
            return java.util.Arrays.copyOf(blocks, used);
        }

        int[] conditionColumns() {
            // condition 0 pads the nodes below leaves; an ensemble of leaves only still needs one (column 0, +0.0)
            return conditionIndex.isEmpty() ? new int[1] : java.util.Arrays.copyOf(columns, conditionIndex.size());
        }

        float[] conditionThresholds() {
            return conditionIndex.isEmpty() ? new float[1]
                    : java.util.Arrays.copyOf(thresholds, conditionIndex.size());
        }
    }
}
