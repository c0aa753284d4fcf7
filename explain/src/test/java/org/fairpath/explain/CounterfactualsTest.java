package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

final class CounterfactualsTest {

    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults());
    private static final Recommender RECOMMENDER = Recommender.of(OutcomeModels.train(GEN.catalogue(),
            GEN.stream(8000).map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
            TrainingSettings.withDefaults().withBags(0)));

    @Test
    void topSuggestion_counterfactualsAreValidCheapestAndOnlyActionable() {
        var cf = Counterfactuals.of(Counterfactuals.topSuggestion(RECOMMENDER), Map.of("driving_licence", 3.0), 4);
        int withResults = 0;
        for (SyntheticCase c : GEN.stream(8040).skip(8000).toList()) {
            JobseekerProfile p = c.profile();
            Object before = Counterfactuals.topSuggestion(RECOMMENDER).apply(p);
            List<Counterfactuals.Counterfactual> found = cf.find(p, 3);
            for (Counterfactuals.Counterfactual k : found) {
                // validity: applying the changes really changes the top suggestion
                Object after = Counterfactuals.topSuggestion(RECOMMENDER).apply(Counterfactuals.apply(p,
                        k.changes()));
                assertNotEquals(before, after);
                assertEquals(after, k.after());
                assertTrue(k.cost() <= 4);
                for (Counterfactuals.Change ch : k.changes()) {
                    Attribute a = p.schema().attribute(ch.attribute());
                    assertTrue(a.hasRole(Role.ACTIONABLE), ch.toString());
                    assertFalse(a.hasRole(Role.PROTECTED) || a.hasRole(Role.IMMUTABLE), ch.toString());
                    if (a.levels().size() > 0 && a.type() == org.fairpath.core.AttributeType.ORDINAL) {
                        assertTrue(a.levelIndex((String) ch.to()) > a.levelIndex((String) ch.from()), "only up");
                    }
                }
            }
            if (!found.isEmpty()) {
                withResults++;
                // cheapest: no single change cheaper than the first result reaches the goal
                double cheapest = found.get(0).cost();
                for (Counterfactuals.Counterfactual k : found) {
                    assertTrue(k.cost() >= cheapest);
                }
                // diverse: no result's attributes contain another's
                for (int i = 0; i < found.size(); i++) {
                    for (int j = 0; j < found.size(); j++) {
                        if (i != j) {
                            var ai = found.get(i).changes().stream().map(Counterfactuals.Change::attribute).toList();
                            var aj = found.get(j).changes().stream().map(Counterfactuals.Change::attribute).toList();
                            assertFalse(ai.containsAll(aj), found.toString());
                        }
                    }
                }
            }
        }
        assertTrue(withResults > 5, "only " + withResults + " of 40 jobseekers had a counterfactual");
    }

    @Test
    void noBudget_noCounterfactual_andBadSettingsAreRejected() {
        JobseekerProfile p = GEN.generate(8001L).profile();
        assertTrue(Counterfactuals.of(Counterfactuals.topSuggestion(RECOMMENDER), Map.of(), 0).find(p, 3).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> Counterfactuals.of(Counterfactuals.segment(RECOMMENDER), Map.of("education_level", 0.0), 3));
        assertThrows(IllegalArgumentException.class,
                () -> Counterfactuals.of(Counterfactuals.segment(RECOMMENDER), Map.of(), -1));
    }

    @Test
    void segment_counterfactual_movesTheProfilingSegment() {
        var cf = Counterfactuals.of(Counterfactuals.segment(RECOMMENDER), Map.of(), 6);
        int moved = 0;
        for (SyntheticCase c : GEN.stream(8100).skip(8060).toList()) {
            for (Counterfactuals.Counterfactual k : cf.find(c.profile(), 2)) {
                assertEquals(k.after(), RECOMMENDER.recommend(Counterfactuals.apply(c.profile(), k.changes()))
                        .profiling().segment());
                assertNotEquals(k.before(), k.after());
                moved++;
            }
        }
        assertTrue(moved > 0);
    }
}
