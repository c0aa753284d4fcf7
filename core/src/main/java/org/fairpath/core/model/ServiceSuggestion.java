package org.fairpath.core.model;

/**
 * One eligible service, as suggested to a counsellor: the estimated chance of employment with it and without any
 * programme, the difference (uplift), and intervals for each from the bootstrap bags: the point estimate plus or minus
 * Student's t times the bags' standard deviation, clamped to the possible range, so the point is always inside (NaN
 * bounds when trained with fewer than two bags: {@link #hasInterval()} is then false and nothing should show one).
 * Why the jobseeker is eligible, in words, is {@code Service.eligibility(profile)}.
 *
 * @param rank              1 for the largest uplift
 * @param serviceId         the service
 * @param pWith             P(employed within the horizon | this service)
 * @param pWithLower        lower interval bound of {@code pWith}
 * @param pWithUpper        upper interval bound of {@code pWith}
 * @param uplift            {@code pWith - pWithout}
 * @param upliftLower       lower interval bound of the uplift
 * @param upliftUpper       upper interval bound of the uplift
 */
public record ServiceSuggestion(int rank, String serviceId, double pWith, double pWithLower, double pWithUpper,
                                double uplift, double upliftLower, double upliftUpper) {

    /** Whether there are intervals (the models were trained with at least two bags). */
    public boolean hasInterval() {
        return !Double.isNaN(upliftLower);
    }

    /** Whether the whole uplift interval is above zero: the data clearly point to a benefit. */
    public boolean clearBenefit() {
        return upliftLower > 0;
    }

    /** Whether the uplift interval contains zero (or there is no interval): the benefit is uncertain. */
    public boolean uncertain() {
        return !(upliftLower > 0) && !(upliftUpper < 0);
    }
}
