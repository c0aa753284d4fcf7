package org.fairpath.fairness.stats;

/**
 * A proportion with its Wilson interval, or an undefined value with the reason.
 *
 * @param value           {@code numerator / denominator}, NaN when undefined
 * @param numerator       the count of successes
 * @param denominator     the count of trials
 * @param interval        Wilson score interval (undefined when the value is)
 * @param undefinedReason why the value is undefined or withheld (empty text when it is defined)
 */
public record Estimate(double value, long numerator, long denominator, Interval interval, String undefinedReason) {

    public static Estimate of(Metric m, GroupCounts c, double confidence) {
        long x = m.numerator(c);
        long n = m.denominator(c);
        if (n == 0) {
            return new Estimate(Double.NaN, 0, 0, Interval.undefined(confidence), m.undefinedReason());
        }
        return new Estimate((double) x / n, x, n, Intervals.wilson(x, n, confidence), "");
    }

    public static Estimate suppressed(long n, int minGroupSize, double confidence) {
        return new Estimate(Double.NaN, 0, 0, Interval.undefined(confidence), "suppressed: the group has " + n
                + " cases, fewer than the minimum of " + minGroupSize + " that may be reported");
    }

    public boolean isDefined() {
        return !Double.isNaN(value);
    }
}
