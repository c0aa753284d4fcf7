package org.fairpath.core.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.ServiceSuggestion;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocations as suggestions on the synthetic caseload: the allocated service is the top suggestion, the
 * unconstrained best and the reason agree with the recommendation itself, and each run is one verified record in the
 * decision log.
 */
final class PlacementTest {

    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(5));
    private static List<JobseekerProfile> profiles;
    private static List<Recommendation> recommendations;
    private static Cohort cohort;

    @BeforeAll
    static void cohort() {
        List<TrainingCase> training = new ArrayList<>();
        for (SyntheticCase c : GEN.generate(4000)) {
            training.add(new TrainingCase(c.profile(), c.assignedService(), c.outcome()));
        }
        OutcomeModels models = OutcomeModels.train(GEN.catalogue(), training, TrainingSettings.withDefaults()
                .withBags(0));
        Recommender rec = Recommender.of(models);
        profiles = GEN.stream(6000).skip(4000).map(SyntheticCase::profile).toList();
        recommendations = profiles.stream().map(rec::recommend).toList();
        cohort = Cohort.of(recommendations, profiles, GEN.catalogue().ids(), List.of("gender", "citizenship_group"));
    }

    @Test
    void placements_capacityLimited_topSuggestionIsAllocatedAndReasonsAgree(@TempDir Path dir) throws Exception {
        Map<String, Long> caps = new LinkedHashMap<>();
        for (String s : cohort.services()) {
            caps.put(s, 60L);
        }
        AllocationSettings settings = new AllocationSettings(caps, Objective.uplift(),
                List.of(new GroupConstraint.ServiceShare("citizenship_group", "wage_subsidy", 0.02)));
        AllocationResult r = Allocator.allocate(cohort, settings);
        List<Placement> placements = r.placements(recommendations);
        int byCapacity = 0;
        int byGroup = 0;
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            Recommendation original = recommendations.get(i);
            assertEquals(Recommendation.Status.AWAITING_REVIEW, p.recommendation().status());
            assertEquals(original.suggestions().size(), p.recommendation().suggestions().size());
            if (!p.allocated().equals(ServiceCatalogue.BASELINE)) {
                assertEquals(p.allocated(), p.recommendation().suggestions().get(0).serviceId());
                assertEquals(1, p.recommendation().suggestions().get(0).rank());
            }
            // the unconstrained best, from the recommendation: its first suggestion if it helps, else no programme
            String best = original.suggestions().isEmpty() || !(original.suggestions().get(0).uplift() > 0)
                    ? ServiceCatalogue.BASELINE : original.suggestions().get(0).serviceId();
            assertEquals(best, p.unconstrainedBest(), original.jobseekerId());
            Placement.Reason expected = !p.allocated().equals(r.optionId(r.capacityOnlyOption(i)))
                    ? Placement.Reason.GROUP_CONSTRAINT
                    : p.allocated().equals(best) ? Placement.Reason.UNCONSTRAINED_BEST : Placement.Reason.CAPACITY;
            assertEquals(expected, p.reason());
            byCapacity += p.reason() == Placement.Reason.CAPACITY ? 1 : 0;
            byGroup += p.reason() == Placement.Reason.GROUP_CONSTRAINT ? 1 : 0;
        }
        assertTrue(byCapacity > 100, "60 places per service should leave many without their best: " + byCapacity);
        assertTrue(byGroup > 0, "the citizenship share of wage subsidy binds on this cohort");
        for (long used : r.placesUsed().values()) {
            assertTrue(used <= 60);
        }

        Path file = dir.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            r.appendTo(log);
        }
        assertTrue(DecisionLog.verify(file).intact());
        List<LogRecord> records = DecisionLog.read(file);
        assertEquals(1, records.size());
        LogRecord run = records.get(0);
        assertEquals("ALLOCATION", run.type());
        assertEquals(cohort.inputHash(), run.body().get("inputHash"));
        assertEquals(cohort.modelVersion(), run.body().get("modelVersion"));
        assertEquals(recommendations.get(0).modelVersion(), run.body().get("modelVersion"));
        assertEquals(List.of("share:citizenship_group:wage_subsidy:0.02"), run.body().get("constraints"));
        assertEquals("uplift", run.body().get("objective"));
        @SuppressWarnings("unchecked")
        Map<String, Object> loggedCaps = (Map<String, Object>) run.body().get("capacities");
        assertEquals(60, ((Number) loggedCaps.get("wage_subsidy")).intValue());
        assertEquals(r.assignmentHash(), run.body().get("assignmentHash"));
        System.out.printf("placements: 2,000 jobseekers, 60 places per service: %d moved by capacity, %d by the"
                + " citizenship share of wage subsidy%n", byCapacity, byGroup);
    }

    @Test
    void cohort_inputHash_changesWithAnyProbabilityAndNotWithRecomputation() {
        Cohort again = Cohort.of(recommendations, profiles, GEN.catalogue().ids(), List.of("gender",
                "citizenship_group"));
        assertEquals(cohort.inputHash(), again.inputHash());
        List<Recommendation> changed = new ArrayList<>(recommendations);
        Recommendation first = changed.get(0);
        changed.set(0, new Recommendation(first.jobseekerId(), first.status(), first.modelVersion(),
                first.fairpathVersion(), first.pWithout() * 0.999, first.pWithoutLower(), first.pWithoutUpper(),
                first.confidence(), first.suggestions(), first.notEligible(), first.profiling(), first.flags()));
        Cohort other = Cohort.of(changed, profiles, GEN.catalogue().ids(), List.of("gender", "citizenship_group"));
        assertTrue(!cohort.inputHash().equals(other.inputHash()));
    }

    @Test
    void cohort_numericGroupingAttribute_refused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Cohort.of(recommendations, profiles, GEN.catalogue().ids(), List.of("age")));
        assertEquals("grouping attribute 'age' is numeric; groups need a categorical, ordinal or boolean attribute"
                + " (band numbers first)", e.getMessage());
        for (ServiceSuggestion s : recommendations.get(0).suggestions()) {
            assertTrue(cohort.eligible(0, cohort.services().indexOf(s.serviceId())));
        }
    }
}
