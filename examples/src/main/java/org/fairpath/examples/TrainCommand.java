package org.fairpath.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.EffectEstimates;
import org.fairpath.core.model.EstimationSettings;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingData;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath train}: trains outcome models on a PES's own history ({@code --input} CSV with its schema and
 * catalogue) or on a synthetic caseload, saves the model bundle, and prints the held-out metrics, the overlap
 * diagnostics and the effect estimates with their standard errors.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train outcome models on your own history (--input with --schema, --catalogue,"
                + " --service-column, --outcome-column) or on a synthetic caseload, and save a model bundle.")
final class TrainCommand extends Main.FairpathCommand {

    /** The learners offered on the command line. */
    enum Learner { logistic, trees }

    /** Inverse-propensity weighting on or off. */
    enum Switch { on, off }

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "the bundle directory to create (must not exist or be empty)")
    Path dir;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "20000",
            description = "synthetic historical cases to train on, 3000 to 1000000 (default: ${DEFAULT-VALUE});"
                    + " below 3000 the rarest service (language_course, about 1 case in 40) often has fewer than the"
                    + " 30 cases a model needs")
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

    @Option(names = "--deployer", paramLabel = "TEXT", defaultValue = "not stated",
            description = "model card: the organisation deploying the models (default: ${DEFAULT-VALUE})")
    String deployer;

    @Option(names = "--legal-basis", paramLabel = "TEXT", defaultValue = "not stated",
            description = "model card: the legal basis of the processing (default: ${DEFAULT-VALUE})")
    String legalBasis;

    @Option(names = "--contact", paramLabel = "TEXT", defaultValue = "not stated",
            description = "model card: whom to contact about the system (default: ${DEFAULT-VALUE})")
    String contact;

    @Option(names = "--input", paramLabel = "CSV",
            description = "your own historical cases (CSV: a header row, a column per schema attribute, a case id,"
                    + " the service received and the outcome)")
    Path input;

    @Option(names = "--schema", paramLabel = "JSON", description = "the attribute schema of --input")
    Path schemaFile;

    @Option(names = "--catalogue", paramLabel = "JSON", description = "the service catalogue of --input")
    Path catalogueFile;

    @Option(names = "--service-column", paramLabel = "COL",
            description = "the column of --input holding the service received (no_programme or a catalogue id)")
    String serviceColumn;

    @Option(names = "--outcome-column", paramLabel = "COL",
            description = "the column of --input holding the outcome (true/false, 1/0 or yes/no)")
    String outcomeColumn;

    @Option(names = "--id-column", paramLabel = "COL", defaultValue = "id",
            description = "the case-id column of --input; ids must be unique (default: ${DEFAULT-VALUE})")
    String idColumn;

    @Option(names = "--ignore-column", paramLabel = "COL",
            description = "a column of --input to read past on purpose (repeatable); any other unknown column is"
                    + " an error, and so is ignoring a schema attribute (remove it from the schema instead), the id,"
                    + " service or outcome column, or a column the file does not have")
    List<String> ignored = new java.util.ArrayList<>();

    @Option(names = "--effects", paramLabel = "on|off",
            description = "estimate each service's effect (plug-in, IPW, cross-fitted AIPW) with overlap"
                    + " diagnostics (default: on with --input, off for the synthetic caseload)")
    Switch effects;

    @Option(names = "--trim", paramLabel = "T", defaultValue = "0",
            description = "drop cases with a propensity below T from the effect estimates, 0 (off) to 0.2"
                    + " (default: ${DEFAULT-VALUE})")
    double trim;

    @Override
    public Integer call() throws Exception {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new Main.UsageException("--out " + dir + " is a file; allowed: a directory for the bundle that does"
                    + " not exist yet or is empty");
        }
        // every location check before any training, not after it (save checks again)
        for (Path up = dir.toAbsolutePath().normalize().getParent(); up != null; up = up.getParent()) {
            if (java.nio.file.Files.exists(up) && !java.nio.file.Files.isDirectory(up)) {
                throw new Main.UsageException("--out " + dir + " cannot be created: " + up + " is a file; allowed: a"
                        + " directory for the bundle that does not exist yet or is empty");
            }
            if (java.nio.file.Files.isRegularFile(up.resolve("manifest.json")) // a fairpath bundle, not any manifest
                    && java.nio.file.Files.isRegularFile(up.resolve("training.json"))) {
                throw new Main.UsageException("--out " + dir + " is inside the bundle " + up + " (it would no longer"
                        + " load); allowed: a directory outside any bundle");
            }
        }
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var entries = java.nio.file.Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new Main.UsageException("--out " + dir + " is not empty; allowed: a directory for the bundle"
                            + " that does not exist yet or is empty");
                }
            }
        }
        org.fairpath.core.model.CardDetails card;
        try {
            card = org.fairpath.core.model.CardDetails.notStated().withDeployer(deployer).withLegalBasis(legalBasis)
                    .withContact(contact).withData(input != null ? "historical cases from " + input.getFileName()
                            + (java.nio.file.Files.isRegularFile(input) ? " (SHA-256 "
                            + org.fairpath.core.Sha256.hex(input) + ")" : "")
                            : "synthetic caseload (fairpath CaseloadGenerator, seed " + seed + ")",
                            input != null ? "not stated" : "not applicable (synthetic)");
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("model card: " + e.getMessage());
        }
        int bags = (int) inRange("--bags", this.bags, 0, 200);
        if (!(trim >= 0 && trim <= 0.2)) {
            throw badOption("--trim", trim, "a number from 0 (off) to 0.2");
        }
        boolean ipw = ipwSwitch == Switch.on;
        ServiceCatalogue catalogue;
        List<TrainingCase> history;
        long start = System.nanoTime();
        // every progress line ends with the time since the start, so a long step shows as a gap between two lines
        java.util.function.Consumer<String> progress = m -> err.printf(Locale.ROOT, "progress: %s (%.1f s)%n", m,
                (System.nanoTime() - start) / 1e9);
        if (input != null) {
            List<String> missing = new java.util.ArrayList<>();
            if (schemaFile == null) {
                missing.add("--schema");
            }
            if (catalogueFile == null) {
                missing.add("--catalogue");
            }
            if (serviceColumn == null) {
                missing.add("--service-column");
            }
            if (outcomeColumn == null) {
                missing.add("--outcome-column");
            }
            if (!missing.isEmpty()) {
                throw new Main.UsageException("--input needs " + String.join(", ", missing));
            }
            Schema schema = Schema.load(schemaFile);
            catalogue = ServiceCatalogue.load(catalogueFile, schema);
            history = TrainingData.fromCsv(input, catalogue, TrainingData.Columns.of(idColumn, serviceColumn,
                    outcomeColumn).ignoring(ignored.toArray(new String[0])), progress);
        } else {
            int cases = (int) inRange("--cases", this.cases, 3000, 1_000_000);
            CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(seed));
            catalogue = gen.catalogue();
            progress.accept(String.format(Locale.ROOT, "generating %,d synthetic cases", cases));
            history = gen.stream(cases).map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome()))
                    .toList();
        }
        TrainingSettings s = TrainingSettings.withDefaults().withSeed(seed).withBags(bags).withInversePropensity(ipw)
                .withLearner(learner == Learner.trees ? TrainingSettings.Learner.BOOSTED_TREES
                        : TrainingSettings.Learner.LOGISTIC_REGRESSION);
        int models = (catalogue.ids().size() + 2) * (bags + 1);
        progress.accept(String.format(Locale.ROOT, "training %d models (%d options and profiling, %d %s each) on %,d"
                + " cases", models, catalogue.ids().size() + 1, bags, bags == 1 ? "bag" : "bags", history.size()));
        long trainStart = System.nanoTime();
        OutcomeModels trained = OutcomeModels.train(catalogue, history, s, progress);
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        progress.accept("saving the bundle");
        trained.save(dir, card);
        out.printf(Locale.ROOT, "Trained on %,d cases in %.1f s (%s).%n", history.size(), trainSeconds,
                s.describe());
        out.println("Model version " + trained.version());
        out.println("Saved the bundle to " + Main.safe(dir.toAbsolutePath()));
        trained.summary().overlapWarnings().forEach(w -> out.println("WARNING " + w));
        printHeldOut(trained);
        if (effects == Switch.on || (effects == null && input != null)) {
            EstimationSettings es = EstimationSettings.withDefaults().withSeed(seed).withTrim(trim);
            progress.accept(String.format(Locale.ROOT, "estimating effects (%d folds x %d repetitions, up to %d)",
                    es.folds(), es.repetitions(), es.maxRepetitions()));
            long effectStart = System.nanoTime();
            EffectEstimates e = EffectEstimates.estimate(catalogue, history, s, es, progress);
            out.print(e.describe());
            out.printf(Locale.ROOT, "Effects estimated in %.1f s.%n", (System.nanoTime() - effectStart) / 1e9);
        }
        progress.accept("done");
        return 0;
    }

    private void printHeldOut(OutcomeModels m) {
        var held = m.summary().heldOut();
        if (held.isEmpty()) {
            out.println("No held-out metrics: they need at least 2 bags (--bags). In-sample AUC is not shown: it is"
                    + " optimistic.");
            return;
        }
        double c = 100 * m.settings().confidence();
        out.printf(Locale.ROOT, "Held-out (out-of-bag) metrics, %.0f%% intervals:%n", c);
        for (var h : held) {
            if (!h.group().equals("all") && h.cases() == 0) {
                continue;
            }
            if (Double.isNaN(h.brier())) { // a group under the minimum: the count only, never a NaN figure
                out.printf(Locale.ROOT, "  %-24s %-28s n=%-6d %s%n", h.option(), h.group(), h.cases(), h.aucNote());
                continue;
            }
            out.printf(Locale.ROOT, "  %-24s %-28s n=%-6d AUC %s  Brier %.3f (%.3f-%.3f)  observed-predicted %+.1f pp"
                            + " (%+.1f to %+.1f)%n", h.option(), h.group(), h.cases(),
                    Double.isNaN(h.auc()) ? "n/a (" + h.aucNote() + ")" : String.format(Locale.ROOT,
                            "%.3f (%.3f-%.3f)", h.auc(), h.aucLower(), h.aucUpper()), h.brier(), h.brierLower(),
                    h.brierUpper(), 100 * (h.observedRate() - h.meanPredicted()), 100 * h.calibrationLower(),
                    100 * h.calibrationUpper());
        }
    }
}
