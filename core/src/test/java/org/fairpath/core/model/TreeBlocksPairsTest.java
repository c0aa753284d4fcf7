package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tree blocks on generated ensembles, against each ensemble's own {@link TreeEnsembleScorer} (the reference path,
 * compared bit for bit): two-class rounds whose trees share their splits (leaves exactly negated, or negated and
 * moved a few ulps as XGBoost's do) or do not (one threshold one ulp off, one column changed, a subtree cut to a leaf,
 * an unrelated tree), rounds with class 1 first, a last tree without a partner, unbalanced trees of depth 1 to 8 mixed
 * within an option, and rows on, beside and between the thresholds, NaN and infinities.
 */
final class TreeBlocksPairsTest {

    private static final int WIDTH = 6;
    /** Per column, the thresholds the generated splits use (few, so that trees share conditions). */
    private static final float[][] CUTS = new float[WIDTH][];

    static {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int c = 0; c < WIDTH; c++) {
            CUTS[c] = new float[5];
            for (int k = 0; k < 5; k++) {
                CUTS[c][k] = (float) rnd.nextDouble(-3, 3);
            }
        }
    }

    /** A tree being generated, in depth-first layout (a split's "yes" child is the next node). */
    private static final class Tree {
        final List<Integer> feature = new ArrayList<>();
        final List<Float> threshold = new ArrayList<>();
        final List<Integer> no = new ArrayList<>();
        final List<Float> leaf = new ArrayList<>();

        int add(int f, float t, float v) {
            feature.add(f);
            threshold.add(t);
            no.add(-1);
            leaf.add(v);
            return feature.size() - 1;
        }
    }

    /** A random unbalanced tree of depth at most {@code depth} (at least 1: the root always splits). */
    private static void random(Tree t, SplittableRandom rnd, int depth, boolean root) {
        if (depth == 0 || (!root && rnd.nextInt(4) == 0)) {
            t.add(-1, 0, (float) rnd.nextDouble(-1, 1));
            return;
        }
        int f = rnd.nextInt(WIDTH);
        int at = t.add(f, CUTS[f][rnd.nextInt(CUTS[f].length)], 0);
        random(t, rnd, depth - 1, false);
        t.no.set(at, t.feature.size());
        random(t, rnd, depth - 1, false);
    }

    /** A copy of {@code from}'s node {@code n} into {@code to} with leaves mapped and the changes a mode asks for. */
    private static int copy(Tree from, int n, Tree to, SplittableRandom rnd, int mode, int[] change) {
        int f = from.feature.get(n);
        if (f < 0) {
            float v = -from.leaf.get(n);
            if (mode == 1) { // XGBoost's pairs: the negation, moved by a few ulps
                int ulps = rnd.nextInt(-3, 4);
                v = Float.intBitsToFloat(Float.floatToRawIntBits(v) + ulps);
            }
            return to.add(-1, 0, v);
        }
        boolean here = change[0]-- == 0;
        if (here && mode == 4) { // cut this subtree to a leaf: another shape
            return to.add(-1, 0, 0.25f);
        }
        int g = here && mode == 3 ? (f + 1) % WIDTH : f;
        float th = here && mode == 2 ? Math.nextUp(from.threshold.get(n)) : from.threshold.get(n);
        int at = to.add(g, th, 0);
        copy(from, n + 1, to, rnd, mode, change);
        to.no.set(at, to.feature.size());
        copy(from, from.no.get(n), to, rnd, mode, change);
        return at;
    }

    private static int splits(Tree t) {
        int s = 0;
        for (int f : t.feature) {
            s += f >= 0 ? 1 : 0;
        }
        return s;
    }

    /** A model of {@code rounds} two-class rounds plus, if {@code odd}, a last tree alone; counts its mirror pairs. */
    private static TreeEnsembleScorer model(SplittableRandom rnd, int rounds, int depth, boolean odd, int[] mirrors) {
        List<Tree> trees = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Tree a = new Tree();
            random(a, rnd, depth, true);
            Tree b = new Tree();
            // 0 exact negation, 1 negation moved by ulps (both share the splits), 2 threshold one ulp up, 3 other
            // column, 4 a subtree cut to a leaf, 5 an unrelated tree whose root splits on another column
            int mode = rnd.nextInt(6);
            if (mode <= 4) {
                int[] change = {rnd.nextInt(splits(a))};
                copy(a, 0, b, rnd, mode, change);
            } else {
                int f = (a.feature.get(0) + 1 + rnd.nextInt(WIDTH - 1)) % WIDTH;
                int at = b.add(f, CUTS[f][0], 0);
                random(b, rnd, depth - 1, false);
                b.no.set(at, b.feature.size());
                random(b, rnd, depth - 1, false);
            }
            mirrors[0] += mode <= 1 ? 1 : 0;
            int first = rnd.nextInt(2); // class of the round's first tree
            trees.add(a);
            classes.add(first);
            trees.add(b);
            classes.add(1 - first);
        }
        if (odd) {
            Tree a = new Tree();
            random(a, rnd, depth, true);
            trees.add(a);
            classes.add(rnd.nextInt(2));
        }
        int nodes = 0;
        for (Tree t : trees) {
            nodes += t.feature.size();
        }
        int[] roots = new int[trees.size()];
        int[] cls = new int[trees.size()];
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] yes = new int[nodes];
        int[] no = new int[nodes];
        float[] leaf = new float[nodes];
        int at = 0;
        for (int k = 0; k < trees.size(); k++) {
            Tree t = trees.get(k);
            roots[k] = at;
            cls[k] = classes.get(k);
            for (int i = 0; i < t.feature.size(); i++) {
                feature[at + i] = t.feature.get(i);
                threshold[at + i] = t.threshold.get(i);
                yes[at + i] = feature[at + i] < 0 ? -1 : at + i + 1;
                no[at + i] = feature[at + i] < 0 ? -1 : at + t.no.get(i);
                leaf[at + i] = t.leaf.get(i);
            }
            at += t.feature.size();
        }
        return new TreeEnsembleScorer(WIDTH, roots, cls, feature, threshold, yes, no, leaf, new double[nodes],
                (float) rnd.nextDouble(-1, 1), rnd.nextInt(2));
    }

    /** Rows whose values sit on the thresholds, one ulp beside them, between them, or are NaN or infinite. */
    private static double[][] rows(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] rows = new double[count][WIDTH];
        for (double[] row : rows) {
            for (int c = 0; c < WIDTH; c++) {
                float th = CUTS[c][rnd.nextInt(CUTS[c].length)];
                row[c] = switch (rnd.nextInt(7)) {
                    case 0 -> th;
                    case 1 -> Math.nextDown(th);
                    case 2 -> Math.nextUp(th);
                    case 3 -> th - Math.ulp(th) / 4.0; // a double below th that rounds to th in float
                    case 4 -> Double.NaN;
                    case 5 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    default -> rnd.nextDouble(-4, 4);
                };
            }
        }
        return rows;
    }

    private static void assertBitIdentical(Scorer[][] scorers, TreeBlocks blocks, double[][] rows) {
        byte[] bits = new byte[blocks.conditionCount()];
        int[] exits = new int[blocks.exitsLength()];
        for (double[] row : rows) {
            blocks.conditions(row, bits);
            for (int o = 0; o < scorers.length; o++) {
                if (!blocks.covers(o)) {
                    continue;
                }
                double[] out = new double[scorers[o].length];
                blocks.probabilities(o, bits, exits, out);
                for (int m = 0; m < out.length; m++) {
                    double expected = scorers[o][m].probability(row);
                    int option = o;
                    int model = m;
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[m]),
                            () -> "option " + option + " model " + model + " row " + java.util.Arrays.toString(row)
                                    + ": scorer " + expected + ", blocks " + out[model]);
                }
            }
        }
    }

    @Test
    void probabilities_generatedPairsThatShareSplitsOrNot_bitIdenticalToEachScorer() {
        SplittableRandom rnd = new SplittableRandom(18);
        int[] mirrors = new int[1];
        // options of 3 models each (a point model and two bags), every model of its own depth from 1 to 8
        Scorer[][] scorers = new Scorer[6][3];
        for (int o = 0; o < scorers.length; o++) {
            for (int m = 0; m < 3; m++) {
                scorers[o][m] = model(rnd, 40, 1 + rnd.nextInt(8), rnd.nextBoolean(), mirrors);
            }
        }
        TreeBlocks blocks = TreeBlocks.of(scorers);
        for (int o = 0; o < scorers.length; o++) {
            assertTrue(blocks.covers(o));
        }
        // every pair generated to share its splits is walked once (other trees may pair across rounds by chance)
        assertTrue(blocks.pairedWalks() >= mirrors[0], blocks.pairedWalks() + " paired walks, " + mirrors[0]
                + " pairs generated to share their splits");
        assertTrue(mirrors[0] > 200 && mirrors[0] < 6 * 3 * 40 * 2 / 3, "generated mirror pairs: " + mirrors[0]);
        assertBitIdentical(scorers, blocks, rows(3000, 1));
    }

    @Test
    void of_handBuiltPairs_pairsOnlyTheTreesThatShareEverySplit() {
        // four trees of depth 1 on column 0: trees 0 and 1 share (0, 0.5) with leaves (1, 2) and (-1.0000001, -2);
        // tree 2 splits at nextUp(0.5) and tree 3 at 0.5 again, so (1, 2) pair, 2 is alone, and 3 is alone
        int[] feature = {0, -1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1};
        float half = 0.5f;
        float[] threshold = {half, 0, 0, half, 0, 0, Math.nextUp(half), 0, 0, half, 0, 0};
        int[] yes = {1, -1, -1, 4, -1, -1, 7, -1, -1, 10, -1, -1};
        int[] no = {2, -1, -1, 5, -1, -1, 8, -1, -1, 11, -1, -1};
        float[] leaf = {0, 1f, 2f, 0, -1.0000001f, -2f, 0, 3f, 4f, 0, 5f, 6f};
        TreeEnsembleScorer t = new TreeEnsembleScorer(1, new int[] {0, 3, 6, 9}, new int[] {1, 0, 1, 0}, feature,
                threshold, yes, no, leaf, new double[12], 0.5f, 1);
        TreeBlocks blocks = TreeBlocks.of(new Scorer[][] {{t}});
        assertEquals(1, blocks.pairedWalks());
        assertEquals(2, blocks.conditionCount());
        // hand-computed margins: x < 0.5 -> m1 = 0.5 + 1 + 3 = 4.5, m0 = 0.5 - 1.0000001 + 5 = 4.4999999;
        // x = 0.5 -> m1 = 0.5 + 2 + 3 = 5.5, m0 = 0.5 - 2 + 6 = 4.5; x = 0.6 -> m1 = 0.5 + 2 + 4, m0 = 4.5
        double[][] rows = {{0.2}, {0.5}, {0.6}, {Double.NaN}};
        double[][] margins = {{4.4999999, 4.5}, {4.5, 5.5}, {4.5, 6.5}, {4.5, 6.5}};
        byte[] bits = new byte[blocks.conditionCount()];
        double[] out = new double[1];
        for (int r = 0; r < rows.length; r++) {
            blocks.conditions(rows[r], bits);
            blocks.probabilities(0, bits, new int[blocks.exitsLength()], out);
            assertEquals(Double.doubleToRawLongBits(t.probability(rows[r])), Double.doubleToRawLongBits(out[0]));
            double expected = 1 / (1 + Math.exp(margins[r][0] - margins[r][1]));
            assertEquals(expected, out[0], 1e-6 * expected, "row " + r);
        }
    }

    /** {@code count} stumps on column 0, each at its own threshold. */
    private static TreeEnsembleScorer stumps(int count) {
        int[] feature = new int[3 * count];
        float[] threshold = new float[3 * count];
        int[] yes = new int[3 * count];
        int[] no = new int[3 * count];
        float[] leaf = new float[3 * count];
        int[] roots = new int[count];
        int[] cls = new int[count];
        for (int k = 0; k < count; k++) {
            int at = 3 * k;
            roots[k] = at;
            cls[k] = k & 1;
            threshold[at] = k;
            yes[at] = at + 1;
            no[at] = at + 2;
            feature[at + 1] = -1;
            feature[at + 2] = -1;
            yes[at + 1] = yes[at + 2] = no[at + 1] = no[at + 2] = -1;
            leaf[at + 1] = 1e-3f * (k % 7);
            leaf[at + 2] = -1e-3f * (k % 5);
        }
        return new TreeEnsembleScorer(1, roots, cls, feature, threshold, yes, no, leaf, new double[3 * count], 0.5f,
                1);
    }

    @Test
    void of_moreConditionsThanSixteenBitsName_compilesNothing() {
        TreeEnsembleScorer atLimit = stumps(TreeBlocks.MAX_CONDITIONS);
        TreeBlocks blocks = TreeBlocks.of(new Scorer[][] {{atLimit}});
        assertEquals(TreeBlocks.MAX_CONDITIONS, blocks.conditionCount());
        // the last conditions' indices need all 16 bits: rows around the top thresholds still agree bit for bit
        double[][] rows = {{65535}, {65534.5}, {65533}, {-1}, {70000}, {30000.5}};
        assertBitIdentical(new Scorer[][] {{atLimit}}, blocks, rows);
        assertNull(TreeBlocks.of(new Scorer[][] {{stumps(TreeBlocks.MAX_CONDITIONS + 1)}}));
    }

    @Test
    void of_treesDeeperThanTheGrid_areLeftToTheirOwnScorers() {
        SplittableRandom rnd = new SplittableRandom(3);
        TreeEnsembleScorer deep = null;
        while (deep == null) { // a model whose deepest tree has depth 9
            TreeEnsembleScorer m = model(rnd, 3, 9, false, new int[1]);
            int max = 0;
            for (int r : m.roots()) {
                max = Math.max(max, depth(m, r));
            }
            deep = max == 9 ? m : null;
        }
        TreeEnsembleScorer shallow = model(rnd, 5, 8, false, new int[1]);
        TreeBlocks blocks = TreeBlocks.of(new Scorer[][] {{shallow, shallow}, {shallow, deep}});
        assertTrue(blocks.covers(0));
        assertFalse(blocks.covers(1));
        assertBitIdentical(new Scorer[][] {{shallow, shallow}}, blocks, rows(200, 2));
        assertNull(TreeBlocks.of(new Scorer[][] {{deep}}));
    }

    private static int depth(TreeEnsembleScorer m, int n) {
        int[] f = m.feature();
        int[] no = m.no();
        return f[n] < 0 ? 0 : 1 + Math.max(depth(m, n + 1), depth(m, no[n]));
    }
}
