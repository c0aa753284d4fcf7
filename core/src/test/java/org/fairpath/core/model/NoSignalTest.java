package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

/**
 * Trained on pure noise (outcomes drawn at 50% whatever the profile and service: every true uplift is 0), the
 * suggestions must not claim a clear benefit. Oracle: the noise itself, so a 90% interval procedure that keeps its
 * coverage after the top suggestion is picked excludes 0 for the top suggestion at most about 10% of the time.
 */
final class NoSignalTest {

    @Test
    void pureNoise_topSuggestionRarelyClear() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(21));
        SplittableRandom coin = new SplittableRandom(5);
        List<TrainingCase> noise = gen.stream(4000).map(c -> new TrainingCase(c.profile(), c.assignedService(),
                coin.nextBoolean())).toList();
        Recommender r = Recommender.of(OutcomeModels.train(gen.catalogue(), noise, TrainingSettings.withDefaults()));
        int n = 0;
        int topClear = 0;
        int intervals = 0;
        int excludeZero = 0;
        for (SyntheticCase c : gen.stream(5000).skip(4000).toList()) {
            Recommendation rc = r.recommend(c.profile());
            if (rc.suggestions().isEmpty()) {
                continue;
            }
            n++;
            ServiceSuggestion top = rc.suggestions().get(0);
            topClear += top.clearBenefit() ? 1 : 0;
            for (ServiceSuggestion s : rc.suggestions()) {
                intervals++;
                excludeZero += s.upliftLower() > 0 || s.upliftUpper() < 0 ? 1 : 0;
            }
        }
        String report = String.format(Locale.ROOT, "pure noise: top suggestion called a clear benefit for %.1f%% of"
                + " %d jobseekers; %.1f%% of %d uplift intervals exclude 0", 100.0 * topClear / n, n,
                100.0 * excludeZero / intervals, intervals);
        System.out.println(report);
        assertTrue(topClear <= 0.12 * n, report);
        assertTrue(excludeZero <= 0.12 * intervals, report);
    }
}
