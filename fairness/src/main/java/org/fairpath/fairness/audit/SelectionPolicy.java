package org.fairpath.fairness.audit;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A rule that turns scores into decisions, to audit who a policy would select before it is used: the top share of
 * cases by score, every case at or above a threshold, or every case in a score segment. Cases without a score are
 * never selected. Immutable.
 */
public final class SelectionPolicy {

    private enum Kind { TOP_SHARE, THRESHOLD, SEGMENT }

    private final Kind kind;
    private final double a;
    private final double b;

    private SelectionPolicy(Kind kind, double a, double b) {
        this.kind = kind;
        this.a = a;
        this.b = b;
    }

    /**
     * The {@code share} of scored cases with the highest scores ({@code ceil(share * n)} cases; ties at the boundary
     * are broken by row order, so the count is exact).
     */
    public static SelectionPolicy topShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share is " + share + "; allowed: greater than 0, at most 1");
        }
        return new SelectionPolicy(Kind.TOP_SHARE, share, Double.NaN);
    }

    /** Every case scored at or above {@code threshold}. */
    public static SelectionPolicy threshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold is " + threshold + "; it must be finite");
        }
        return new SelectionPolicy(Kind.THRESHOLD, threshold, Double.NaN);
    }

    /** Every case scored in {@code [from, to)}. */
    public static SelectionPolicy segment(double from, double to) {
        if (!(from < to)) {
            throw new IllegalArgumentException("segment [" + from + ", " + to + ") is empty; from must be below to");
        }
        return new SelectionPolicy(Kind.SEGMENT, from, to);
    }

    /** E.g. {@code "top 10% by score"}. */
    public String describe() {
        return switch (kind) {
            case TOP_SHARE -> String.format(Locale.ROOT, "top %s%% by score", trim(a * 100));
            case THRESHOLD -> "score >= " + trim(a);
            default -> "score in [" + trim(a) + ", " + trim(b) + ")";
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The decisions this policy makes on {@code scores}. */
    boolean[] apply(double[] scores) {
        boolean[] out = new boolean[scores.length];
        switch (kind) {
            case THRESHOLD -> IntStream.range(0, scores.length).forEach(i -> out[i] = scores[i] >= a);
            case SEGMENT -> IntStream.range(0, scores.length).forEach(i -> out[i] = scores[i] >= a && scores[i] < b);
            default -> {
                Integer[] scored = IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                        .toArray(Integer[]::new);
                Arrays.sort(scored, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
                int k = (int) Math.ceil(a * scored.length - 1e-9);
                for (int j = 0; j < k; j++) {
                    out[scored[j]] = true;
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The audit of one policy.
     *
     * @param policy        the policy
     * @param selectionRate who it selects, by group
     * @param truePositives how many of the cases with a favourable true outcome it selects, by group
     */
    public record Result(SelectionPolicy policy, MetricFrame selectionRate, MetricFrame truePositives) {
    }

    /**
     * Audits several policies on the same scored cases: who is over- or under-selected can change with the rule.
     *
     * @throws IllegalArgumentException if the data have no scores
     */
    public static java.util.List<Result> audit(AuditData data, java.util.List<SelectionPolicy> policies,
                                               java.util.List<String> grouping, AuditSettings settings) {
        if (!data.hasScores()) {
            throw new IllegalArgumentException("the audit data have no scores to select by");
        }
        java.util.List<Result> out = new java.util.ArrayList<>();
        for (SelectionPolicy p : policies) {
            AuditCounts c = AuditCounts.of(data.withDecisions(p.apply(data.scores())), grouping.size());
            out.add(new Result(p, MetricFrame.of(c, Metric.SELECTION_RATE, grouping, settings),
                    MetricFrame.of(c, Metric.TPR, grouping, settings)));
        }
        return out;
    }
}
