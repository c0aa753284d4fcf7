package org.fairpath.fairness;

import java.util.List;

/**
 * How an audit computes and reports: confidence level, the smallest group reported, and the reference group that
 * other groups are compared with.
 *
 * @param confidence   level of every interval, e.g. 0.95
 * @param minGroupSize groups with fewer cases are suppressed in results (privacy); they still count in the overall
 * @param reference    the reference group's levels, or empty for the largest reported group
 */
public record AuditSettings(double confidence, int minGroupSize, List<String> reference) {

    public AuditSettings {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minGroupSize is " + minGroupSize + "; allowed: 1 or more");
        }
        reference = List.copyOf(reference);
    }

    /** 95% intervals, groups under 10 cases suppressed, the largest group as reference. */
    public static AuditSettings withDefaults() {
        return new AuditSettings(0.95, 10, List.of());
    }

    public AuditSettings withConfidence(double c) {
        return new AuditSettings(c, minGroupSize, reference);
    }

    public AuditSettings withMinGroupSize(int n) {
        return new AuditSettings(confidence, n, reference);
    }

    /** Compare every group with the group having these levels (one per attribute of the grouping). */
    public AuditSettings withReference(List<String> levels) {
        return new AuditSettings(confidence, minGroupSize, levels);
    }
}
