package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.review.CounsellorDecision;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.review.Review;
import org.fairpath.core.review.ReviewDesk;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath monitor} on decision logs written by the review desk on a simulated calendar: 120 reviews a day,
 * and from day 4 on, 40% of national jobseekers replaced by non-EU citizens in the inputs.
 */
final class MonitorCommandTest {

    static final Instant DAY0 = Instant.parse("2026-03-02T08:00:00Z");
    static final int PER_DAY = 120;

    @TempDir
    static Path dir;
    private static Path bundle;
    private static OutcomeModels models;

    /** A clock the test moves. */
    static final class StepClock extends Clock {
        Instant now = DAY0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void train() throws IOException {
        bundle = dir.resolve("bundle");
        assertEquals(0, DemoCommandTest.run("train", "--out", bundle.toString(), "--cases", "3000", "--bags", "0")
                .status());
        models = ModelBundle.load(bundle);
    }

    /** Writes {@code days} days of reviews; returns decisions by kind and reason as the log should count them. */
    static Map<String, Long> writeLog(Path file, int days, int driftFrom) throws IOException {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(42));
        StepClock clock = new StepClock();
        Map<String, Long> kinds = new TreeMap<>();
        SplittableRandom r = new SplittableRandom(1);
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.GROUP_COMMIT, Duration.ZERO, clock)) {
            ReviewDesk desk = ReviewDesk.create(Recommender.of(models), log, ReasonCodes.defaults(), false);
            for (int d = 0; d < days; d++) {
                for (int i = 0; i < PER_DAY; i++) {
                    clock.now = DAY0.plus(Duration.ofDays(d)).plusSeconds(60L * i);
                    JobseekerProfile p = gen.generate(50_000L + (long) d * PER_DAY + i).profile();
                    if (d >= driftFrom && "national".equals(p.value("citizenship_group")) && r.nextDouble() < 0.4) {
                        p = p.with("citizenship_group", "non_eu");
                    }
                    Review review = desk.open(p, "c-" + (i % 7));
                    var suggestions = review.recommendation().orElseThrow().suggestions();
                    CounsellorDecision decision = i % 3 == 0 && !suggestions.isEmpty()
                            ? new CounsellorDecision.Accepted(suggestions.get(0).serviceId())
                            : new CounsellorDecision.Rejected(i % 2 == 0 ? "NOT_NOW" : "SUGGESTION_UNCERTAIN", null);
                    desk.decide(review, decision);
                    String reason = decision instanceof CounsellorDecision.Rejected rej ? rej.reasonCode() : "none";
                    kinds.merge(decision.kind() + "/" + reason, 1L, Long::sum);
                }
            }
        }
        return kinds;
    }

    @Test
    void drift_alertsInTheDayItStarts_exitsThree_writesMetrics_andSwitchesTheModelOff() throws IOException {
        Path log = dir.resolve("drift.jsonl");
        Map<String, Long> kinds = writeLog(log, 7, 4);
        Path policy = Files.writeString(dir.resolve("policy.json"),
                "{\"schemaVersion\": 1, \"window\": \"P1D\", \"minCases\": 100, \"suspend\": true}");
        Path out = dir.resolve("monitor.json");
        Path metrics = dir.resolve("metrics.prom");
        DemoCommandTest.Run run = DemoCommandTest.run("monitor", "--bundle", bundle.toString(), "--log",
                log.toString(), "--policy", policy.toString(), "--out", out.toString(), "--metrics",
                metrics.toString());
        assertEquals(3, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("ALERT: input drift in 'citizenship_group' from 2026-03-06T00:00:00Z"),
                run.out());
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertEquals(7, report.get("windows").size());
        for (int d = 0; d < 7; d++) {
            assertEquals(d >= 4, report.at("/windows/" + d + "/alert").asBoolean(), "day " + d);
        }
        // Prometheus counts against the decisions the test made
        String prom = Files.readString(metrics);
        for (Map.Entry<String, Long> e : kinds.entrySet()) {
            String[] kr = e.getKey().split("/");
            assertTrue(prom.contains("fairpath_decisions_total{kind=\"" + kr[0] + "\",reason=\"" + kr[1] + "\"} "
                    + e.getValue() + "\n"), e + "\n" + prom);
        }
        assertTrue(prom.contains("fairpath_monitor_alerts_total{attribute=\"citizenship_group\"} 3\n"), prom);
        assertTrue(prom.contains("# TYPE fairpath_suggestions_total counter\n"), prom);
        for (String line : prom.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? \\d+"), line);
        }
        // the kill switch: logged with the reason, and the log still verifies
        List<LogRecord> records = DecisionLog.read(log);
        LogRecord last = records.get(records.size() - 1);
        assertEquals("MODEL_DISABLED", last.type());
        assertEquals(models.version(), last.body().get("modelVersion"));
        assertTrue(((String) last.body().get("reason")).startsWith("monitor: input drift in 'citizenship_group'"));
        assertTrue(DecisionLog.verify(log).intact());
    }

    @Test
    void noDrift_exitsZero_andHtmlReport() throws IOException {
        Path log = dir.resolve("calm.jsonl");
        writeLog(log, 3, Integer.MAX_VALUE);
        Path policy = Files.writeString(dir.resolve("calm-policy.json"),
                "{\"schemaVersion\": 1, \"window\": \"P1D\", \"minCases\": 100, \"suspend\": true}");
        Path out = dir.resolve("calm.html");
        DemoCommandTest.Run run = DemoCommandTest.run("monitor", "--bundle", bundle.toString(), "--log",
                log.toString(), "--policy", policy.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err() + run.out());
        String html = Files.readString(out);
        assertTrue(html.contains("No alert.") && !html.contains("<script"), html);
        List<LogRecord> records = DecisionLog.read(log);
        assertEquals(3 * PER_DAY, records.size(), "one DECISION per review, no MODEL_DISABLED appended");
        assertTrue(records.stream().allMatch(x -> x.type().equals("DECISION")));
    }

    @Test
    void badPolicyOrOptions_oneLineUsageError() throws IOException {
        Path log = dir.resolve("empty.jsonl");
        Files.writeString(log, "");
        Path policy = Files.writeString(dir.resolve("bad-policy.json"), "{\"schemaVersion\": 1, \"alhpa\": 0.1}");
        DemoCommandTest.Run r = DemoCommandTest.run("monitor", "--bundle", bundle.toString(), "--log",
                log.toString(), "--policy", policy.toString(), "--out", dir.resolve("x.json").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("fairpath monitor: --policy ") && r.err().contains("unknown key(s) [alhpa]"),
                r.err());
        assertEquals(1, r.err().strip().lines().count());
        DemoCommandTest.Run pdf = DemoCommandTest.run("monitor", "--bundle", bundle.toString(), "--log",
                log.toString(), "--policy", policy.toString(), "--out", "report.pdf");
        assertEquals(2, pdf.status());
        assertTrue(pdf.err().contains("must end in .html or .json"), pdf.err());
    }

    private static DemoCommandTest.Run monitor(Path log, Path policy, String out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("monitor", "--bundle", bundle.toString(), "--log",
                log.toString(), "--policy", policy.toString(), "--out", out));
        a.addAll(List.of(more));
        return DemoCommandTest.run(a.toArray(String[]::new));
    }

    @Test
    void outputEqualToAnInputOrTheOtherOutput_isRefused_andNothingIsWritten() throws IOException {
        Path log = dir.resolve("clash-log.txt"); // a log may have any name, also one --metrics accepts
        writeLog(log, 1, Integer.MAX_VALUE);
        Path policy = Files.writeString(dir.resolve("clash-policy.json"),
                "{\"schemaVersion\": 1, \"window\": \"P1D\", \"minCases\": 100}");
        byte[] logBytes = Files.readAllBytes(log);
        byte[] policyBytes = Files.readAllBytes(policy);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        String logOtherSpelling = sub.resolve("..").resolve("clash-log.txt").toString();
        String[][] cases = {
            {dir.resolve("ok.json").toString(), "--metrics", logOtherSpelling},
            {dir.resolve("ok.json").toString(), "--metrics", log.toString()},
            {policy.toString()},
            {dir.resolve("sub/../clash-policy.json").toString(), "--metrics", dir.resolve("m.prom").toString()},
        };
        for (String[] c : cases) {
            DemoCommandTest.Run r = monitor(log, policy, c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r.status(), r.err() + r.out());
            assertTrue(r.err().contains("would destroy that input"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        // the two outputs the same file: only reachable through a link, as the extensions differ
        Path target = dir.resolve("both.json");
        Path link = Files.createSymbolicLink(dir.resolve("both.prom"), target);
        DemoCommandTest.Run both = monitor(log, policy, target.toString(), "--metrics", link.toString());
        assertEquals(2, both.status(), both.err() + both.out());
        assertTrue(both.err().contains("is the same file as --out"), both.err());
        DemoCommandTest.Run ext = monitor(log, policy, dir.resolve("ok.json").toString(), "--metrics",
                dir.resolve("m.csv").toString());
        assertEquals(2, ext.status());
        assertTrue(ext.err().contains("--metrics") && ext.err().contains("must end in .prom or .txt"), ext.err());
        assertTrue(java.util.Arrays.equals(logBytes, Files.readAllBytes(log)), "the log is untouched");
        assertTrue(java.util.Arrays.equals(policyBytes, Files.readAllBytes(policy)), "the policy is untouched");
        assertTrue(!Files.exists(dir.resolve("ok.json")) && !Files.exists(target) && !Files.exists(
                dir.resolve("m.prom")), "nothing written");
    }

    @Test
    void logOfAnotherModelVersion_isNotMonitored_andNamed() throws IOException {
        Path log = dir.resolve("other.jsonl");
        try (DecisionLog l = DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH)) {
            l.append("DECISION", Map.of("modelVersion", "0123456789abcdef-other", "audit", Map.of("gender", "male"),
                    "decision", Map.of("kind", "ACCEPTED")));
        }
        Path policy = Files.writeString(dir.resolve("other-policy.json"), "{\"schemaVersion\": 1}");
        DemoCommandTest.Run r = monitor(log, policy, dir.resolve("other.json").toString());
        assertEquals(1, r.status(), r.err() + r.out());
        assertTrue(r.err().contains("holds no decision taken with model " + models.version())
                && r.err().contains("0123456789abcdef-other=1"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void suspendTwice_logsModelDisabledOnce_andAHeldLogFailsWithOneLine() throws IOException {
        Path log = dir.resolve("twice.jsonl");
        writeLog(log, 6, 4);
        Path policy = Files.writeString(dir.resolve("twice-policy.json"),
                "{\"schemaVersion\": 1, \"window\": \"P1D\", \"minCases\": 100, \"suspend\": true}");
        DemoCommandTest.Run first = monitor(log, policy, dir.resolve("twice1.json").toString());
        assertEquals(3, first.status(), first.err() + first.out());
        DemoCommandTest.Run second = monitor(log, policy, dir.resolve("twice2.json").toString());
        assertEquals(3, second.status(), second.err() + second.out());
        assertTrue(second.out().contains("already switched off; nothing logged"), second.out());
        assertEquals(1, DecisionLog.read(log).stream().filter(x -> x.type().equals("MODEL_DISABLED")).count());
        // a review desk holding the log: the monitor cannot suspend, says so in one line, writes nothing
        byte[] before = Files.readAllBytes(log);
        Path out = dir.resolve("held.json");
        try (DecisionLog held = DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH)) {
            DemoCommandTest.Run r = monitor(log, policy, out.toString());
            assertEquals(1, r.status(), r.err() + r.out());
            assertTrue(r.err().contains("cannot be written, and the policy asks to suspend the model")
                    && r.err().contains("already open for writing"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(log)));
        assertTrue(!Files.exists(out));
    }
    /**
     * Writes the outcomes of every decision in {@code log} taken with the bundle's model: employed with exactly the
     * logged predicted chance of the chosen option (calibrated), except women from day {@code dropFrom}, never
     * employed. Observed 91 days after the decision.
     */
    private static Path writeOutcomes(Path log, Path file, int dropFrom) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder csv = new StringBuilder("jobseeker,outcome,observed\n");
        for (LogRecord rec : DecisionLog.read(log)) {
            if (!rec.type().equals("DECISION") || !models.version().equals(rec.body().get("modelVersion"))) {
                continue;
            }
            Object fin = rec.body().get("finalService");
            double p = ((Number) rec.body().get("pWithout")).doubleValue();
            for (Object s : (List<?>) rec.body().get("suggestions")) {
                Map<?, ?> m = (Map<?, ?>) s;
                if (m.get("service").equals(fin)) {
                    p = ((Number) m.get("pWith")).doubleValue();
                }
            }
            long day = Duration.between(DAY0, rec.time()).toDays();
            Object gender = ((Map<?, ?>) rec.body().get("audit")).get("gender");
            boolean employed = day >= dropFrom && "female".equals(gender) ? false : r.nextDouble() < p;
            csv.append(rec.body().get("jobseeker")).append(',').append(employed ? 1 : 0).append(',')
                    .append(rec.time().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(91)).append('\n');
        }
        return Files.writeString(file, csv);
    }

    @Test
    void outcomes_womenStopFindingWork_alertInTheDayItStarts_exitThree_andTheModelIsSwitchedOff()
            throws IOException {
        Path log = dir.resolve("outcomes.jsonl");
        writeLog(log, 7, Integer.MAX_VALUE);
        Path outcomes = writeOutcomes(log, dir.resolve("outcomes.csv"), 4);
        Path policy = Files.writeString(dir.resolve("outcomes-policy.json"), "{\"schemaVersion\": 1, \"window\":"
                + " \"P1D\", \"minCases\": 100, \"suspend\": true, \"outcomes\": {\"calibrationTolerance\": 0.1}}");
        Path out = dir.resolve("outcomes-report.json");
        Path metrics = dir.resolve("outcomes.prom");
        DemoCommandTest.Run run = monitor(log, policy, out.toString(), "--outcomes", outcomes.toString(),
                "--metrics", metrics.toString());
        assertEquals(3, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("Outcomes: 840 read, 840 joined to this model's decisions in 7 windows (7"
                + " tested): 3 window(s) with an alert."), run.out());
        assertTrue(run.out().contains("ALERT: calibration from 2026-03-06T00:00:00Z: ")
                && run.out().contains("gender=female observed 0.000 vs predicted"), run.out());
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        for (int d = 0; d < 7; d++) {
            assertEquals(false, report.at("/windows/" + d + "/alert").asBoolean(), "no input drift, day " + d);
            assertEquals(d >= 4, report.at("/outcomes/windows/" + d + "/alert").asBoolean(), "day " + d);
        }
        assertEquals(List.of("age"), List.of(report.at("/outcomes/notGrouped/0").asText()));
        // what the window checks rest on, and the group checks suppressed for their size, are on the console
        assertTrue(run.out().contains("selection rates use all 840 decisions of these windows, outcome known or not;"
                + " calibration and outcome gaps the 840 with an outcome."), run.out());
        int suppressed = 0;
        for (JsonNode w : report.at("/outcomes/windows")) {
            suppressed += w.get("suppressed").asInt();
        }
        assertTrue(run.out().contains("Suppressed: " + suppressed + " group check(s) with fewer than 30 cases"),
                run.out());
        assertTrue(Files.readString(metrics).contains("fairpath_monitor_outcome_alerts_total{kind=\"calibration\"} 3\n"));
        List<LogRecord> records = DecisionLog.read(log);
        LogRecord last = records.get(records.size() - 1);
        assertEquals("MODEL_DISABLED", last.type());
        assertTrue(((String) last.body().get("reason")).startsWith("monitor: calibration from 2026-03-06")
                && ((String) last.body().get("reason")).contains("gender=female"), last.body().toString());
        for (int d = 4; d < 7; d++) {
            boolean women = false;
            for (JsonNode c : report.at("/outcomes/windows/" + d + "/calibration")) {
                women |= c.get("group").asText().equals("gender=female") && c.get("alert").asBoolean();
            }
            assertTrue(women, "day " + d);
        }
        // the same outcomes without the drop: calibrated, no alert, exit 0; HTML carries the outcome section
        Path calm = writeOutcomes(log, dir.resolve("calm-outcomes.csv"), Integer.MAX_VALUE);
        Path nosuspend = Files.writeString(dir.resolve("calm-outcomes-policy.json"), "{\"schemaVersion\": 1,"
                + " \"window\": \"P1D\", \"minCases\": 100}");
        Path html = dir.resolve("calm-outcomes.html");
        DemoCommandTest.Run ok = monitor(log, nosuspend, html.toString(), "--outcomes", calm.toString());
        assertEquals(0, ok.status(), ok.err() + ok.out());
        String page = Files.readString(html);
        assertTrue(page.contains("Outcomes: calibration and disparities") && !page.contains("<script"), page);
    }

    @Test
    void examplePolicy_isValid_andSetsTheOutcomeThresholds() throws IOException {
        var p = org.fairpath.fairness.monitor.MonitorPolicy.read(Path.of("monitor-policy.json"));
        assertEquals(0.1, p.outcomes().calibrationTolerance());
        assertEquals(30, p.outcomes().minGroupSize());
        assertEquals(Map.of("age", List.of(30.0, 50.0)), p.outcomes().bands());
    }

    @Test
    void outcomes_thatCannotBeTiedToADecision_oneLineError_nothingWritten() throws IOException {
        Path log = dir.resolve("tie.jsonl");
        writeLog(log, 1, Integer.MAX_VALUE);
        Path policy = Files.writeString(dir.resolve("tie-policy.json"), "{\"schemaVersion\": 1}");
        Path bad = Files.writeString(dir.resolve("tie.csv"), "jobseeker,outcome,observed\nnobody,1,2026-06-01\n");
        Path out = dir.resolve("tie.json");
        DemoCommandTest.Run r = monitor(log, policy, out.toString(), "--outcomes", bad.toString());
        assertEquals(1, r.status(), r.err() + r.out());
        assertTrue(r.err().contains("line 2: jobseeker 'nobody' has no decision in the log"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!Files.exists(out));
        // an outcomes file that --out would overwrite (it exists, so only the clash check can refuse it)
        Path named = Files.writeString(dir.resolve("tie-outcomes.json"), "jobseeker,outcome,observed\n");
        DemoCommandTest.Run clash = monitor(log, policy, named.toString(), "--outcomes", named.toString());
        assertEquals(2, clash.status(), clash.err());
        assertTrue(clash.err().contains("would destroy that input"), clash.err());
        assertEquals("jobseeker,outcome,observed\n", Files.readString(named));
        DemoCommandTest.Run missing = monitor(log, policy, out.toString(), "--outcomes",
                dir.resolve("none.csv").toString());
        assertEquals(2, missing.status(), missing.err());
        assertTrue(missing.err().contains("--outcomes") && missing.err().contains("does not exist"), missing.err());
    }
}
