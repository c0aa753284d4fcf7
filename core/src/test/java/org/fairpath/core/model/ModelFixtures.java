package org.fairpath.core.model;

import java.util.List;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;

/** Small trained models shared by the model tests (trained once per JVM). */
final class ModelFixtures {

    static final CaseloadGenerator GENERATOR = CaseloadGenerator.create(CaseloadSettings.withDefaults());

    private static OutcomeModels logistic;
    private static OutcomeModels trees;

    private ModelFixtures() {
    }

    static List<TrainingCase> cases(CaseloadGenerator gen, long from, int count) {
        return gen.stream(from + count).skip(from).map(ModelFixtures::toTraining).toList();
    }

    static TrainingCase toTraining(SyntheticCase c) {
        return new TrainingCase(c.profile(), c.assignedService(), c.outcome());
    }

    /** Logistic regression with 10 bags on 8,000 synthetic cases. */
    static synchronized OutcomeModels logistic() {
        if (logistic == null) {
            logistic = OutcomeModels.train(GENERATOR.catalogue(), cases(GENERATOR, 0, 8000),
                    TrainingSettings.withDefaults().withBags(10));
        }
        return logistic;
    }

    /** Boosted trees (30 rounds, depth 4) with 4 bags on 8,000 synthetic cases. */
    static synchronized OutcomeModels trees() {
        if (trees == null) {
            trees = OutcomeModels.train(GENERATOR.catalogue(), cases(GENERATOR, 0, 8000),
                    TrainingSettings.withDefaults().withLearner(TrainingSettings.Learner.BOOSTED_TREES).withBags(4)
                            .withTrees(30, 4, 0.2));
        }
        return trees;
    }
}
