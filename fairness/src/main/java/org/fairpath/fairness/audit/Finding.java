package org.fairpath.fairness.audit;

import org.fairpath.fairness.metrics.Disparity;

import java.util.List;

/**
 * One checked disparity with its verdict and a plain-language sentence.
 *
 * <p>{@link Level#FAIL}: the value breaks the threshold and its whole interval lies beyond it. {@link Level#WARN}: the
 * value breaks the threshold but the interval reaches back across it, so the data cannot tell. {@link Level#PASS}:
 * the value meets the threshold. {@link Level#UNDEFINED}: fewer than two groups could be compared.
 *
 * @param level     the verdict
 * @param disparity what was checked
 * @param grouping  the grouping
 * @param value     the disparity's value (NaN when undefined)
 * @param threshold the policy threshold
 * @param sentence  the finding in words
 */
public record Finding(Level level, Disparity disparity, List<String> grouping, double value, double threshold,
                      String sentence) {

    /** Verdicts, most serious first. */
    public enum Level {
        FAIL, WARN, PASS, UNDEFINED
    }
}
