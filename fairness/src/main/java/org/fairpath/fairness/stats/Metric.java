package org.fairpath.fairness.stats;

/**
 * The binary-decision metrics an audit reports, each a proportion {@code numerator / denominator} of a group's
 * counts. "Positive" means the favourable outcome the caller named (selected for a service, employed, ...).
 *
 * <p>When the denominator is 0 the metric is undefined: NaN with the reason {@link #undefinedReason()}, never 0.
 */
public enum Metric {
    /** Share of the group given the favourable decision: selected / n. */
    SELECTION_RATE("no cases in the group"),
    /** True positive rate (recall, equal opportunity): TP / (TP + FN). */
    TPR("no cases with a favourable true outcome in the group"),
    /** False positive rate: FP / (FP + TN). */
    FPR("no cases with an unfavourable true outcome in the group"),
    /** False negative rate: FN / (TP + FN). */
    FNR("no cases with a favourable true outcome in the group"),
    /** True negative rate: TN / (FP + TN). */
    TNR("no cases with an unfavourable true outcome in the group"),
    /** Positive predictive value (precision): TP / (TP + FP). */
    PPV("no favourable decisions with a known outcome in the group"),
    /** Negative predictive value: TN / (TN + FN). */
    NPV("no unfavourable decisions with a known outcome in the group"),
    /** Accuracy: (TP + TN) / cases with a known outcome. */
    ACCURACY("no cases with a known outcome in the group");

    private final String undefinedReason;

    Metric(String undefinedReason) {
        this.undefinedReason = undefinedReason;
    }

    /** Why the metric is undefined when its denominator is 0. */
    public String undefinedReason() {
        return undefinedReason;
    }

    /** The count of successes in {@code c}. */
    public long numerator(GroupCounts c) {
        switch (this) {
            case SELECTION_RATE:
                return c.selected();
            case TPR:
            case PPV:
                return c.tp();
            case FPR:
                return c.fp();
            case FNR:
                return c.fn();
            case TNR:
            case NPV:
                return c.tn();
            default:
                return c.tp() + c.tn();
        }
    }

    /** The count of trials in {@code c}: 0 makes the metric undefined. */
    public long denominator(GroupCounts c) {
        switch (this) {
            case SELECTION_RATE:
                return c.n();
            case TPR:
            case FNR:
                return c.tp() + c.fn();
            case FPR:
            case TNR:
                return c.fp() + c.tn();
            case PPV:
                return c.tp() + c.fp();
            case NPV:
                return c.tn() + c.fn();
            default:
                return c.tp() + c.fp() + c.tn() + c.fn();
        }
    }
}
