package org.fairpath.fairness.metrics;

import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.stats.Interval;

import java.util.List;

/**
 * A disparity between two groups on one metric: a difference ({@code group - against}) with Newcombe's interval, or a
 * ratio ({@code group / against}) with Katz's log interval, and the p-value of the test that the two proportions are
 * equal (Pearson's chi-square on the 2x2 table, or Fisher's exact test when an expected count is below 5), adjusted
 * for the number of comparisons (Benjamini-Hochberg): across the frame for a frame on its own, across every
 * comparison of the audit inside an {@link Audit}.
 *
 * @param kind            {@code "difference"} or {@code "ratio"}
 * @param group           the compared group's levels
 * @param against         the other group's levels
 * @param value           the difference or ratio, NaN when undefined
 * @param interval        its interval
 * @param pValue          the test's p-value, NaN when undefined
 * @param adjustedP       Benjamini-Hochberg adjusted p-value
 * @param undefinedReason why it is undefined (empty text when defined)
 */
public record Comparison(String kind, List<String> group, List<String> against, double value, Interval interval,
                         double pValue, double adjustedP, String undefinedReason) {

    Comparison withAdjustedP(double p) {
        return new Comparison(kind, group, against, value, interval, pValue, p, undefinedReason);
    }
}
