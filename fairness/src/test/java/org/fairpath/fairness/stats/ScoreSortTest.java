package org.fairpath.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.ScoreFrame;
import org.junit.jupiter.api.Test;

/**
 * The sorting way ({@link ScoreSort}: dense histograms or a radix sort of the scores' bits) against the reference
 * way, every row added to an {@link ScoreCounts.Accumulator} ({@link ScoreCounts#byTables}, the implementation before
 * issue 18), and against brute force: all (favourable, unfavourable) pairs counted one by one.
 */
final class ScoreSortTest {

    private static final List<String> GROUPING = List.of("g", "h");

    /**
     * Rows of 3 x 4 groups (level "h3" has no usable row: its scores are all missing), 8% unknown outcomes, 3% missing
     * scores; {@code singleClass} puts only favourable outcomes in group g0.
     */
    static AuditData data(long seed, int n, DoubleSupplier score, boolean singleClass) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] g = new String[n];
        String[] h = new String[n];
        Boolean[] out = new Boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = "g" + r.nextInt(3);
            h[i] = "h" + r.nextInt(4);
            s[i] = score.getAsDouble();
            out[i] = r.nextInt(12) == 0 ? null : singleClass && g[i].equals("g0") || r.nextDouble() < s[i];
            if (r.nextInt(33) == 0 || h[i].equals("h3")) {
                s[i] = Double.NaN;
            }
        }
        return AuditData.builder().group("g", g).group("h", h).decisions(new boolean[n]).outcomes(out).scores(s)
                .build();
    }

    /** Score generators: continuous, heavy ties, many ties beyond the dense cap, high bits only, -0.0 and 0.0. */
    static List<DoubleSupplier> kinds(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return List.of(
                r::nextDouble,
                () -> r.nextInt(5) / 4.0,
                () -> Math.round(r.nextDouble() * 300) / 300.0,
                () -> r.nextInt(4) / 8.0 + 0.5, // 0.5, 0.625, 0.75, 0.875: keys differ in 2 mantissa bits only
                () -> r.nextInt(3) == 0 ? -0.0 : r.nextInt(3) == 0 ? 0.0 : r.nextInt(2) == 0 ? 1.0 : 0x1p-1074,
                () -> 0.3, // every key the same but for the outcome bit
                () -> r.nextDouble() * 1e-300); // subnormal and tiny scores: low exponents
    }

    static int[] attrs(AuditData d) {
        return new int[] {d.attributes().indexOf("g"), d.attributes().indexOf("h")};
    }

    @Test
    void randomInputs_equalTheAccumulatorWay_denseAndSortedInOneToFiveChunks() {
        int kind = 0;
        for (DoubleSupplier score : kinds(3)) {
            for (boolean singleClass : new boolean[] {false, true}) {
                AuditData d = data(17 + kind, 3_000, score, singleClass);
                ScoreCounts reference = ScoreCounts.byTables(d, GROUPING, attrs(d));
                for (int threads = 1; threads <= 5; threads += 2) {
                    for (int cap : new int[] {0, 2, 1 << 16}) {
                        ScoreCounts sorted = ScoreCounts.bySorting(d, GROUPING, attrs(d), threads, cap);
                        String where = "kind " + kind + " single " + singleClass + " threads " + threads + " cap "
                                + cap;
                        assertEquals(reference, sorted, where);
                        assertEquals(sequentialOverall(reference), sorted.overall(), where);
                        assertEquals(reference.by(List.of("h")), sorted.by(List.of("h")), where);
                        // the sorting way's own overall AUC against the one from the merged overall counts
                        assertEquals(reference.summaries(7).overall(), sorted.summaries(7).overall(), where);
                        // and the metrics summed straight from the sorted keys, without each group's counts
                        assertEquals(reference.summaries(7), direct(d, threads, cap, 7), where);
                    }
                }
            }
            kind++;
        }
    }

    /** {@link ScoreCounts#summaries(AuditData, List, int)} in {@code threads} chunks, dense while under {@code cap}. */
    static ScoreCounts.Summaries direct(AuditData d, int threads, int cap, int bins) {
        return ScoreCounts.summaries(d, attrs(d), ScoreCounts.CellColumns.of(d, attrs(d)), threads, cap, bins);
    }

    /** The reference's overall: the groups merged one after the other, as ScoreCounts.overall did before. */
    static ScoreCounts.Scores sequentialOverall(ScoreCounts c) {
        ScoreCounts.Scores all = ScoreCounts.Scores.EMPTY;
        for (List<String> g : c.groups()) {
            all = all.plus(c.scores(g));
        }
        return all;
    }

    /** More rows than one dense table holds in the default way: both ways in several chunks of the default size. */
    @Test
    void defaultWay_manyRows_continuousAndTied_equalsTheAccumulatorWay() {
        SplittableRandom r = new SplittableRandom(8);
        for (DoubleSupplier score : List.<DoubleSupplier>of(r::nextDouble,
                () -> Math.round(r.nextDouble() * 1e5) / 1e5, () -> Math.round(r.nextDouble() * 1e4) / 1e4)) {
            AuditData d = data(9, 150_000, score, false);
            ScoreCounts reference = ScoreCounts.byTables(d, GROUPING, attrs(d));
            ScoreCounts sorted = ScoreCounts.of(d, GROUPING);
            assertEquals(reference, sorted);
            assertEquals(sequentialOverall(reference), sorted.overall());
            AuditSettings all = AuditSettings.withDefaults().withMinGroupSize(1);
            assertEquals(ScoreFrame.of(reference, 10, all).byGroup(), ScoreFrame.of(sorted, 10, all).byGroup());
            assertEquals(ScoreFrame.of(reference, 10, all).overall(), ScoreFrame.of(sorted, 10, all).overall());
            // from the rows: the metrics summed straight from the sorted keys
            assertEquals(ScoreFrame.of(reference, 10, all).byGroup(), ScoreFrame.of(d, GROUPING, 10, all).byGroup());
            assertEquals(ScoreFrame.of(reference, 10, all).overall(), ScoreFrame.of(d, GROUPING, 10, all).overall());
        }
    }

    /** Oracle: all (favourable, unfavourable) pairs of each group counted one by one, ties one half. */
    @Test
    void smallInputs_aucEqualsAllPairs_groupsWithOneClassUndefined() {
        SplittableRandom r = new SplittableRandom(31);
        int checked = 0;
        int undefined = 0;
        for (int trial = 0; trial < 60; trial++) {
            List<DoubleSupplier> kinds = kinds(trial);
            AuditData d = data(trial, 40 + r.nextInt(200), kinds.get(trial % kinds.size()), trial % 2 == 0);
            ScoreCounts c = ScoreCounts.bySorting(d, GROUPING, attrs(d), 1 + r.nextInt(4), r.nextInt(3) * 20);
            for (List<String> group : c.groups()) {
                List<double[]> fav = new ArrayList<>();
                List<double[]> unf = new ArrayList<>();
                for (int row = 0; row < d.rows(); row++) {
                    double s = d.scores()[row];
                    if (Double.isNaN(s) || d.outcomes()[row] < 0
                            || !d.levels(0).get(d.code(0, row)).equals(group.get(0))
                            || !d.levels(1).get(d.code(1, row)).equals(group.get(1))) {
                        continue;
                    }
                    (d.outcomes()[row] == 1 ? fav : unf).add(new double[] {s});
                }
                double wins = 0;
                for (double[] f : fav) {
                    for (double[] u : unf) {
                        wins += f[0] > u[0] ? 1 : f[0] == u[0] ? 0.5 : 0; // -0.0 == 0.0 here too
                    }
                }
                double auc = c.scores(group).auc();
                if (fav.isEmpty() || unf.isEmpty()) {
                    assertTrue(Double.isNaN(auc), "trial " + trial + " " + group);
                    undefined++;
                } else {
                    assertEquals(wins / ((double) fav.size() * unf.size()), auc, 0.0, "trial " + trial + " " + group);
                    checked++;
                }
                assertEquals(fav.size(), c.scores(group).positives());
                assertEquals(unf.size(), c.scores(group).negatives());
            }
            assertTrue(c.groups().stream().noneMatch(g -> g.get(1).equals("h3")), "a group without cases is left out");
        }
        assertTrue(checked > 300 && undefined > 20, checked + " checked, " + undefined + " undefined");
    }

    /** -0.0 and 0.0 are one score (one entry), as in the accumulator. */
    @Test
    void negativeZero_countsAsZero() {
        double[] s = {-0.0, 0.0, -0.0, 0.5};
        byte[] y = {1, 0, 0, 1};
        int[][] cols = {{0, 0, 0, 0}};
        for (int cap : new int[] {0, 8}) {
            ScoreCounts.Scores all = ScoreSort.count(s, y, cols, new int[] {1}, 4, 1, cap).byCell()[0];
            assertEquals(2, all.size(), "cap " + cap);
            assertEquals(0, Double.compare(0.0, all.score(0)), "cap " + cap); // +0.0, not -0.0
            assertEquals(1, all.positives(0));
            assertEquals(2, all.negatives(0));
        }
    }

    /** No usable row (every score missing or outcome unknown): no group, an empty overall. */
    @Test
    void noUsableRow_noGroups() {
        AuditData d = AuditData.builder().group("g", new String[] {"a", "b"}).group("h", new String[] {"x", "y"})
                .decisions(new boolean[2]).outcomes(new Boolean[] {null, true})
                .scores(new double[] {0.5, Double.NaN}).build();
        for (int cap : new int[] {0, 8}) {
            ScoreCounts c = ScoreCounts.bySorting(d, GROUPING, attrs(d), 1, cap);
            assertTrue(c.groups().isEmpty());
            assertEquals(0, c.overall().size());
        }
    }

    /** A dense table takes at most its cap of distinct scores; the row that would pass it is not counted. */
    @Test
    void denseTable_refusesTheScoreBeyondItsCap() {
        ScoreSort.Dense d = new ScoreSort.Dense(1, 2);
        assertTrue(d.add(Double.doubleToRawLongBits(0.1), 0, 1));
        assertTrue(d.add(Double.doubleToRawLongBits(0.2), 0, 0));
        assertTrue(d.add(Double.doubleToRawLongBits(0.1), 0, 0));
        assertTrue(!d.add(Double.doubleToRawLongBits(0.3), 0, 1));
    }

    /** More combinations of levels than a cell code holds (300 x 301): the accumulator way, with the same counts. */
    @Test
    void manyCells_equalTheAccumulatorWay() {
        int n = 4_000;
        SplittableRandom r = new SplittableRandom(4);
        String[] g = new String[n];
        String[] h = new String[n];
        Boolean[] out = new Boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = "g" + i % 300;
            h[i] = "h" + (i * 11) % 301; // 301 = 7 x 43: a step of 11 reaches every level
            out[i] = r.nextBoolean();
            s[i] = r.nextInt(10) / 10.0;
        }
        AuditData d = AuditData.builder().group("g", g).group("h", h).decisions(new boolean[n]).outcomes(out)
                .scores(s).build();
        assertEquals(300 * 301, d.levels(0).size() * d.levels(1).size());
        ScoreCounts c = ScoreCounts.of(d, GROUPING);
        assertEquals(ScoreCounts.byTables(d, GROUPING, attrs(d)), c);
        assertEquals(n, c.overall().positives() + c.overall().negatives());
    }

    /**
     * Every key the same (one score, one outcome) and the widest keys (scores from 0 and the smallest subnormal to 1)
     * with the most cells a cell code holds (256 x 256 levels, the usable rows in the first two and last two levels of
     * each, so that cell codes reach 65,535): the sorting way, forced past the dense histograms, against the
     * accumulator way.
     */
    @Test
    void identicalKeys_andWidestKeysWithMostCells_equalTheAccumulatorWay() {
        SplittableRandom r = new SplittableRandom(12);
        int usable = 40_000;
        int n = usable + 256;
        String[] g = new String[n];
        String[] h = new String[n];
        Boolean[] out = new Boolean[n];
        double[] s = new double[n];
        int[] ends = {0, 1, 254, 255};
        for (int i = 0; i < n; i++) {
            boolean level = i >= usable; // one row per level, without a score: the level exists, the row is unusable
            g[i] = String.format("g%03d", level ? i - usable : ends[r.nextInt(4)]);
            h[i] = String.format("h%03d", level ? i - usable : ends[r.nextInt(4)]);
            out[i] = r.nextBoolean();
            int k = r.nextInt(8);
            s[i] = level ? Double.NaN : k == 0 ? 0.0 : k == 1 ? 1.0 : k == 2 ? 0x1p-1074 : r.nextDouble();
        }
        AuditData wide = AuditData.builder().group("g", g).group("h", h).decisions(new boolean[n]).outcomes(out)
                .scores(s).build();
        assertEquals(256 * 256, wide.levels(0).size() * wide.levels(1).size());
        ScoreCounts reference = ScoreCounts.byTables(wide, GROUPING, attrs(wide));
        assertEquals(16, reference.groups().size());
        assertTrue(reference.groups().contains(List.of("g255", "h255")));
        for (int threads : new int[] {1, 2, 3}) {
            ScoreCounts sorted = ScoreCounts.bySorting(wide, GROUPING, attrs(wide), threads, 0);
            assertEquals(reference, sorted, "threads " + threads);
            assertEquals(sequentialOverall(reference), sorted.overall(), "threads " + threads);
            assertEquals(reference.summaries(10), sorted.summaries(10), "threads " + threads);
            assertEquals(reference.summaries(10), direct(wide, threads, 0, 10), "threads " + threads);
        }
        // 65,536 combinations x 10 bins are more partial sums than the direct way keeps: through the counts
        assertEquals(reference.summaries(10), ScoreCounts.summaries(wide, GROUPING, 10));
        AuditData same = data(5, 5_000, () -> 0.3, true);
        Boolean[] allFavourable = new Boolean[same.rows()];
        java.util.Arrays.fill(allFavourable, true);
        AuditData one = AuditData.builder().group("g", levels(same, 0)).group("h", levels(same, 1))
                .decisions(new boolean[same.rows()]).outcomes(allFavourable).scores(same.scores()).build();
        ScoreCounts sorted = ScoreCounts.bySorting(one, GROUPING, attrs(one), 2, 0);
        assertEquals(ScoreCounts.byTables(one, GROUPING, attrs(one)), sorted);
        assertEquals(1, sorted.overall().size());
    }

    /**
     * The radix sort of packed keys against {@link java.util.Arrays#sort(long[])}: widths from 0 to 63 bits, few and
     * many duplicates, ranges from empty to 200,000 values, at an offset inside larger arrays.
     */
    @Test
    void radixSort_equalsArraysSort() {
        SplittableRandom r = new SplittableRandom(31);
        for (int bits : new int[] {0, 1, 5, 12, 30, 47, 63}) {
            for (int n : new int[] {0, 1, 2, 33, 300, 5_000, 200_000}) {
                for (int distinct : new int[] {1, 7, Integer.MAX_VALUE}) {
                    long[] pool = new long[Math.min(distinct, Math.max(1, n))];
                    for (int i = 0; i < pool.length; i++) {
                        pool[i] = bits == 0 ? 0 : r.nextLong() >>> (64 - bits);
                    }
                    long[] a = new long[n + 10];
                    for (int i = 5; i < n + 5; i++) {
                        a[i] = pool[r.nextInt(pool.length)];
                    }
                    long[] expected = a.clone();
                    java.util.Arrays.sort(expected, 5, n + 5);
                    ScoreSort.sort(a, new long[n + 10], 5, n + 5, bits);
                    assertTrue(java.util.Arrays.equals(expected, a), "bits " + bits + " n " + n + " distinct "
                            + distinct);
                }
            }
        }
    }

    /** An attribute named twice in a grouping is refused, from rows and from counts (a fresh-eyes finding). */
    @Test
    void attributeNamedTwice_isRefused() {
        AuditData d = data(2, 200, () -> 0.5, false);
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> ScoreCounts.of(d, List.of("g", "g")),
                () -> ScoreCounts.summaries(d, List.of("g", "g"), 10),
                () -> ScoreFrame.of(d, List.of("g", "g"), 10, AuditSettings.withDefaults()),
                () -> ScoreCounts.of(d, GROUPING).by(List.of("h", "h")))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("name an attribute twice"), e.getMessage());
        }
    }

    private static String[] levels(AuditData d, int attr) {
        String[] v = new String[d.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.levels(attr).get(d.codes(attr)[i]);
        }
        return v;
    }
}
