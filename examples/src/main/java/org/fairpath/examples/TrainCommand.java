package org.fairpath.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairpath train}: trains outcome models on a synthetic caseload and saves the model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train outcome models on a synthetic caseload and save a model bundle.")
final class TrainCommand extends Main.FairpathCommand {

    /** The learners offered on the command line. */
    enum Learner { logistic, trees }

    /** Inverse-propensity weighting on or off. */
    enum Switch { on, off }

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "the bundle directory to create (must not exist or be empty)")
    Path dir;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "20000",
            description = "synthetic historical cases to train on, 1000 to 1000000 (default: ${DEFAULT-VALUE})")
    long cases;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "seed of the caseload and the training (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--learner", paramLabel = "L", defaultValue = "logistic",
            description = "${COMPLETION-CANDIDATES} (XGBoost) (default: ${DEFAULT-VALUE})")
    Learner learner;

    @Option(names = "--bags", paramLabel = "B", defaultValue = "20",
            description = "bootstrap models per option for intervals, 0 to 200 (default: ${DEFAULT-VALUE})")
    long bags;

    @Option(names = "--ipw", paramLabel = "on|off", defaultValue = "off",
            description = "inverse-propensity weighting (default: ${DEFAULT-VALUE})")
    Switch ipwSwitch;

    @Override
    public Integer call() throws Exception {
        int cases = (int) inRange("--cases", this.cases, 1000, 1_000_000);
        int bags = (int) inRange("--bags", this.bags, 0, 200);
        boolean ipw = ipwSwitch == Switch.on;
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(seed));
        List<TrainingCase> history = gen.stream(cases)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        TrainingSettings s = TrainingSettings.withDefaults().withSeed(seed).withBags(bags).withInversePropensity(ipw)
                .withLearner(learner == Learner.trees ? TrainingSettings.Learner.BOOSTED_TREES
                        : TrainingSettings.Learner.LOGISTIC_REGRESSION);
        long start = System.nanoTime();
        OutcomeModels models = OutcomeModels.train(gen.catalogue(), history, s);
        models.save(dir);
        out.printf(Locale.ROOT, "Trained on %,d cases in %.1f s (%s).%n", cases, (System.nanoTime() - start) / 1e9,
                s.describe());
        out.println("Model version " + models.version());
        out.println("Saved the bundle to " + dir.toAbsolutePath());
        return 0;
    }
}
