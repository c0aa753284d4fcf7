package org.fairpath.core.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The boosted-tree ensembles a {@link Recommender} evaluates for one profile (every option's point model and bags),
 * compiled together into one flat {@code int[]} of fixed-size blocks so that one profile costs about one random cache
 * line per pair of trees, with no data-dependent branch and no allocation.
 *
 * <p><b>Conditions.</b> All splits of all ensembles are collected as distinct (column, threshold) pairs (a few hundred
 * for the default schema, against millions of nodes). For a row, {@link #conditions} evaluates each pair once into a
 * byte: 0 when {@code (float) row[column] < threshold} (XGBoost's "yes" branch), 1 otherwise, the very comparison
 * {@link TreeEnsembleScorer} makes (so NaN goes to "no" in both).
 *
 * <p><b>Walks.</b> XGBoost's two-class {@code softprob} grows one tree per class in every round, from gradients that
 * are the negation of each other up to rounding, so the two trees of a round nearly always split on the same
 * conditions in the same shape (16,799 of 16,800 pairs in the benchmark's models) while their leaf values differ in
 * the last bits. Two consecutive trees of different classes whose shapes and conditions are verified identical node by
 * node are compiled as one walk whose leaves hold both values (class 0's, class 1's); any other tree is a walk of its
 * own whose leaves hold its value for its class and {@code -0.0f} for the other, the one float that leaves every sum
 * unchanged ({@code x + -0.0f == x} bit for bit, for {@code x = +0.0f} too).
 *
 * <p><b>Blocks.</b> Each walk is cut into complete binary subtrees of depth 3: a block holds the condition indices of
 * its 7 internal nodes in breadth-first order (slots 0-6) and its 8 exits: in an upper level, 16 ints whose exits
 * (slots 8-15) are the offsets of the next blocks; in the last level, 24 ints whose exits are 8 pairs of leaf values
 * (float bits; slots 8-23, class 0's then class 1's). A walk shallower than the block grid is padded: below a leaf every
 * node tests condition 0 and every exit holds that leaf's values, so whichever way the padded nodes go the result is
 * the leaf's values. Every walk of an option (its point model and its bags) has the same number of block levels, so
 * the walk is a fixed sequence of loads with no data-dependent branch. An option's top blocks are contiguous (model
 * after model, each in boosting order) and read sequentially.
 *
 * <p><b>Sums.</b> The margins are summed in float, each class's leaves in boosting order, from the same base score,
 * and go through the same softmax as {@link TreeEnsembleScorer#probability}, so every probability is bit-identical to
 * the model's own scorer (tested on random and real rows).
 */
final class TreeBlocks {

    /** Ints per block of an upper level: 7 conditions, 1 spare, 8 offsets of next blocks (64 bytes). */
    static final int BLOCK = 16;
    /** Ints per block of the last level: 7 conditions, 1 spare, 8 pairs of leaf values (96 bytes). */
    static final int LAST = 24;
    /** The leaf value of the class a single tree does not score: adding it changes no float. */
    private static final int NEUTRAL = Float.floatToRawIntBits(-0.0f);

    private final int[] conditionColumn;
    private final float[] conditionThreshold;
    private final int[] blocks;
    /** Per option: offset of its first top block (its walks' top blocks follow each other), or -1. */
    private final int[] optionTop;
    /** Per option: its number of block levels (the same for all its walks). */
    private final int[] optionLevels;
    /** Per option, per model ({@code [0]} = point model, then the bags): index of its first walk in the option. */
    private final int[][] modelStart;
    private final float[][] baseScore;
    private final int[][] positiveClass;
    private final int maxOptionWalks;
    private final int pairedWalks;

    private TreeBlocks(int[] conditionColumn, float[] conditionThreshold, int[] blocks, int[] optionTop,
                       int[] optionLevels, int[][] modelStart, float[][] baseScore, int[][] positiveClass,
                       int pairedWalks) {
        this.conditionColumn = conditionColumn;
        this.conditionThreshold = conditionThreshold;
        this.blocks = blocks;
        this.optionTop = optionTop;
        this.optionLevels = optionLevels;
        this.modelStart = modelStart;
        this.baseScore = baseScore;
        this.positiveClass = positiveClass;
        int max = 0;
        for (int[] s : modelStart) {
            max = s == null ? max : Math.max(max, s[s.length - 1]);
        }
        this.maxOptionWalks = max;
        this.pairedWalks = pairedWalks;
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
            base[o] = new float[k];
            positive[o] = new int[k];
            for (int m = 0; m < k; m++) {
                models[m] = (TreeEnsembleScorer) scorers[o][m];
                base[o][m] = models[m].baseScore();
                positive[o][m] = models[m].positiveClass();
            }
            modelStart[o] = new int[k + 1];
            top[o] = b.addOption(models, modelStart[o]);
            levels[o] = b.levels();
        }
        if (!any) {
            return null;
        }
        return new TreeBlocks(b.conditionColumns(), b.conditionThresholds(), b.blocks(), top, levels, modelStart,
                base, positive, b.paired());
    }

    /** Number of distinct (column, threshold) conditions: the length {@link #conditions} fills. */
    int conditionCount() {
        return conditionColumn.length;
    }

    /** The largest number of walks of one option (all its models): the length {@link #probabilities} needs. */
    int maxOptionTrees() {
        return maxOptionWalks;
    }

    /** Number of walks that score a pair of trees (two trees of one round verified to share their splits). */
    int pairedWalks() {
        return pairedWalks;
    }

    /** Number of ints in the block array. */
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
     * <p>The upper levels are walked level by level over all the option's walks at once: within a level no walk
     * waits for another, so the processor can fetch many walks' next blocks at the same time instead of one after
     * another. The last level is walked model by model, adding each walk's two leaf values to the two margins in
     * boosting order.
     */
    void probabilities(int o, byte[] bits, int[] exits, double[] out) {
        int[] bl = blocks;
        int[] starts = modelStart[o];
        int walks = starts[starts.length - 1];
        int levels = optionLevels[o];
        int at = optionTop[o];
        if (levels > 1) {
            for (int t = 0; t < walks; t++, at += BLOCK) {
                exits[t] = bl[at + 1 + walk(bl, at, bits)];
            }
            for (int l = levels - 1; l > 1; l--) {
                for (int t = 0; t < walks; t++) {
                    int b = exits[t];
                    exits[t] = bl[b + 1 + walk(bl, b, bits)];
                }
            }
        } else {
            for (int t = 0; t < walks; t++, at += LAST) {
                exits[t] = at;
            }
        }
        float[] base = baseScore[o];
        int[] positive = positiveClass[o];
        for (int m = 0; m + 1 < starts.length; m++) {
            float m0 = base[m];
            float m1 = m0;
            for (int t = starts[m]; t < starts[m + 1]; t++) {
                int b = exits[t];
                int leaf = b + 2 * walk(bl, b, bits) - 6; // exit e (7..14) -> slots 8 + 2 (e - 7) and the next
                m0 += Float.intBitsToFloat(bl[leaf]);
                m1 += Float.intBitsToFloat(bl[leaf + 1]);
            }
            out[m] = TreeEnsembleScorer.softmax(m0, m1, positive[m]);
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
        /** Constant blocks (every exit the same leaf values) by levels below and leaf bits, shared in the array. */
        private final Map<ConstantKey, Integer> constant = new HashMap<>();

        // the current ensemble's arrays
        private int[] feature;
        private float[] threshold;
        private int[] no;
        private float[] leaf;

        private int levels;
        private int paired;

        private record ConstantKey(int levelsLeft, int class0, int class1) { }

        /** The block levels of the last option added. */
        int levels() {
            return levels;
        }

        /** Walks that score a pair of trees, over all options added. */
        int paired() {
            return paired;
        }

        /**
         * Adds one option's models, their top blocks contiguous; fills {@code modelStart} (each model's first walk,
         * then the total) and returns the offset of the first top block.
         */
        int addOption(TreeEnsembleScorer[] models, int[] modelStart) {
            int depth = 0;
            // per model, per tree: whether it shares a walk with the next tree (a pair of one round)
            boolean[][] pairs = new boolean[models.length][];
            for (int m = 0; m < models.length; m++) {
                use(models[m]);
                int[] roots = models[m].roots();
                int[] cls = models[m].treeClass();
                pairs[m] = new boolean[roots.length];
                int walks = 0;
                for (int k = 0; k < roots.length; k++) {
                    depth = Math.max(depth, depth(roots[k]));
                    if (k + 1 < roots.length && cls[k] != cls[k + 1] && sameSplits(roots[k], roots[k + 1])) {
                        pairs[m][k] = true;
                        depth = Math.max(depth, depth(roots[k + 1]));
                        k++;
                    }
                    walks++;
                }
                modelStart[m + 1] = Math.addExact(modelStart[m], walks);
            }
            levels = Math.max(1, (depth + 2) / 3);
            int walks = modelStart[models.length];
            int first = allocate(walks, levels == 1 ? LAST : BLOCK);
            int g = 0;
            for (int m = 0; m < models.length; m++) {
                use(models[m]);
                int[] roots = models[m].roots();
                int[] cls = models[m].treeClass();
                for (int k = 0; k < roots.length; k++, g++) {
                    int at = first + g * (levels == 1 ? LAST : BLOCK);
                    if (pairs[m][k]) {
                        // the class-0 tree's nodes go to slot 0, the class-1 tree's to slot 1
                        int n0 = cls[k] == 0 ? roots[k] : roots[k + 1];
                        int n1 = cls[k] == 0 ? roots[k + 1] : roots[k];
                        fill(n0, n1, 0, at, levels);
                        paired++;
                        k++;
                    } else {
                        fill(cls[k] == 0 ? roots[k] : -1, cls[k] == 0 ? -1 : roots[k], 0, at, levels);
                    }
                }
            }
            return first;
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
         * Fills position {@code j} (0-6 internal, 7-14 exits) of the block at {@code at} with the class-0 tree's node
         * {@code n0} and the class-1 tree's node {@code n1} (one of them -1 for a tree walked alone; else the two
         * have the same splits and the walk follows {@code n0}).
         */
        private void fill(int n0, int n1, int j, int at, int levelsLeft) {
            int n = n0 >= 0 ? n0 : n1;
            boolean isLeaf = feature[n] < 0;
            if (j >= 7) {
                if (levelsLeft == 1) {
                    if (!isLeaf) {
                        throw new IllegalStateException("tree deeper than its block levels at node " + n);
                    }
                    int slot = at + 8 + 2 * (j - 7);
                    blocks[slot] = leafBits(n0);
                    blocks[slot + 1] = leafBits(n1);
                } else {
                    // computed first: allocating the next block may replace the array
                    int next = isLeaf ? constant(leafBits(n0), leafBits(n1), levelsLeft - 1)
                            : block(n0, n1, levelsLeft - 1);
                    blocks[at + j + 1] = next;
                }
                return;
            }
            if (isLeaf) {
                blocks[at + j] = 0; // padding: both children hold the same leaf values
                fill(n0, n1, 2 * j + 1, at, levelsLeft);
                fill(n0, n1, 2 * j + 2, at, levelsLeft);
            } else {
                blocks[at + j] = condition(feature[n], threshold[n]);
                fill(n0 < 0 ? -1 : n0 + 1, n1 < 0 ? -1 : n1 + 1, 2 * j + 1, at, levelsLeft);
                fill(n0 < 0 ? -1 : no[n0], n1 < 0 ? -1 : no[n1], 2 * j + 2, at, levelsLeft);
            }
        }

        private int leafBits(int n) {
            return n < 0 ? NEUTRAL : Float.floatToRawIntBits(leaf[n]);
        }

        private int block(int n0, int n1, int levelsLeft) {
            int at = allocate(1, levelsLeft == 1 ? LAST : BLOCK);
            fill(n0, n1, 0, at, levelsLeft);
            return at;
        }

        private int constant(int class0, int class1, int levelsLeft) {
            ConstantKey key = new ConstantKey(levelsLeft, class0, class1);
            Integer at = constant.get(key);
            if (at == null) {
                if (levelsLeft == 1) {
                    at = allocate(1, LAST);
                    for (int e = 8; e < LAST; e += 2) {
                        blocks[at + e] = class0;
                        blocks[at + e + 1] = class1;
                    }
                } else {
                    int next = constant(class0, class1, levelsLeft - 1);
                    at = allocate(1, BLOCK);
                    for (int e = 8; e < BLOCK; e++) {
                        blocks[at + e] = next;
                    }
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
                    columns = Arrays.copyOf(columns, 2 * c);
                    thresholds = Arrays.copyOf(thresholds, 2 * c);
                }
                columns[c] = column;
                thresholds[c] = t;
                conditionIndex.put(key, c);
            }
            return c;
        }

        /** Reserves {@code count} blocks of {@code size} ints; returns the offset of the first. */
        private int allocate(int count, int size) {
            int at = used;
            long need = (long) used + (long) count * size;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the tree ensembles need more than 2^31 block slots");
            }
            if (need > blocks.length) {
                blocks = Arrays.copyOf(blocks, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(need, 2L * blocks.length)));
            }
            used = (int) need;
            return at;
        }

        int[] blocks() {
            return Arrays.copyOf(blocks, used);
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
