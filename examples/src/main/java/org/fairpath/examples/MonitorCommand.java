package org.fairpath.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.model.Datasheet;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.review.ReviewDesk;
import org.fairpath.fairness.input.Outcomes;
import org.fairpath.fairness.monitor.DriftMonitor;
import org.fairpath.fairness.monitor.LogInputs;
import org.fairpath.fairness.monitor.MonitorPolicy;
import org.fairpath.fairness.monitor.MonitorReport;
import org.fairpath.fairness.monitor.OutcomeMonitor;
import org.fairpath.fairness.monitor.OutcomeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fairpath monitor}: input drift in a decision log against the training datasheet of a model bundle, per time
 * window, and with {@code --outcomes} calibration and the audit's disparities per window, with thresholds from a
 * policy file; exit status 3 on an alert, and optionally the model switched off.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Monitor a decision log for input drift against a bundle's training data and, given outcomes,"
                + " for calibration and disparities; exit 3 on an alert.")
final class MonitorCommand extends Main.FairpathCommand {

    /** Who switches a model off when the policy asks for it. */
    static final String ACTOR = "fairpath-monitor";

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "the model bundle in use")
    Path bundle;

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "the decision log (JSON Lines)")
    Path log;

    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "thresholds: {\"schemaVersion\": 1, \"window\": \"P7D\", \"alpha\": 0.05, \"psi\": 0.1,"
                    + " \"minCases\": 100, \"attributes\": [...], \"suspend\": false}")
    Path policyFile;

    @Option(names = "--outcomes", paramLabel = "FILE",
            description = "observed outcomes, CSV with the columns jobseeker (as in the log), outcome (1 employed,"
                    + " 0 not) and observed (YYYY-MM-DD): adds calibration and disparities per window")
    Path outcomesFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the report, .html or .json")
    Path outFile;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "also write counts in Prometheus' text format (suggestions, decisions, alerts), .prom or"
                    + " .txt")
    Path metrics;

    @Option(names = "--overwrite", description = "replace an existing --out or --metrics file (never an input)")
    boolean overwrite;

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        String name = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".json")) {
            throw new Main.UsageException("--out " + outFile + " must end in .html or .json");
        }
        if (metrics != null) {
            String m = metrics.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!m.endsWith(".prom") && !m.endsWith(".txt")) {
                throw new Main.UsageException("--metrics " + metrics + " must end in .prom or .txt (Prometheus"
                        + " text format)");
            }
        }
        for (Path p : new Path[] {log, policyFile, outcomesFile}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new Main.UsageException((p == log ? "--log " : p == policyFile ? "--policy " : "--outcomes ")
                        + p + " does not exist or is not a file");
            }
        }
        OutputPaths.refuseClashes(OutputPaths.named("--log", log, "--policy", policyFile, "--bundle", bundle,
                "--outcomes", outcomesFile), OutputPaths.named("--out", outFile, "--metrics", metrics));
        OutputPaths.refuseExisting("--out", outFile, overwrite);
        if (metrics != null) {
            OutputPaths.refuseExisting("--metrics", metrics, overwrite);
        }
        MonitorPolicy policy;
        try {
            policy = MonitorPolicy.read(policyFile);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--policy " + policyFile + ": " + e.getMessage());
        }
        OutcomeModels models = trust.load(bundle);
        Datasheet sheet = models.datasheet().orElseThrow(() -> new IllegalArgumentException("the bundle has no"
                + " training datasheet (its models were not trained by fairpath), so there is nothing to compare"
                + " the inputs with"));
        // suspension needs the log's one writer: take it before anything is written, so a log held by a review
        // desk fails here with one line and no half-done run
        try (DecisionLog writer = policy.suspend() ? openWriter() : null) {
            LogInputs inputs = LogInputs.read(log, models.version());
            MonitorReport report;
            try {
                report = DriftMonitor.run(sheet, inputs.inputs(), policy);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("--policy " + policyFile + ": " + e.getMessage());
            }
            OutcomeReport outcomes = null;
            if (outcomesFile != null) {
                outcomes = OutcomeMonitor.run(OutcomeMonitor.join(log, models.version(),
                        Outcomes.read(outcomesFile)), policy);
            }
            String text = name.endsWith(".json") ? report.toJson(models.version(), log.toString(), outcomes)
                    : report.toHtml(models.version(), log.toString(), outcomes);
            OutputPaths.writeString(outFile, overwrite, text);
            if (metrics != null) {
                OutputPaths.writeString(metrics, overwrite, inputs.prometheus(models.version(), report, outcomes));
            }
            long tested = report.windows().stream().filter(MonitorReport.Window::tested).count();
            out.printf(Locale.ROOT, "Monitored %,d decisions in %d windows (%d tested) against model %s: %d"
                    + " window(s) with an alert. Wrote %s%n", inputs.inputs().size(), report.windows().size(),
                    tested, models.version().substring(0, 12), report.alerts().size(), Main.safe(outFile));
            if (outcomes != null) {
                long checked = outcomes.windows().stream().filter(OutcomeReport.Window::tested).count();
                out.printf(Locale.ROOT, "Outcomes: %,d read, %,d joined to this model's decisions in %d windows (%d"
                        + " tested): %d window(s) with an alert.%s%n", outcomes.outcomes(), outcomes.joined(),
                        outcomes.windows().size(), checked, outcomes.alerts().size(), outcomes.excluded().isEmpty()
                                ? "" : " Not checked: " + outcomes.excluded() + ".");
                out.printf(Locale.ROOT, "Outcomes: selection rates use all %,d decisions of these windows, outcome"
                        + " known or not; calibration and outcome gaps the %,d with an outcome.%n",
                        outcomes.windows().stream().mapToInt(OutcomeReport.Window::decisions).sum(),
                        outcomes.joined());
                List<String> small = outcomes.windows().stream().filter(w -> w.suppressed() > 0)
                        .map(w -> w.start().toString().substring(0, 10) + ": " + w.suppressed()).toList();
                out.printf(Locale.ROOT, "Suppressed: %d group check(s) with fewer than %d cases%s%n",
                        outcomes.suppressed(), policy.outcomes().minGroupSize(), small.isEmpty() ? "."
                                : ", by window: " + String.join(", ", small) + ".");
            }
            if (!inputs.otherVersions().isEmpty()) {
                out.println("Not monitored (not taken with model " + models.version().substring(0, 12) + "): "
                        + inputs.otherVersions().values().stream().mapToLong(Long::longValue).sum()
                        + " decision(s), by model version: " + inputs.otherVersions());
            }
            boolean outcomeAlert = outcomes != null && outcomes.alert();
            if (!report.alert() && !outcomeAlert) {
                return 0;
            }
            String reason = report.alert() ? report.reason() : outcomes.reason();
            if (report.alert()) {
                out.println("ALERT: " + report.reason());
            }
            if (outcomeAlert) {
                out.println("ALERT: " + outcomes.reason());
            }
            if (writer != null) {
                ReviewDesk desk = ReviewDesk.create(Recommender.of(models), writer, ReasonCodes.defaults(), false);
                if (desk.isDisabled(models.version())) {
                    out.println("Model " + models.version().substring(0, 12) + " is already switched off;"
                            + " nothing logged.");
                } else {
                    desk.disableModel(models.version(), "monitor: " + reason, ACTOR);
                    out.println("Switched model " + models.version().substring(0, 12) + " off (MODEL_DISABLED"
                            + " logged); reviews fall back to the manual workflow.");
                }
            }
            return Main.FINDINGS;
        }
    }

    private DecisionLog openWriter() throws java.io.IOException {
        try {
            return DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("--log " + log + " cannot be written, and the policy asks to suspend"
                    + " the model: " + e.getMessage() + ". Run the monitor from the process that writes the log,"
                    + " or set \"suspend\": false and let the writer act on exit status 3");
        }
    }
}
