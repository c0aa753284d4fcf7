package org.fairpath.core.allocation;

import java.util.Locale;

/**
 * What an allocation maximises, summed over the cohort.
 *
 * <p>{@link #uplift()}: the expected number of extra jobseekers in employment, {@code sum p(with) - p(without)}.
 * {@link #inequalityAverse(double)}: Atkinson's inequality-averse welfare of the employment chances, valuing a
 * service for jobseeker {@code i} at {@code g(p_with) - g(p_without)} with {@code g(p) = (p^(1-A) - 1) / (1 - A)}
 * ({@code log p} for {@code A = 1}). A gain of the same size counts for more the lower a jobseeker's chances; with
 * {@code A = 0} it is the uplift objective.
 *
 * @param aversion {@code A}, from 0 (uplift) to {@link #MAX_AVERSION}
 */
public record Objective(double aversion) {

    /** Largest aversion accepted. */
    public static final double MAX_AVERSION = 10;

    public Objective {
        if (!(aversion >= 0 && aversion <= MAX_AVERSION)) {
            throw new IllegalArgumentException("objective aversion is " + aversion + "; allowed: 0 (uplift) to "
                    + MAX_AVERSION);
        }
    }

    /** Expected extra employment: {@code p(with) - p(without)}. */
    public static Objective uplift() {
        return new Objective(0);
    }

    /** Atkinson's inequality-averse welfare with aversion {@code a}. */
    public static Objective inequalityAverse(double a) {
        return new Objective(a);
    }

    /**
     * {@code uplift} or {@code inequality-averse:A}.
     *
     * @throws IllegalArgumentException naming what is allowed
     */
    public static Objective parse(String text) {
        if ("uplift".equals(text)) {
            return uplift();
        }
        String prefix = "inequality-averse:";
        if (text != null && text.startsWith(prefix)) {
            double a;
            try {
                a = Double.parseDouble(text.substring(prefix.length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("objective '" + text + "': the aversion after ':' must be a number"
                        + " from 0 to " + MAX_AVERSION);
            }
            return inequalityAverse(a);
        }
        throw new IllegalArgumentException("objective '" + text + "' is not known; allowed: uplift,"
                + " inequality-averse:A (A from 0 to " + MAX_AVERSION + ")");
    }

    /** The welfare of an employment chance {@code p} in (0, 1]. */
    double welfare(double p) {
        if (aversion == 0) {
            return p;
        }
        if (aversion == 1) {
            return Math.log(p);
        }
        return (Math.pow(p, 1 - aversion) - 1) / (1 - aversion);
    }

    /** The value of moving a chance from {@code without} to {@code with}. */
    double gain(double with, double without) {
        return aversion == 0 ? with - without : welfare(with) - welfare(without);
    }

    @Override
    public String toString() {
        return aversion == 0 ? "uplift" : String.format(Locale.ROOT, "inequality-averse:%s", aversion);
    }
}
