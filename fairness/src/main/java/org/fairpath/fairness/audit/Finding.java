package org.fairpath.fairness.audit;

import java.util.List;
import org.fairpath.fairness.stats.Interval;

/**
 * One checked comparison with its verdict and a plain-language sentence.
 *
 * <p>The verdict says exactly what the interval shows. {@link Level#PASS}: the whole interval lies within the
 * threshold. {@link Level#FAIL}: the whole interval lies beyond it. {@link Level#WARN}: the interval crosses the
 * threshold, so the data cannot tell. {@link Level#UNDEFINED}: nothing could be compared; the sentence gives the cause.
 * Intervals are simultaneous over every comparison of the check within its grouping (Bonferroni), so looking at many
 * groups does not breed false FAILs.
 *
 * @param level     the verdict
 * @param check     what was checked, e.g. {@code demographic_parity_ratio} or {@code override_rate_difference}
 * @param grouping  the attributes whose levels form the groups
 * @param group     the compared group's levels (empty when undefined)
 * @param against   the group it is compared with: the reference group, or the highest group for max-vs-min
 * @param value     the difference or ratio (NaN when undefined)
 * @param interval  its simultaneous interval (undefined when the value is)
 * @param threshold the policy threshold: a difference passes within [-t, t], a ratio within [t, 1/t]
 * @param sentence  the finding in words
 */
public record Finding(Level level, String check, List<String> grouping, List<String> group, List<String> against,
                      double value, Interval interval, double threshold, String sentence) {

    public Finding {
        grouping = List.copyOf(grouping);
        group = List.copyOf(group);
        against = List.copyOf(against);
    }

    /** Verdicts, most serious first. */
    public enum Level {
        FAIL, WARN, PASS, UNDEFINED
    }
}
