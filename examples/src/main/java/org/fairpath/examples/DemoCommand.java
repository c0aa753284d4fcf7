package org.fairpath.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import org.fairpath.core.Fairpath;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.fairpath.explain.Explainer;
import org.fairpath.explain.Narrative;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath demo}: generates a seeded synthetic caseload, validates every profile against the default schema,
 * prints what the history holds (who received which service, the true effects, the counsellor biases), trains outcome
 * models, measures their suggestions against the ground truth, and shows suggestions for three jobseekers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a synthetic caseload, train outcome models, show explained suggestions, review them"
                + " into a decision log and audit it.")
final class DemoCommand extends Main.FairpathCommand {

    /** Outcome models are trained and evaluated on at most this many of the generated cases. */
    static final long MAX_TRAINING_CASES = 20_000;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "20000",
            description = "number of synthetic cases, 2500 to 10000000 (fewer cannot train the outcome models the"
                    + " decision log needs; default: ${DEFAULT-VALUE})")
    long casesOption;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "seed of the generator; the same seed gives the same caseload (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fairpath-demo",
            description = "where decisions.jsonl, report.html and report.json go (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--counsellor-key", paramLabel = "FILE",
            description = "secret key (at least 32 random bytes, e.g. head -c 32 /dev/urandom > FILE) under which"
                    + " counsellor ids are written to the log as HMAC-SHA-256; without it, a random key for this run"
                    + " only (kept nowhere)")
    Path counsellorKey;

    @Option(names = "--overwrite", description = "replace an existing DIR/decisions.jsonl (without it the demo refuses"
            + " to touch an existing decision log; re-run the demo with --overwrite or another --out)")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        long cases = inRange("--cases", casesOption, 2500, 10_000_000);
        if (!overwrite && Files.exists(outDir.resolve("decisions.jsonl"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new Main.UsageException(outDir.resolve("decisions.jsonl") + " already exists; the demo never"
                    + " replaces a decision log unless asked: pass --overwrite, or choose another --out DIR");
        }
        org.fairpath.core.review.CounsellorIds ids = counsellorIds();
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(seed));

        long start = System.nanoTime();
        Progress progress = new Progress(err, cases);
        CaseloadSummary s = gen.stream(cases).parallel()
                .peek(c -> progress.tick())
                .collect(() -> new CaseloadSummary(gen.arms().size()), CaseloadSummary::add, CaseloadSummary::merge);
        double seconds = (System.nanoTime() - start) / 1e9;

        out.printf(Locale.ROOT, "fairpath %s - synthetic caseload demo%n%n", Fairpath.VERSION);
        out.printf(Locale.ROOT, "Generated %,d cases (seed %d) in %.1f s; every profile passed validation against"
                + " schema '%s' (%s).%n", s.n, seed, seconds, gen.schema().name(),
                gen.schema().fingerprint().substring(0, 12));
        out.printf(Locale.ROOT, "Employed within 12 months (observed): %.1f%%%n%n", 100.0 * s.employed / s.n);

        out.printf(Locale.ROOT, "%-24s %9s %9s %10s %13s%n", "option", "eligible", "received", "employed",
                "true uplift");
        for (int a = 0; a < gen.arms().size(); a++) {
            out.printf(Locale.ROOT, "%-24s %8.1f%% %8.1f%% %9.1f%% %13s%n", gen.arms().get(a),
                    100.0 * s.eligible[a] / s.n, 100.0 * s.received[a] / s.n,
                    s.received[a] == 0 ? Double.NaN : 100.0 * s.employedReceived[a] / s.received[a],
                    a == 0 ? "-" : String.format(Locale.ROOT, "%+.1f pp", 100.0 * s.upliftSum[a] / s.n));
        }
        out.println("  (employed: share of those who received the option; true uplift: mean over everyone of");
        out.println("   P(employed | option) - P(employed | no programme), known only because the data are synthetic)");
        out.println();
        out.println("Counsellor bias built into the history, as measured in it (share of eligible who received it):");
        out.printf(Locale.ROOT, "  vocational training:   women with care duties %.1f%%, everyone else %.1f%%%n",
                pct(s.trainingCare), pct(s.trainingOther));
        out.printf(Locale.ROOT, "  digital self-service:  aged 50+ %.1f%%, under 50 %.1f%%  (true uplift for 50+: %+.1f pp)%n",
                pct(s.selfServiceOlder), pct(s.selfServiceYounger),
                100.0 * s.olderSelfServiceUplift / Math.max(1, s.olderCount));
        out.printf(Locale.ROOT, "  language course:       non-EU citizens %.1f%%, others %.1f%%%n",
                pct(s.languageNonEu), pct(s.languageOther));
        out.println();
        out.printf(Locale.ROOT, "Mean true employment probability under a policy (higher is better):%n");
        out.printf(Locale.ROOT, "  no programme for anyone %.1f%%, historical assignment %.1f%%, best eligible option"
                + " for each (oracle) %.1f%%%n", 100 * s.noProgramme / s.n, 100 * s.historical / s.n,
                100 * s.oracle / s.n);
        out.println();
        suggest(gen, Math.min(cases, MAX_TRAINING_CASES), outDir, overwrite, ids, out, err);
        return 0;
    }

    /**
     * Trains outcome models on the first 80% of (at most) the first 20,000 cases, measures the policy value of the
     * suggestions on the other 20% against the ground truth, and shows suggestions for three held-out jobseekers.
     */
    private static void suggest(CaseloadGenerator gen, long cases, Path outDir, boolean overwrite,
                                org.fairpath.core.review.CounsellorIds ids, PrintStream out, PrintStream err)
            throws IOException {
        int train = (int) (cases * 4 / 5);
        int test = (int) cases - train;
        if (train < 2000 || test < 3) {
            out.println("(Too few cases to train outcome models; use --cases 2500 or more to see suggestions.)");
            return;
        }
        err.println("training: logistic regression, 20 bootstrap bags, " + train + " cases");
        long start = System.nanoTime();
        List<TrainingCase> history = gen.stream(train)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        OutcomeModels models = OutcomeModels.train(gen.catalogue(), history, TrainingSettings.withDefaults());
        Recommender recommender = Recommender.of(models);
        out.printf(Locale.ROOT, "Trained outcome models on %,d cases in %.1f s: %s; model version %s.%n", train,
                (System.nanoTime() - start) / 1e9, models.settings().learner().name().toLowerCase(Locale.ROOT),
                models.version().substring(0, 12));

        double suggested = 0;
        double historical = 0;
        List<SyntheticCase> heldOut = gen.stream(cases).skip(train).toList();
        for (SyntheticCase c : heldOut) {
            Recommendation r = recommender.recommend(c.profile());
            boolean helps = !r.suggestions().isEmpty() && r.suggestions().get(0).uplift() > 0;
            suggested += c.trueProbability(helps ? gen.arm(r.suggestions().get(0).serviceId()) : 0);
            historical += c.trueProbability(c.assignedArm());
        }
        out.printf(Locale.ROOT, "On %,d held-out jobseekers, following the top suggestion would give a true employment"
                + " probability of %.1f%% on average, against %.1f%% under the historical assignment.%n%n",
                heldOut.size(), 100 * suggested / heldOut.size(), 100 * historical / heldOut.size());
        Explainer explainer = Explainer.of(models);
        Narrative narrative = Narrative.of(models.catalogue(), Locale.ENGLISH);
        for (SyntheticCase c : heldOut.subList(0, 3)) {
            out.println(c.profile().id() + " " + c.profile().values());
            Recommendation r = recommender.recommend(c.profile());
            out.print(r.describe());
            if (!r.suggestions().isEmpty()) {
                String top = r.suggestions().get(0).serviceId();
                out.println("  why " + top + " (explanation: " + explainer.explain(c.profile(), top)
                        .map(e -> e.method()).orElse("none") + "):");
                explainer.uplift(c.profile(), top).ifPresent(u -> narrative.upliftReasons(u, c.profile(), 3)
                        .forEach(s -> out.println("    - " + s)));
                out.println("    " + narrative.uncertainty(r.suggestions().get(0)));
            }
            out.println();
        }
        out.println("These are suggestions for a counsellor, who accepts, overrides or rejects each one.");
        out.println();
        DemoReviews.run(gen, recommender, heldOut, outDir, overwrite, ids, out, err);
        DemoAllocation.run(gen, recommender, heldOut, outDir, out);
        saveBundle(models, outDir.resolve("model-bundle"), out, err);
    }

    /**
     * Saves the demo's models, so that {@code monitor} can compare decisions.jsonl with the model that wrote it. A
     * bundle already there of the same model version is kept; one of another version is left alone and named.
     */
    private static void saveBundle(OutcomeModels models, Path dir, PrintStream out, PrintStream err)
            throws java.io.IOException {
        if (java.nio.file.Files.exists(dir)) {
            String there;
            try {
                there = org.fairpath.core.model.ModelBundle.load(dir).version();
            } catch (IllegalArgumentException e) {
                there = "(not a loadable bundle: " + e.getMessage() + ")";
            }
            if (!there.equals(models.version())) {
                err.println("Not replacing " + dir + ": it holds model " + there + ", not this run's "
                        + models.version() + "; monitor decisions.jsonl only against this run's model");
                return;
            }
            out.println("Model bundle " + dir.toAbsolutePath() + " already holds model " + models.version()
                    .substring(0, 12));
            return;
        }
        models.save(dir);
        out.println("Wrote " + dir.toAbsolutePath() + " (the model bundle behind decisions.jsonl)");
    }

    private static double pct(long[] receivedOfEligible) {
        return receivedOfEligible[1] == 0 ? Double.NaN : 100.0 * receivedOfEligible[0] / receivedOfEligible[1];
    }

    /** Percent lines on the error stream for long runs, so the output stays clean. */
    private static final class Progress {
        private final PrintStream err;
        private final long total;
        private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();

        Progress(PrintStream err, long total) {
            this.err = err;
            this.total = total;
        }

        void tick() {
            long d = done.incrementAndGet();
            if (total >= 1_000_000 && d % (total / 10) == 0) {
                err.printf(Locale.ROOT, "generating: %d%%%n", d * 100 / total);
            }
        }
    }

    /** The counsellor-id hashing: under --counsellor-key, else under a random key for this run. */
    private org.fairpath.core.review.CounsellorIds counsellorIds() throws Exception {
        if (counsellorKey == null) {
            byte[] k = new byte[32];
            new java.security.SecureRandom().nextBytes(k);
            return org.fairpath.core.review.CounsellorIds.keyed(k);
        }
        Main.requireRegularFile("--counsellor-key", counsellorKey);
        if (Files.size(counsellorKey) > 4096) {
            throw new Main.UsageException("--counsellor-key " + counsellorKey + " has " + Files.size(counsellorKey)
                    + " bytes; allowed: 32 to 4096 bytes of key");
        }
        try {
            return org.fairpath.core.review.CounsellorIds.keyed(Files.readAllBytes(counsellorKey));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--counsellor-key " + counsellorKey + ": " + e.getMessage());
        }
    }
}
