package org.fairpath.fairness.metrics;

import java.util.List;

/**
 * How an audit computes and reports: confidence level, the smallest group reported, the reference group that other
 * groups are compared with, and which tool's conventions to follow.
 *
 * @param confidence    level of every interval, e.g. 0.95
 * @param minGroupSize  groups with fewer cases are suppressed in results (privacy); they still count in the overall
 * @param reference     the reference group's levels, or empty for the largest reported group
 * @param compatibility whose conventions undefined values and ratios follow
 */
public record AuditSettings(double confidence, int minGroupSize, List<String> reference,
                            Compatibility compatibility) {

    /**
     * Conventions, so an oversight team can reconcile fairpath's numbers with another tool's.
     */
    public enum Compatibility {
        /** fairpath's own: 0/0 is NaN with a reason; x/0 ratios are undefined; small groups are suppressed. */
        FAIRPATH,
        /**
         * Fairlearn's MetricFrame with scikit-learn metrics: a 0/0 rate is 0 (scikit-learn's {@code nan_to_num} in
         * normalised confusion matrices and {@code zero_division} for precision) and takes part in min and max; no
         * group is suppressed; {@code difference} is max - min and {@code ratio} is min / max (NaN when max is 0).
         */
        FAIRLEARN,
        /**
         * AIF360's ClassificationMetric: rates are NaN for 0/0; comparisons are unprivileged versus the declared
         * privileged group (the settings' reference, which is required), signed (difference = group - privileged,
         * ratio = group / privileged, +Infinity when the privileged value is 0 and the group's is not); no group is
         * suppressed.
         */
        AIF360
    }

    public AuditSettings {
        if (compatibility == null) {
            throw new IllegalArgumentException("compatibility is null; allowed: " + List.of(Compatibility.values()));
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minGroupSize is " + minGroupSize + "; allowed: 1 or more");
        }
        reference = List.copyOf(reference);
    }

    /** 95% intervals, groups under 10 cases suppressed, the largest group as reference, fairpath's conventions. */
    public static AuditSettings withDefaults() {
        return new AuditSettings(0.95, 10, List.of(), Compatibility.FAIRPATH);
    }

    public AuditSettings withConfidence(double c) {
        return new AuditSettings(c, minGroupSize, reference, compatibility);
    }

    public AuditSettings withMinGroupSize(int n) {
        return new AuditSettings(confidence, n, reference, compatibility);
    }

    /** Compare every group with the group having these levels (one per attribute of the grouping). */
    public AuditSettings withReference(List<String> levels) {
        return new AuditSettings(confidence, minGroupSize, levels, compatibility);
    }

    /** Follow another tool's conventions (see {@link Compatibility}). */
    public AuditSettings withCompatibility(Compatibility c) {
        return new AuditSettings(confidence, minGroupSize, reference, c);
    }

    /** The group size below which values are suppressed under the chosen conventions (1: none). */
    public int effectiveMinGroupSize() {
        return compatibility == Compatibility.FAIRPATH ? minGroupSize : 1;
    }
}
