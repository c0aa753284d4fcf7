package org.fairpath.fairness.prospective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.AllocationSettings;
import org.fairpath.core.allocation.Allocator;
import org.fairpath.core.allocation.Cohort;
import org.fairpath.core.allocation.GroupConstraint;
import org.fairpath.core.allocation.Objective;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;

/**
 * The four policies on the synthetic caseload (seed 11): outcome models (logistic regression) trained on 8,000
 * historical cases; a cohort of the next 10,000 (or any other stretch of the caseload), with their historical assignment, outcomes and true propensities;
 * capacities equal to the places the cohort used historically; a gap constraint on citizenship.
 */
final class SyntheticPolicies {

    static final int TRAIN = 8_000;
    static final int COHORT = 10_000;
    static final GroupConstraint FAIRNESS = new GroupConstraint.EmploymentGap("citizenship_group", 0.12);

    final Cohort cohort;
    final AllocationResult allocation;
    final Observed observed;
    final double[][] truth;

    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults()
            .withSeed(11));
    private static SyntheticPolicies instance;
    private static Recommender recommender;

    /** The policies for cases {@code from .. from + size} of the caseload (models trained on the first 8,000). */
    SyntheticPolicies(long from, int size) {
        Recommender rec = recommender();
        CaseloadGenerator gen = GEN;
        List<SyntheticCase> cases = gen.stream(from + size).skip(from).toList();
        List<Recommendation> recs = new ArrayList<>();
        cases.forEach(c -> recs.add(rec.recommend(c.profile())));
        cohort = Cohort.of(recs, cases.stream().map(SyntheticCase::profile).toList(), gen.catalogue().ids(),
                List.of("gender", "citizenship_group"));
        int n = cases.size();
        int[] received = new int[n];
        boolean[] employed = new boolean[n];
        double[] propensity = new double[n];
        truth = new double[n][cases.get(0).armCount()];
        long[] used = new long[cases.get(0).armCount()];
        for (int i = 0; i < n; i++) {
            SyntheticCase c = cases.get(i);
            received[i] = c.assignedArm(); // arms are no programme then the catalogue's services, as the cohort's
            employed[i] = c.outcome();
            propensity[i] = c.propensity(c.assignedArm());
            used[c.assignedArm()]++;
            for (int a = 0; a < c.armCount(); a++) {
                truth[i][a] = c.trueProbability(a);
            }
        }
        observed = new Observed(received, employed, propensity);
        Map<String, Long> caps = new LinkedHashMap<>();
        for (int s = 0; s < cohort.services().size(); s++) {
            caps.put(cohort.services().get(s), used[s + 1]);
        }
        allocation = Allocator.allocate(cohort, new AllocationSettings(caps, Objective.uplift(), List.of(FAIRNESS)));
    }

    static synchronized Recommender recommender() {
        if (recommender == null) {
            List<TrainingCase> training = new ArrayList<>();
            for (SyntheticCase c : GEN.generate(TRAIN)) {
                training.add(new TrainingCase(c.profile(), c.assignedService(), c.outcome()));
            }
            recommender = Recommender.of(OutcomeModels.train(GEN.catalogue(), training,
                    TrainingSettings.withDefaults().withBags(0)));
        }
        return recommender;
    }

    /** The cohort of the 10,000 cases after the training cases. */
    static synchronized SyntheticPolicies get() {
        if (instance == null) {
            instance = new SyntheticPolicies(TRAIN, COHORT);
        }
        return instance;
    }
}
