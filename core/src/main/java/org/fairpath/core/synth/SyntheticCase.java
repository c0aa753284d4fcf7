package org.fairpath.core.synth;

import java.util.List;
import org.fairpath.core.JobseekerProfile;

/**
 * One synthetic historical case with its ground truth: the profile, the option the jobseeker received, the observed
 * outcome, and for every option (arm) the true probability of employment within 12 months, the potential outcome,
 * the eligibility and the historical assignment probability.
 *
 * <p>Arms are numbered as in {@link CaseloadGenerator#arms()}: 0 is no programme (the baseline), then the services
 * of the catalogue in order. Potential outcomes share one uniform draw {@code u} per case
 * ({@code employed under arm a = u < trueProbability(a)}), so an arm with a higher true probability never turns an
 * employed outcome into an unemployed one for the same person.
 */
public final class SyntheticCase {

    private final long index;
    private final JobseekerProfile profile;
    private final List<String> arms;
    private final int assigned;
    private final double[] trueProbability;
    private final double[] propensity;
    private final boolean[] eligible;
    private final double u;

    SyntheticCase(long index, JobseekerProfile profile, List<String> arms, int assigned, double[] trueProbability,
                  double[] propensity, boolean[] eligible, double u) {
        this.index = index;
        this.profile = profile;
        this.arms = arms;
        this.assigned = assigned;
        this.trueProbability = trueProbability;
        this.propensity = propensity;
        this.eligible = eligible;
        this.u = u;
    }

    /** Position in the caseload; {@link CaseloadGenerator#generate(long)} of it gives this case again. */
    public long index() {
        return index;
    }

    public JobseekerProfile profile() {
        return profile;
    }

    /** Number of arms (no programme plus the services). */
    public int armCount() {
        return arms.size();
    }

    /** The arm the jobseeker received historically. */
    public int assignedArm() {
        return assigned;
    }

    /** The id of the received arm: {@code no_programme} or a service id. */
    public String assignedService() {
        return arms.get(assigned);
    }

    /** The observed outcome: employed within 12 months under the received arm. */
    public boolean outcome() {
        return potentialOutcome(assigned);
    }

    /** True probability of employment within 12 months had the jobseeker received {@code arm}. */
    public double trueProbability(int arm) {
        return trueProbability[arm];
    }

    /** True uplift of {@code arm}: {@code trueProbability(arm) - trueProbability(0)}. */
    public double trueUplift(int arm) {
        return trueProbability[arm] - trueProbability[0];
    }

    /** Whether the jobseeker would have been employed within 12 months had they received {@code arm}. */
    public boolean potentialOutcome(int arm) {
        return u < trueProbability[arm];
    }

    /** Whether the jobseeker was eligible for {@code arm} (always true for arm 0, no programme). */
    public boolean eligible(int arm) {
        return eligible[arm];
    }

    /** The historical probability of receiving {@code arm} (0 where not eligible); they sum to 1 over arms. */
    public double propensity(int arm) {
        return propensity[arm];
    }

    @Override
    public String toString() {
        return "SyntheticCase[" + index + ", " + profile.id() + ", received " + assignedService() + ", employed "
                + outcome() + "]";
    }
}
