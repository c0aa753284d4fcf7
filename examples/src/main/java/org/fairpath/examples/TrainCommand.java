package org.fairpath.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;

/** {@code fairpath train}: trains outcome models on a synthetic caseload and saves the model bundle. */
final class TrainCommand implements Main.Command {

    @Override
    public String summary() {
        return "train outcome models on a synthetic caseload and save a model bundle";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, Set.of("out", "cases", "seed", "learner", "bags", "ipw"));
        if (o.help()) {
            out.println("usage: fairpath train --out DIR [--cases N] [--seed S] [--learner logistic|trees] [--bags B]"
                    + " [--ipw on|off]");
            out.println("  --out DIR       the bundle directory to create (must not exist or be empty)");
            out.println("  --cases N       synthetic historical cases to train on, 1000 to 1000000 (default 20000)");
            out.println("  --seed S        seed of the caseload and the training (default 42)");
            out.println("  --learner L     logistic (default) or trees (XGBoost)");
            out.println("  --bags B        bootstrap models per option for intervals, 0 to 200 (default 20)");
            out.println("  --ipw on|off    inverse-propensity weighting (default off)");
            return 0;
        }
        Path dir = Path.of(o.required("out"));
        int cases = (int) o.longValue("cases", 20_000, 1000, 1_000_000);
        long seed = o.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        String learner = o.choice("learner", "logistic", List.of("logistic", "trees"));
        int bags = (int) o.longValue("bags", 20, 0, 200);
        boolean ipw = o.choice("ipw", "off", List.of("on", "off")).equals("on");
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(seed));
        List<TrainingCase> history = gen.stream(cases)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        TrainingSettings s = TrainingSettings.withDefaults().withSeed(seed).withBags(bags).withInversePropensity(ipw)
                .withLearner(learner.equals("trees") ? TrainingSettings.Learner.BOOSTED_TREES
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
