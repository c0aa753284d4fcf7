package org.fairpath.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairpath.core.Sha256;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.ServiceSuggestion;
import org.fairpath.core.review.CounsellorDecision;
import org.fairpath.core.review.DecisionTable;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.review.Review;
import org.fairpath.core.review.ReviewDesk;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.SyntheticCase;
import org.fairpath.fairness.audit.DecisionLogAudit;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.report.HtmlReport;
import org.fairpath.fairness.stats.Metric;
import org.fairpath.fairness.audit.OverrideAudit;
import org.fairpath.fairness.audit.Windows;

/**
 * The demo's second half: simulated counsellors review the held-out jobseekers' recommendations (accepting most,
 * overriding some, and — the bias the audit should find — steering older jobseekers to self-service), every decision
 * goes into a decision log, and the log is audited into report.html and report.json.
 */
final class DemoReviews {

    private DemoReviews() {
    }

    static void run(CaseloadGenerator gen, Recommender recommender, List<SyntheticCase> heldOut, Path outDir,
                    boolean overwrite, org.fairpath.core.review.CounsellorIds ids, PrintStream out, PrintStream err)
            throws IOException {
        Files.createDirectories(outDir);
        Path logFile = outDir.resolve("decisions.jsonl");
        if (overwrite && Files.exists(logFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // open it first: if another process is writing it, this refuses before anything is deleted
            DecisionLog.open(logFile, DecisionLog.Durability.FSYNC_EACH).close();
            Files.delete(logFile);
        } else if (Files.exists(logFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(logFile + " already exists; pass --overwrite to replace it");
        }
        SplittableRandom random = new SplittableRandom(gen.settings().seed());
        int reviewed = 0;
        DemoNotice sample = null;
        try (DecisionLog log = DecisionLog.open(logFile, DecisionLog.Durability.GROUP_COMMIT)) {
            ReviewDesk desk = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false, ids);
            for (SyntheticCase c : heldOut) {
                Review review = desk.open(c.profile(), "counsellor-" + (1 + random.nextInt(12)));
                Recommendation r = review.recommendation().orElseThrow();
                if (reviewed == 0 && !r.suggestions().isEmpty()) { // one decision with its notice (issue 17)
                    sample = DemoNotice.decide(desk, review, recommender.models(), simulate(r, c, random));
                } else {
                    desk.decide(review, simulate(r, c, random));
                }
                reviewed++;
                if (heldOut.size() >= 1000 && reviewed % (heldOut.size() / 4) == 0) {
                    err.printf(Locale.ROOT, "reviewing: %d%%%n", 100 * reviewed / heldOut.size());
                }
            }
        }
        out.printf(Locale.ROOT, "Simulated counsellors reviewed %,d recommendations; every decision is in %s%n",
                reviewed, logFile);
        out.println("  counsellor ids: " + (ids.isKeyed() ? "in the log as keyed hashes (HMAC-SHA-256), never in clear"
                : "in the log in clear (no counsellor key)"));
        out.println("  log check: " + (DecisionLog.verify(logFile).intact() ? "intact, hash chain verified"
                : "NOT INTACT"));
        if (sample != null) {
            sample.write(logFile, recommender.models(), outDir, out);
        }

        DecisionTable table = DecisionTable.read(logFile);
        String[] age = Bands.of(table.column("audit.age"), 30, 50);
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put("gender", table.column("audit.gender"));
        groups.put("age", age);
        groups.put("citizenship", table.column("audit.citizenship_group"));
        AuditSettings settings = AuditSettings.withDefaults();
        DecisionLogAudit logAudit = DecisionLogAudit.of(table, groups, 2, settings, AuditPolicy.withDefaults());
        AuditData referrals = logAudit.referrals();
        Audit audit = logAudit.audit();
        OverrideAudit overrides = logAudit.overrides();
        String[] months = new String[table.rows()];
        for (int i = 0; i < months.length; i++) {
            months[i] = String.format(Locale.ROOT, "2026-%02d", 1 + i * 12 / months.length); // synthetic months
        }
        HtmlReport.Context ctx = new HtmlReport.Context("fairpath demo: audit of simulated counsellor decisions",
                logFile.toString(), Sha256.hex(logFile), Instant.now(),
                List.of(new HtmlReport.Shares("Services received by age band", logAudit.allocation("age")),
                        new HtmlReport.Shares("Counsellor decisions by age band", overrides.directions("age")),
                        new HtmlReport.Shares("Counsellor decisions by gender", overrides.directions("gender"))),
                Metric.SELECTION_RATE, Map.of("age", Windows.trend(referrals, months, Metric.SELECTION_RATE,
                        List.of("age"), settings)));
        Path html = outDir.resolve("report.html");
        Path json = outDir.resolve("report.json");
        Files.writeString(html, HtmlReport.render(audit, ctx));
        Files.writeString(json, AuditReport.toJson(audit, logFile.toString(), Sha256.hex(logFile),
                Instant.now()));
        out.printf(Locale.ROOT, "Override rate by age band: %s%n", rates(overrides, "age"));
        long warn = audit.findings().stream().filter(f -> f.level() == Finding.Level.WARN).count();
        for (Finding f : audit.findings()) {
            if (f.level() == Finding.Level.FAIL) {
                out.println("  " + f.level() + "  " + Display.safe(f.sentence()));
            }
        }
        out.printf(Locale.ROOT, "  and %d WARN findings (the data cannot tell), all in the report%n", warn);
        out.println("Wrote " + html.toAbsolutePath());
        out.println("Wrote " + json.toAbsolutePath());
    }

    /**
     * Counsellors accept most top suggestions; some override for the jobseeker's preference; for jobseekers aged 50
     * or more they often override towards digital self-service — a bias the audit is meant to surface.
     */
    private static CounsellorDecision simulate(Recommendation r, SyntheticCase c, SplittableRandom random) {
        List<ServiceSuggestion> s = r.suggestions();
        double age = (Double) c.profile().value("age");
        double u = random.nextDouble();
        if (s.isEmpty() || u < 0.08) {
            return new CounsellorDecision.Rejected("NOT_NOW", null);
        }
        String top = s.get(0).serviceId();
        boolean selfServicePossible = s.stream().anyMatch(x -> x.serviceId().equals("digital_self_service"));
        if (age >= 50 && selfServicePossible && !top.equals("digital_self_service") && u < 0.45) {
            return new CounsellorDecision.Overridden("digital_self_service", "PROFESSIONAL_JUDGEMENT",
                    "prefers to start with online tools");
        }
        if (s.size() > 1 && u > 0.85) {
            return new CounsellorDecision.Overridden(s.get(1 + random.nextInt(s.size() - 1)).serviceId(),
                    "JOBSEEKER_PREFERENCE", null);
        }
        return new CounsellorDecision.Accepted(top);
    }

    private static String rates(OverrideAudit a, String attribute) {
        StringBuilder sb = new StringBuilder();
        a.overrideRate(attribute).byGroup().forEach(g -> sb.append(String.join("", g.group())).append(' ')
                .append(g.suppressed() ? "suppressed" : String.format(Locale.ROOT, "%.1f%%",
                        100 * g.estimate().value())).append("  "));
        return sb.toString().trim();
    }
}
