package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fairpath.core.model.Recommender;
import org.junit.jupiter.api.Test;

/** Every benchmarked method computes the library's answer for the same profile. */
final class ScoringBenchmarkTest {

    @Test
    void eachVariant_bothLearners_computesTheLibrarysAnswer() {
        for (String learner : new String[] {"LOGISTIC_REGRESSION", "BOOSTED_TREES"}) {
            ScoringBenchmark b = new ScoringBenchmark();
            b.learner = learner;
            b.bags = 2;
            b.pool = 8;
            b.setUp();
            Recommender reference = Recommender.of(b.models);
            for (int k = 1; k <= 16; k++) {
                int i = k & 7;
                double expected = b.models.scorer("vocational_training").probability(b.encoder.encode(b.profiles[i]));
                b.next = (k - 1) & 7;
                assertEquals(expected, b.compiledScore(), 0.0, learner);
                b.next = (k - 1) & 7;
                assertEquals(expected, b.tribuoPredict(), 1e-9, learner);
                b.next = (k - 1) & 7;
                assertEquals(reference.recommend(b.profiles[i]), b.recommend(), learner);
                if (learner.equals("BOOSTED_TREES")) {
                    // compiled tree blocks are bit-identical to scoring each model by itself
                    b.next = (k - 1) & 7;
                    assertEquals(reference.recommend(b.profiles[i]), b.recommendReference(), learner);
                }
            }
        }
    }
}
