package org.fairpath.fairness.prospective;

/**
 * What actually happened to the cohort, when it is known: the option each jobseeker received (0 = no programme,
 * {@code s + 1} = the cohort's service {@code s}), whether they were employed within the horizon, and the
 * probability that the historical process gave them the option they received (the propensity, known in a trial or
 * estimated from the assignment process). With it, policy values are doubly robust (AIPW); without it they are the
 * models' estimates only.
 *
 * <p>Outcomes must be known for every jobseeker: a report never mixes estimated and observed populations.
 *
 * @param received   the option received, per jobseeker
 * @param employed   the observed outcome, per jobseeker
 * @param propensity P(received option | jobseeker) under the historical process, in (0, 1]
 */
public record Observed(int[] received, boolean[] employed, double[] propensity) {

    public Observed {
        if (received.length != employed.length || received.length != propensity.length) {
            throw new IllegalArgumentException("observed: " + received.length + " received, " + employed.length
                    + " outcomes and " + propensity.length + " propensities; give one of each per jobseeker");
        }
        for (int i = 0; i < propensity.length; i++) {
            if (!(propensity[i] > 0 && propensity[i] <= 1)) {
                throw new IllegalArgumentException("observed: propensity of jobseeker " + i + " is " + propensity[i]
                        + "; allowed: a probability in (0, 1] (an option received with probability 0 cannot be"
                        + " weighted)");
            }
        }
        received = received.clone();
        employed = employed.clone();
        propensity = propensity.clone();
    }

    @Override
    public int[] received() {
        return received.clone();
    }

    @Override
    public boolean[] employed() {
        return employed.clone();
    }

    @Override
    public double[] propensity() {
        return propensity.clone();
    }
}
