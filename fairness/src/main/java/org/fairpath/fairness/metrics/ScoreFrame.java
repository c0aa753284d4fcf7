package org.fairpath.fairness.metrics;

import org.fairpath.fairness.input.AuditData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.fairpath.fairness.stats.ScoreCounts;

/**
 * Score metrics by group for one grouping: ROC AUC (exact, rank-based: the probability that a favourable case scores
 * above an unfavourable one, ties counted one half), Brier score, and expected calibration error with the calibration
 * curve over equal-width bins. Computed from the cases with both a score and a known outcome, through their
 * {@link ScoreCounts} (so a frame from counts merged over partitions equals one from all rows). The Brier score and the
 * bins' mean scores are exact sums divided and rounded once, so they do not depend on the order of the rows.
 * Immutable.
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
        return of(grouping, ScoreCounts.summaries(data, grouping, bins), bins, settings);
    }

    /**
     * Score metrics from score counts (e.g. merged from partitions, or streamed from a file), by the counts' own
     * grouping; equal to {@link #of(AuditData, List, int, AuditSettings)} on the same cases.
     *
     * @param bins number of equal-width calibration bins, 2 to 100
     * @throws IllegalArgumentException if {@code bins} is out of range
     */
    public static ScoreFrame of(ScoreCounts counts, int bins, AuditSettings settings) {
        if (bins < 2 || bins > 100) {
            throw new IllegalArgumentException("bins is " + bins + "; allowed: 2 to 100");
        }
        return of(counts.attributes(), counts.summaries(bins), bins, settings);
    }

    private static ScoreFrame of(List<String> grouping, ScoreCounts.Summaries all, int bins, AuditSettings settings) {
        List<List<String>> keys = new ArrayList<>(all.byGroup().keySet());
        keys.sort(Comparator.comparing(k -> String.join("\u0000", k)));
        int min = settings.effectiveMinGroupSize();
        List<GroupScores> byGroup = new ArrayList<>(keys.size());
        for (List<String> k : keys) {
            byGroup.add(result(all.byGroup().get(k), bins, k, min));
        }
        return new ScoreFrame(grouping, result(all.overall(), bins, List.of(), 1),
                Collections.unmodifiableList(byGroup));
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

    private static GroupScores result(ScoreCounts.Summary scores, int bins, List<String> group,
                                      int minGroupSize) {
        long n = scores.positives() + scores.negatives();
        if (n < minGroupSize) {
            return new GroupScores(group, n, true, Double.NaN, Double.NaN, Double.NaN, List.of(),
                    "suppressed: the group has " + n + " cases, fewer than the minimum of " + minGroupSize
                            + " that may be reported");
        }
        if (n == 0) {
            return new GroupScores(group, 0, false, Double.NaN, Double.NaN, Double.NaN, List.of(),
                    "no cases with both a score and a known outcome");
        }
        double auc = scores.auc();
        List<Bin> curve = new ArrayList<>();
        double ece = 0;
        List<ScoreCounts.BinCounts> counts = scores.calibration();
        for (int b = 0; b < bins; b++) {
            ScoreCounts.BinCounts bc = counts.get(b);
            long c = bc.cases();
            double mean = bc.meanScore();
            double rate = c == 0 ? Double.NaN : (double) bc.positives() / c;
            curve.add(new Bin((double) b / bins, (double) (b + 1) / bins, c, mean, rate));
            if (c > 0) {
                ece += (double) c / n * Math.abs(mean - rate);
            }
        }
        return new GroupScores(group, n, false, auc, scores.brier(), ece, curve, Double.isNaN(auc)
                ? "AUC needs both favourable and unfavourable outcomes in the group" : "");
    }
}
