package org.fairpath.core.synth;

/**
 * How a synthetic caseload is generated: the seed, the historical assignment policy, the counsellor biases built
 * into it, and the size of the true service effects.
 *
 * <p>Immutable. Start from {@link #withDefaults()} and change what you need; every {@code with} method checks its
 * value and throws {@link IllegalArgumentException} naming the setting and the allowed range.
 *
 * <p>Biases are added to the log-odds of the historical assignment (see {@link CaseloadGenerator}): a bias of
 * {@code b} multiplies the odds of that service against any other eligible option by {@code exp(b)} for the affected
 * group, whatever the group's needs. They act only under {@link AssignmentPolicy#TARGETED}.
 *
 * @param seed                    seed of the generator; the same seed gives the same caseload
 * @param policy                  how services were assigned historically
 * @param careDutiesTrainingBias  log-odds added to vocational training for women with care duties (default -1.0:
 *                                sent to training less often, although they benefit from it as much as others)
 * @param olderSelfServiceBias    log-odds added to digital self-service for jobseekers aged 50 or more (default +1.2:
 *                                steered to self-service, where their true benefit is lowest)
 * @param nonEuLanguageBias       log-odds added to the language course for non-EU citizens (default +0.8: sent to a
 *                                language course whatever their level within the eligible range)
 * @param effectScale             multiplies every true service effect on the log-odds scale (default 1; 0 gives a
 *                                caseload where no service changes anyone's outcome)
 */
public record CaseloadSettings(long seed, AssignmentPolicy policy, double careDutiesTrainingBias,
                               double olderSelfServiceBias, double nonEuLanguageBias, double effectScale) {

    /** How services were assigned in the historical data. */
    public enum AssignmentPolicy {
        /** Counsellors targeted services by need, with the configured biases on top. */
        TARGETED,
        /** Each jobseeker got one of the options they were eligible for (including no programme) at random, as in a
         * randomised trial; the biases do not apply. */
        RANDOMISED
    }

    /** Largest absolute bias accepted, on the log-odds scale (an odds factor of about 150). */
    public static final double MAX_BIAS = 5.0;
    /** Largest effect scale accepted. */
    public static final double MAX_EFFECT_SCALE = 3.0;

    public CaseloadSettings {
        if (policy == null) {
            throw new IllegalArgumentException("policy must be TARGETED or RANDOMISED; got null");
        }
        checkBias("careDutiesTrainingBias", careDutiesTrainingBias);
        checkBias("olderSelfServiceBias", olderSelfServiceBias);
        checkBias("nonEuLanguageBias", nonEuLanguageBias);
        if (!(effectScale >= 0 && effectScale <= MAX_EFFECT_SCALE)) {
            throw new IllegalArgumentException("effectScale is " + effectScale + "; allowed: 0 to " + MAX_EFFECT_SCALE);
        }
    }

    private static void checkBias(String name, double value) {
        if (!(Math.abs(value) <= MAX_BIAS)) {
            throw new IllegalArgumentException(name + " is " + value + "; allowed: a log-odds shift from -" + MAX_BIAS
                    + " to " + MAX_BIAS + " (0 = no bias)");
        }
    }

    /** Seed 42, targeted assignment, biases -1.0 / +1.2 / +0.8, effect scale 1. */
    public static CaseloadSettings withDefaults() {
        return new CaseloadSettings(42L, AssignmentPolicy.TARGETED, -1.0, 1.2, 0.8, 1.0);
    }

    public CaseloadSettings withSeed(long seed) {
        return new CaseloadSettings(seed, policy, careDutiesTrainingBias, olderSelfServiceBias, nonEuLanguageBias,
                effectScale);
    }

    public CaseloadSettings withPolicy(AssignmentPolicy policy) {
        return new CaseloadSettings(seed, policy, careDutiesTrainingBias, olderSelfServiceBias, nonEuLanguageBias,
                effectScale);
    }

    public CaseloadSettings withCareDutiesTrainingBias(double bias) {
        return new CaseloadSettings(seed, policy, bias, olderSelfServiceBias, nonEuLanguageBias, effectScale);
    }

    public CaseloadSettings withOlderSelfServiceBias(double bias) {
        return new CaseloadSettings(seed, policy, careDutiesTrainingBias, bias, nonEuLanguageBias, effectScale);
    }

    public CaseloadSettings withNonEuLanguageBias(double bias) {
        return new CaseloadSettings(seed, policy, careDutiesTrainingBias, olderSelfServiceBias, bias, effectScale);
    }

    /** The same settings with every counsellor bias set to 0. */
    public CaseloadSettings withoutCounsellorBias() {
        return new CaseloadSettings(seed, policy, 0, 0, 0, effectScale);
    }

    public CaseloadSettings withEffectScale(double scale) {
        return new CaseloadSettings(seed, policy, careDutiesTrainingBias, olderSelfServiceBias, nonEuLanguageBias,
                scale);
    }
}
