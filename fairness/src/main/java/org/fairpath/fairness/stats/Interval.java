package org.fairpath.fairness.stats;

/**
 * A two-sided confidence interval {@code [lower, upper]} at a stated confidence level.
 *
 * <p>Undefined intervals (no observations) have NaN bounds; {@link #isDefined()} tells them apart.
 *
 * @param lower      lower bound, or NaN when undefined
 * @param upper      upper bound, or NaN when undefined
 * @param confidence the confidence level, e.g. 0.95
 */
public record Interval(double lower, double upper, double confidence) {

    public Interval {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        if (Double.isNaN(lower) != Double.isNaN(upper)) {
            throw new IllegalArgumentException("lower and upper must both be NaN (undefined) or both be numbers; got "
                    + lower + ", " + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower (" + lower + ") must not exceed upper (" + upper + ")");
        }
    }

    /** An undefined interval: no data to compute one. */
    public static Interval undefined(double confidence) {
        return new Interval(Double.NaN, Double.NaN, confidence);
    }

    public boolean isDefined() {
        return !Double.isNaN(lower);
    }

    /** Whether {@code value} lies in the closed interval; false when undefined. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
