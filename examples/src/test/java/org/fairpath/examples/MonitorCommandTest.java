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
}
