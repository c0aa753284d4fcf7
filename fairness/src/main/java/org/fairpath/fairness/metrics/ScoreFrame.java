package org.fairpath.fairness.metrics;

import org.fairpath.fairness.input.AuditData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Score metrics by group for one grouping: ROC AUC (exact, rank-based: the probability that a favourable case scores
 * above an unfavourable one, ties counted one half), Brier score, and expected calibration error with the calibration
 * curve over equal-width bins. Computed from the rows (cases with both a score and a known outcome). Immutable.
 *
 * <p>Undefined values are NaN with a reason: AUC needs both outcomes in the group; every metric needs at least one
 * case. Groups below the minimum size are suppressed as in {@link MetricFrame}.
 */
public final class ScoreFrame {

    /**
     * One calibration bin: scores in {@code [from, to)} (the last bin includes 1).
     *
     * @param from         lower edge
     * @param to           upper edge
     * @param cases        cases in the bin
     * @param meanScore    mean score in the bin (NaN when empty)
     * @param observedRate share of favourable outcomes in the bin (NaN when empty)
     */
    public record Bin(double from, double to, long cases, double meanScore, double observedRate) {
    }

    /**
     * Score metrics of one group.
     *
     * @param group           the levels
     * @param cases           cases with a score and a known outcome
     * @param suppressed      whether withheld because the group is too small
     * @param auc             exact ROC AUC, NaN when undefined
     * @param brier           mean squared difference between score and outcome
     * @param ece             expected calibration error: bin-size-weighted mean |mean score - observed rate|
     * @param calibration     the calibration curve (empty when suppressed)
     * @param undefinedReason why a value is missing (empty when all are defined)
     */
    public record GroupScores(List<String> group, long cases, boolean suppressed, double auc, double brier,
                              double ece, List<Bin> calibration, String undefinedReason) {
    }

    private final List<String> grouping;
    private final GroupScores overall;
    private final List<GroupScores> byGroup;

    private ScoreFrame(List<String> grouping, GroupScores overall, List<GroupScores> byGroup) {
        this.grouping = List.copyOf(grouping);
        this.overall = overall;
        this.byGroup = List.copyOf(byGroup);
    }

    /**
     * Score metrics of {@code data} by {@code grouping}.
     *
     * @param bins number of equal-width calibration bins, 2 to 100
     * @throws IllegalArgumentException if the data have no scores or no outcomes, the grouping names an unknown
     *                                  attribute, or {@code bins} is out of range
     */
    public static ScoreFrame of(AuditData data, List<String> grouping, int bins, AuditSettings settings) {
        if (!data.hasScores()) {
            throw new IllegalArgumentException("the audit data have no scores; add them with AuditData.Builder.scores");
        }
        if (bins < 2 || bins > 100) {
            throw new IllegalArgumentException("bins is " + bins + "; allowed: 2 to 100");
        }
        int[] attrs = new int[grouping.size()];
        for (int j = 0; j < attrs.length; j++) {
            attrs[j] = data.attributes().indexOf(grouping.get(j));
            if (attrs[j] < 0) {
                throw new IllegalArgumentException("unknown attribute '" + grouping.get(j) + "'; known: "
                        + data.attributes());
            }
        }
        double[] score = data.scores();
        byte[] outcome = data.outcomes();
        int[] rows = IntStream.range(0, data.rows()).filter(r -> !Double.isNaN(score[r]) && outcome[r] >= 0)
                .boxed().sorted(Comparator.comparingDouble(r -> score[r])).mapToInt(Integer::intValue).toArray();
        // group key per usable row
        Map<List<String>, Integer> index = new LinkedHashMap<>();
        int[] groupOf = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            List<String> key = new ArrayList<>(attrs.length);
            for (int a : attrs) {
                key.add(data.levels(a).get(data.code(a, rows[i])));
            }
            groupOf[i] = index.computeIfAbsent(key, k -> index.size());
        }
        int g = index.size();
        Accumulator[] acc = new Accumulator[g];
        for (int k = 0; k < g; k++) {
            acc[k] = new Accumulator(bins);
        }
        Accumulator all = new Accumulator(bins);
        // walk the scores in ascending order, tie block by tie block, for the rank-based AUC
        int i = 0;
        while (i < rows.length) {
            int j = i;
            while (j < rows.length && score[rows[j]] == score[rows[i]]) {
                j++;
            }
            for (int t = i; t < j; t++) {
                acc[groupOf[t]].add(score[rows[t]], outcome[rows[t]] == 1);
                all.add(score[rows[t]], outcome[rows[t]] == 1);
            }
            for (int t = i; t < j; t++) {
                acc[groupOf[t]].closeTieBlock();
            }
            all.closeTieBlock();
            i = j;
        }
        List<GroupScores> results = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>(index.keySet());
        Integer[] order = IntStream.range(0, g).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> String.join("\u0000", keys.get(x)).compareTo(String.join("\u0000",
                keys.get(y))));
        for (int k : order) {
            results.add(acc[k].result(keys.get(k), settings.effectiveMinGroupSize()));
        }
        return new ScoreFrame(grouping, all.result(List.of(), 1), results);
    }

    public List<String> grouping() {
        return grouping;
    }

    /** The metrics over every usable case. */
    public GroupScores overall() {
        return overall;
    }

    /** Each group, in level order. */
    public List<GroupScores> byGroup() {
        return byGroup;
    }

    /** Sums for one group, fed in ascending score order one tie block at a time. */
    private static final class Accumulator {
        private final int bins;
        private final long[] binCases;
        private final double[] binScore;
        private final long[] binPositive;
        private long positives;
        private long negatives;
        private double brier;
        /** Sum over favourable cases of the unfavourable cases scored strictly lower (+ half the ties). */
        private double u;
        private long blockPositives;
        private long blockNegatives;

        Accumulator(int bins) {
            this.bins = bins;
            binCases = new long[bins];
            binScore = new double[bins];
            binPositive = new long[bins];
        }

        void add(double s, boolean favourable) {
            int b = Math.min(bins - 1, (int) (s * bins));
            binCases[b]++;
            binScore[b] += s;
            double y = favourable ? 1 : 0;
            brier += (s - y) * (s - y);
            if (favourable) {
                blockPositives++;
                binPositive[b]++;
            } else {
                blockNegatives++;
            }
        }

        void closeTieBlock() {
            u += blockPositives * (negatives + 0.5 * blockNegatives);
            positives += blockPositives;
            negatives += blockNegatives;
            blockPositives = 0;
            blockNegatives = 0;
        }

        GroupScores result(List<String> group, int minGroupSize) {
            long n = positives + negatives;
            if (n < minGroupSize) {
                return new GroupScores(group, n, true, Double.NaN, Double.NaN, Double.NaN, List.of(),
                        "suppressed: the group has " + n + " cases, fewer than the minimum of " + minGroupSize
                                + " that may be reported");
            }
            if (n == 0) {
                return new GroupScores(group, 0, false, Double.NaN, Double.NaN, Double.NaN, List.of(),
                        "no cases with both a score and a known outcome");
            }
            double auc = positives == 0 || negatives == 0 ? Double.NaN : u / ((double) positives * negatives);
            List<Bin> curve = new ArrayList<>();
            double ece = 0;
            for (int b = 0; b < bins; b++) {
                long c = binCases[b];
                double mean = c == 0 ? Double.NaN : binScore[b] / c;
                double rate = c == 0 ? Double.NaN : (double) binPositive[b] / c;
                curve.add(new Bin((double) b / bins, (double) (b + 1) / bins, c, mean, rate));
                if (c > 0) {
                    ece += (double) c / n * Math.abs(mean - rate);
                }
            }
            return new GroupScores(group, n, false, auc, brier / n, ece, curve, Double.isNaN(auc)
                    ? "AUC needs both favourable and unfavourable outcomes in the group" : "");
        }
    }
}
