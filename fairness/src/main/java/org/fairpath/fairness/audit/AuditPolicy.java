package org.fairpath.fairness.audit;

import java.util.List;
import java.util.Map;

/**
 * Thresholds that turn comparisons into findings. A ratio passes when its whole interval lies within [t, 1/t], a
 * difference when its whole interval lies within [-t, t] (see {@link Finding}).
 *
 * @param minSelectionRatio  the selection-rate ratio threshold (0.8: the four-fifths rule)
 * @param maxOpportunityGap  the largest allowed true-positive-rate difference
 * @param maxOddsGap         the largest allowed equalized-odds difference (TPR and FPR)
 * @param maxOverrideGap     the largest allowed difference in counsellors' override (and reject) rates
 * @param maxServiceShareGap the largest allowed difference in the share of cases sent to any one service
 */
public record AuditPolicy(double minSelectionRatio, double maxOpportunityGap, double maxOddsGap,
                          double maxOverrideGap, double maxServiceShareGap) {

    /** The metric names {@link #withThreshold} accepts, as on the command line. */
    public static final List<String> THRESHOLDS = List.of("selection-ratio", "opportunity-gap", "odds-gap",
            "override-gap", "service-share-gap");

    public AuditPolicy {
        if (!(minSelectionRatio > 0 && minSelectionRatio <= 1)) {
            throw new IllegalArgumentException("minSelectionRatio is " + minSelectionRatio + "; allowed: (0, 1]");
        }
        Map<String, Double> gaps = Map.of("maxOpportunityGap", maxOpportunityGap, "maxOddsGap", maxOddsGap,
                "maxOverrideGap", maxOverrideGap, "maxServiceShareGap", maxServiceShareGap);
        gaps.forEach((k, v) -> {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException(k + " is " + v + "; allowed: [0, 1)");
            }
        });
    }

    /** Four-fifths rule on selection; at most 0.1 difference in every other rate. */
    public static AuditPolicy withDefaults() {
        return new AuditPolicy(0.8, 0.1, 0.1, 0.1, 0.1);
    }

    /**
     * This policy with one threshold changed.
     *
     * @param metric one of {@link #THRESHOLDS}
     * @throws IllegalArgumentException naming the metric and the allowed names or values
     */
    public AuditPolicy withThreshold(String metric, double value) {
        return switch (metric) {
            case "selection-ratio" -> new AuditPolicy(value, maxOpportunityGap, maxOddsGap, maxOverrideGap,
                    maxServiceShareGap);
            case "opportunity-gap" -> new AuditPolicy(minSelectionRatio, value, maxOddsGap, maxOverrideGap,
                    maxServiceShareGap);
            case "odds-gap" -> new AuditPolicy(minSelectionRatio, maxOpportunityGap, value, maxOverrideGap,
                    maxServiceShareGap);
            case "override-gap" -> new AuditPolicy(minSelectionRatio, maxOpportunityGap, maxOddsGap, value,
                    maxServiceShareGap);
            case "service-share-gap" -> new AuditPolicy(minSelectionRatio, maxOpportunityGap, maxOddsGap,
                    maxOverrideGap, value);
            default -> throw new IllegalArgumentException("unknown threshold metric '" + metric + "'; allowed: "
                    + THRESHOLDS);
        };
    }
}
