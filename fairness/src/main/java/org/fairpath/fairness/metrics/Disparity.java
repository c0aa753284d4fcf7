package org.fairpath.fairness.metrics;

import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

/**
 * Named disparities, each a one-line rule over {@link MetricFrame}s of one grouping. Conventions follow Fairlearn's
 * definitions so numbers can be reconciled:
 * <ul>
 *   <li>{@link #DEMOGRAPHIC_PARITY_DIFFERENCE}: max - min of the selection rate over groups;</li>
 *   <li>{@link #DEMOGRAPHIC_PARITY_RATIO}: min / max of the selection rate (the "four-fifths" ratio);</li>
 *   <li>{@link #EQUAL_OPPORTUNITY_DIFFERENCE}: max - min of the true positive rate;</li>
 *   <li>{@link #EQUALIZED_ODDS_DIFFERENCE}: the larger of the TPR difference and the FPR difference;</li>
 *   <li>{@link #EQUALIZED_ODDS_RATIO}: the smaller of the TPR ratio and the FPR ratio;</li>
 *   <li>{@link #PREDICTIVE_PARITY_DIFFERENCE}: max - min of the positive predictive value (equal to the false
 *       discovery rate difference, since FDR = 1 - PPV);</li>
 *   <li>{@link #FALSE_OMISSION_RATE_DIFFERENCE}: max - min of the false omission rate, 1 - NPV (equal to the NPV
 *       difference).</li>
 * </ul>
 * A disparity is undefined (NaN with a reason) when fewer than two groups have a defined, reported value.
 */
public enum Disparity {
    DEMOGRAPHIC_PARITY_DIFFERENCE(true, Metric.SELECTION_RATE),
    DEMOGRAPHIC_PARITY_RATIO(false, Metric.SELECTION_RATE),
    EQUAL_OPPORTUNITY_DIFFERENCE(true, Metric.TPR),
    EQUALIZED_ODDS_DIFFERENCE(true, Metric.TPR, Metric.FPR),
    EQUALIZED_ODDS_RATIO(false, Metric.TPR, Metric.FPR),
    PREDICTIVE_PARITY_DIFFERENCE(true, Metric.PPV),
    FALSE_OMISSION_RATE_DIFFERENCE(true, Metric.NPV);

    private final boolean difference;
    private final Metric[] metrics;

    Disparity(boolean difference, Metric... metrics) {
        this.difference = difference;
        this.metrics = metrics;
    }

    /** Whether this is a difference (0 = parity) rather than a ratio (1 = parity). */
    public boolean isDifference() {
        return difference;
    }

    /**
     * The disparity's comparison for one grouping: the component with the largest difference (or smallest ratio)
     * when it combines several metrics; empty when undefined. Under Fairlearn's conventions an undefined later
     * component is passed over, as Python's built-in {@code min([tpr_ratio, fpr_ratio])} does (an undefined first
     * component still makes the whole undefined); under fairpath's own, any undefined component does.
     */
    public java.util.Optional<Comparison> of(AuditCounts counts, java.util.List<String> grouping,
                                             AuditSettings settings) {
        Comparison worst = null;
        boolean first = true;
        for (Metric m : metrics) {
            MetricFrame f = MetricFrame.of(counts, m, grouping, settings);
            java.util.Optional<Comparison> c = difference ? f.difference() : f.ratio();
            if (c.isEmpty() || Double.isNaN(c.get().value())) {
                if (!first && settings.compatibility() == AuditSettings.Compatibility.FAIRLEARN) {
                    continue;
                }
                return java.util.Optional.empty();
            }
            first = false;
            if (worst == null || (difference ? c.get().value() > worst.value() : c.get().value() < worst.value())) {
                worst = c.get();
            }
        }
        return java.util.Optional.ofNullable(worst);
    }
}
