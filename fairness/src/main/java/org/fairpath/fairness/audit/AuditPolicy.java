package org.fairpath.fairness.audit;

/**
 * Thresholds that turn disparities into findings.
 *
 * @param minSelectionRatio    the demographic parity ratio below which selection is flagged (0.8: the four-fifths
 *                             rule)
 * @param maxOpportunityGap    the equal opportunity difference above which it is flagged
 * @param maxOddsGap           the equalized odds difference above which it is flagged
 */
public record AuditPolicy(double minSelectionRatio, double maxOpportunityGap, double maxOddsGap) {

    public AuditPolicy {
        if (!(minSelectionRatio > 0 && minSelectionRatio <= 1)) {
            throw new IllegalArgumentException("minSelectionRatio is " + minSelectionRatio + "; allowed: (0, 1]");
        }
        if (!(maxOpportunityGap >= 0 && maxOpportunityGap < 1) || !(maxOddsGap >= 0 && maxOddsGap < 1)) {
            throw new IllegalArgumentException("gaps must be in [0, 1); got " + maxOpportunityGap + " and "
                    + maxOddsGap);
        }
    }

    /** Four-fifths rule on selection; at most 0.1 difference in true positive rates and in equalized odds. */
    public static AuditPolicy withDefaults() {
        return new AuditPolicy(0.8, 0.1, 0.1);
    }
}
