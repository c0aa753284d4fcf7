package org.fairpath.fairness.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.input.Outcomes;
import org.fairpath.fairness.stats.Intervals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor once outcomes arrive. Oracles: generated data whose truth is known (calibrated predictions, then one
 * group's outcome rate lowered from a chosen window; referrals independent of group, then one group's referral rate
 * lowered); hand-computed rates of a ten-decision log; the fairness module's Wilson interval (tested against
 * published values in {@code IntervalsTest}).
 */
final class OutcomeMonitorTest {

    private static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");

    @TempDir
    Path dir;

    private static MonitorPolicy daily() {
        return new MonitorPolicy(Duration.ofDays(1), 0.05, 0.1, 100, List.of(), false);
    }

    /**
     * {@code windows} daily windows of 500 decisions: gender female/male 50/50, citizenship national/eu/non_eu
     * 50/25/25; predicted chance uniform on [0.2, 0.8] and employment drawn with exactly that chance (calibrated);
     * referral with chance 0.4 for everyone. From window {@code from}: women's employment chance lowered by
     * {@code outcomeDrop}, non-EU citizens' referral chance set to {@code nonEuReferral}.
     */
    private static OutcomeMonitor.Joined generate(long seed, int windows, int from, double outcomeDrop,
                                                  double nonEuReferral) {
        Random rnd = new Random(seed);
        List<OutcomeMonitor.Case> cases = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < 500; i++) {
                Instant t = DAY0.plus(Duration.ofDays(w)).plusSeconds(rnd.nextInt(86_400));
                String gender = rnd.nextBoolean() ? "female" : "male";
                double u = rnd.nextDouble();
                String cit = u < 0.5 ? "national" : u < 0.75 ? "eu" : "non_eu";
                double p = 0.2 + 0.6 * rnd.nextDouble();
                double truth = w >= from && gender.equals("female") ? Math.max(0, p - outcomeDrop) : p;
                double refer = w >= from && cit.equals("non_eu") ? nonEuReferral : 0.4;
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("gender", gender);
                g.put("citizenship_group", cit);
                g.put("age", 20.0 + rnd.nextInt(40));
                cases.add(new OutcomeMonitor.Case(t, g, p, rnd.nextDouble() < refer, rnd.nextDouble() < truth));
            }
        }
        return new OutcomeMonitor.Joined(cases, cases.size(), Map.of());
    }

    @Test
    void outcomeRateOfOneGroupDrops_alertsInTheWindowWhereItStarts() {
        OutcomeReport r = OutcomeMonitor.run(generate(1, 20, 8, 0.25, 0.4), daily());
        assertEquals(20, r.windows().size());
        assertEquals(List.of("gender", "citizenship_group"), r.grouped());
        assertEquals(List.of("age"), r.notGrouped(), "numbers are named, not grouped");
        int first = -1;
        for (int w = 0; w < 20; w++) {
            if (r.windows().get(w).alert() && first < 0) {
                first = w;
            }
        }
        assertEquals(8, first, "first alert window (delay = first - 8)");
        System.out.println("outcome drift (women -25 points from window 8): first alert in window " + first
                + ", delay " + (first - 8) + " windows; alerts in " + r.windows().subList(8, 20).stream()
                .filter(OutcomeReport.Window::alert).count() + " of 12 drifted windows; " + r.reason());
        assertTrue(r.reason().contains("gender=female"), r.reason());
        for (int w = 8; w < 20; w++) {
            OutcomeReport.Window win = r.windows().get(w);
            assertTrue(win.calibration().stream().anyMatch(c -> c.alert() && c.group().equals("gender=female")),
                    "window " + w);
        }
        // the check confidence is Bonferroni over the window's checks: 1 + 5 groups calibrated + 3 x 2 disparities
        OutcomeReport.Window w0 = r.windows().get(0);
        assertEquals(12, w0.checks());
        assertEquals(1 - 0.05 / 12, w0.checkConfidence(), 1e-15);
    }

    @Test
    void bands_groupANumericAttribute_andAnUnrecordedAttributeIsRefused() {
        OutcomeMonitor.Joined j = generate(4, 1, Integer.MAX_VALUE, 0, 0.4);
        MonitorPolicy p = daily().withOutcomes(new OutcomePolicy(0.05, 0.1, AuditPolicy.withDefaults(), 30,
                Map.of("age", List.of(30.0, 50.0))));
        OutcomeReport r = OutcomeMonitor.run(j, p);
        assertEquals(List.of("gender", "citizenship_group", "age"), r.grouped());
        assertEquals(List.of(), r.notGrouped());
        // ages 20-59 uniform: <30 and 50+ hold 10 of the 40 ages each, 30-50 holds 20; recounted from the cases
        for (String[] band : new String[][] {{"<30", "20", "30"}, {"30-50", "30", "50"}, {"50+", "50", "60"}}) {
            double lo = Double.parseDouble(band[1]);
            double hi = Double.parseDouble(band[2]);
            long n = j.cases().stream().filter(c -> (Double) c.groups().get("age") >= lo
                    && (Double) c.groups().get("age") < hi).count();
            OutcomeReport.Calibration c = r.windows().get(0).calibration().stream()
                    .filter(x -> x.group().equals("age=" + band[0])).findFirst().orElseThrow();
            assertEquals(n, c.cases(), band[0]);
        }
        // 1 + 5 + 3 calibration checks, 3 x 3 disparity checks
        assertEquals(18, r.windows().get(0).checks());
        MonitorPolicy unknown = daily().withOutcomes(new OutcomePolicy(0.05, 0.1, AuditPolicy.withDefaults(), 30,
                Map.of("agee", List.of(30.0))));
        String m = assertThrows(IllegalArgumentException.class, () -> OutcomeMonitor.run(j, unknown)).getMessage();
        assertTrue(m.contains("outcomes.bands names 'agee'") && m.contains("[age, citizenship_group, gender]"), m);
        MonitorPolicy text = daily().withOutcomes(new OutcomePolicy(0.05, 0.1, AuditPolicy.withDefaults(), 30,
                Map.of("gender", List.of(30.0))));
        m = assertThrows(IllegalArgumentException.class, () -> OutcomeMonitor.run(j, text)).getMessage();
        assertTrue(m.contains("outcomes.bands.gender: cannot band 'female'"), m);
    }

    @Test
    void referralRateOfOneGroupDrops_theAuditsDisparityAlertsInTheWindowWhereItStarts() {
        OutcomeReport r = OutcomeMonitor.run(generate(2, 20, 8, 0, 0.1), daily());
        int first = -1;
        for (int w = 0; w < 20 && first < 0; w++) {
            if (r.windows().get(w).alert()) {
                first = w;
            }
        }
        System.out.println("disparity drift (non-EU referrals 40% -> 10% from window 8): first alert in window "
                + first + "; " + r.reason());
        assertEquals(8, first);
        assertTrue(r.reason().contains("disparity") && r.reason().toLowerCase(java.util.Locale.ROOT)
                .contains("non_eu"), r.reason());
        assertTrue(r.windows().get(8).calibration().stream().noneMatch(OutcomeReport.Calibration::alert),
                "calibration is untouched by a change in referrals");
    }

    /** The cases of {@code j} with the outcome known only for the people referred (common in practice). */
    private static OutcomeMonitor.Joined referredOnly(OutcomeMonitor.Joined j) {
        return new OutcomeMonitor.Joined(j.cases().stream().map(c -> c.referred() ? c : new OutcomeMonitor.Case(
                c.decided(), c.groups(), c.predicted(), false, null)).toList(), j.outcomes(), j.excluded());
    }

    @Test
    void referralCutWithOutcomesOnlyForTheReferred_stillAlertsOnEveryDecision() {
        // the tester's case: non-EU referrals cut by 80% (40% -> 8%) from window 6, outcomes only for the referred;
        // judged on the decisions with an outcome alone, every non-EU case is referred and the cut is invisible
        OutcomeMonitor.Joined j = referredOnly(generate(5, 12, 6, 0, 0.08));
        OutcomeReport r = OutcomeMonitor.run(j, daily().withOutcomes(new OutcomePolicy(0.05, 0.1,
                AuditPolicy.withDefaults(), 10)));
        int first = -1;
        for (int w = 0; w < 12 && first < 0; w++) {
            if (r.windows().get(w).alert()) {
                first = w;
            }
        }
        assertEquals(6, first, r.reason());
        assertTrue(r.reason().contains("disparity") && r.reason().contains("non_eu"), r.reason());
        OutcomeReport.Window w6 = r.windows().get(6);
        assertEquals(500, w6.decisions(), "every decision of the window, outcome known or not");
        assertEquals(j.cases().stream().filter(c -> c.hasOutcome() && !c.decided().isBefore(w6.start())
                && c.decided().isBefore(w6.end())).count(), w6.cases());
        assertTrue(w6.cases() < 250, "outcomes only for the referred: " + w6.cases());
    }

    @Test
    void suppressedGroupChecks_areCountedPerWindow() {
        // 500 decisions a window, outcomes only for the ~40% referred; a minimum group of 60: non_eu and eu with an
        // outcome (~50 each) fall below it for calibration, every group stays above it for the decisions
        OutcomeMonitor.Joined j = referredOnly(generate(6, 1, Integer.MAX_VALUE, 0, 0.4));
        OutcomeReport r = OutcomeMonitor.run(j, daily().withOutcomes(new OutcomePolicy(0.05, 0.1,
                AuditPolicy.withDefaults(), 60)));
        OutcomeReport.Window w = r.windows().get(0);
        long smallCalibration = w.calibration().stream().filter(OutcomeReport.Calibration::suppressed).count();
        // recount by hand: calibration groups with an outcome under 60
        Map<String, Long> n = new java.util.TreeMap<>();
        for (OutcomeMonitor.Case c : j.cases()) {
            if (c.hasOutcome()) {
                n.merge("gender=" + c.groups().get("gender"), 1L, Long::sum);
                n.merge("citizenship_group=" + c.groups().get("citizenship_group"), 1L, Long::sum);
            }
        }
        assertEquals(n.values().stream().filter(v -> v < 60).count(), smallCalibration, n.toString());
        assertTrue(smallCalibration >= 1, n.toString());
        assertTrue(w.suppressed() >= smallCalibration, "window count includes them: " + w.suppressed());
        assertEquals(w.suppressed(), r.suppressed());
    }

    @Test
    void hundredUndriftedWindows_falseAlarms() {
        OutcomeReport r = OutcomeMonitor.run(generate(3, 100, Integer.MAX_VALUE, 0, 0.4), daily());
        long withThresholds = r.alerts().size();
        // the tests alone: tolerance 0, ratio 1, gaps 0 (any difference the interval can see alerts); Bonferroni
        // bounds the chance of a false alarm in a window at alpha = 0.05, so about 5 in 100 at most in expectation
        OutcomePolicy bare = new OutcomePolicy(0.05, 0, new AuditPolicy(1, 0, 0, 0.1, 0.1), 30);
        long testsAlone = OutcomeMonitor.run(generate(3, 100, Integer.MAX_VALUE, 0, 0.4),
                daily().withOutcomes(bare)).alerts().size();
        System.out.println("100 undrifted windows of 500: " + withThresholds + " with an outcome alert (default"
                + " thresholds), " + testsAlone + " with the tests alone (bound: 5 expected)");
        assertEquals(0, withThresholds);
        assertTrue(testsAlone <= 11, "tests alone: " + testsAlone);
    }

    // ---- the join with a real decision log ----

    private static Map<String, Object> decision(String jobseeker, String version, String fin, String gender) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobseeker", jobseeker);
        body.put("audit", Map.of("auditOnly", true, "gender", gender));
        body.put("modelVersion", version);
        if (version != null) {
            body.put("suggestions", List.of(Map.of("service", "training", "pWith", 0.6),
                    Map.of("service", "coaching", "pWith", 0.5)));
            body.put("pWithout", 0.3);
        } else {
            body.put("suggestions", List.of());
        }
        body.put("decision", Map.of("kind", fin == null ? "REJECTED" : "ACCEPTED"));
        body.put("finalService", fin);
        body.put("reverses", null);
        return body;
    }

    private Path log(int n) throws IOException {
        Path file = dir.resolve("log" + System.nanoTime() + ".jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            for (int i = 0; i < n; i++) {
                // js-0..3: training (0.6), js-4..7: rejected (pWithout 0.3), js-8, js-9: coaching (0.5)
                String fin = i < 4 ? "training" : i < 8 ? null : "coaching";
                log.append("DECISION", decision("js-" + i, "v1", fin, i % 2 == 0 ? "female" : "male"));
            }
            log.append("DECISION", decision("js-other", "v2", "training", "female"));
            log.append("DECISION", decision("js-manual", null, "training", "male"));
            long s = log.append("DECISION", decision("js-rev", "v1", "training", "female")).sequence();
            Map<String, Object> rev = decision("js-rev", null, "coaching", "female");
            rev.put("reverses", s);
            log.append("REVERSAL", rev);
            log.append("DECISION", decision("js-twice", "v1", "training", "male"));
            log.append("DECISION", decision("js-twice", "v1", "coaching", "male"));
        }
        return file;
    }

    private static Outcomes outcomes(String csv) throws IOException {
        return Outcomes.read(new StringReader(csv), "outcomes.csv");
    }

    @Test
    void join_tiesEachOutcomeToItsDecision_andCountsWhatItCannotCheck() throws IOException {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        StringBuilder csv = new StringBuilder("observed,jobseeker,outcome\n");
        // employed: js-0, js-1, js-2 (training), js-4 (rejected), js-8 (coaching); the others not
        for (int i = 0; i < 10; i++) {
            csv.append(today).append(",js-").append(i).append(',')
                    .append(List.of(0, 1, 2, 4, 8).contains(i) ? 1 : 0).append('\n');
        }
        csv.append(today).append(",js-other,1\n").append(today).append(",js-manual,0\n").append(today)
                .append(",js-rev,1\n");
        OutcomeMonitor.Joined j = OutcomeMonitor.join(log(10), "v1", outcomes(csv.toString()));
        assertEquals(13, j.outcomes());
        // every v1 decision in force: js-0..9 and js-twice's two (js-rev's was reversed); 10 with an outcome
        assertEquals(12, j.cases().size());
        assertEquals(10, j.joined());
        assertEquals(Map.of(OutcomeMonitor.OTHER_VERSION, 2L, OutcomeMonitor.REVERSED, 1L), j.excluded());
        assertEquals(List.of(0.6, 0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.3, 0.5, 0.5),
                j.cases().stream().filter(OutcomeMonitor.Case::hasOutcome).map(OutcomeMonitor.Case::predicted)
                        .toList());
        assertEquals(6, j.cases().stream().filter(c -> c.hasOutcome() && c.referred()).count());
        assertEquals(8, j.cases().stream().filter(OutcomeMonitor.Case::referred).count());
        // one window of 10 (minCases 10, groups of 5 reported): all: observed 5/10, predicted (4*.6+4*.3+2*.5)/10
        MonitorPolicy p = new MonitorPolicy(Duration.ofDays(366), 0.05, 0.1, 10, List.of(), false)
                .withOutcomes(new OutcomePolicy(0.05, 0.1, AuditPolicy.withDefaults(), 5));
        OutcomeReport r = OutcomeMonitor.run(j, p);
        assertEquals(12, r.windows().get(0).decisions());
        assertEquals(10, r.windows().get(0).cases());
        OutcomeReport.Calibration all = r.windows().get(0).calibration().get(0);
        assertEquals("all", all.group());
        assertEquals(0.5, all.observedRate(), 0);
        assertEquals(0.46, all.meanPredicted(), 1e-12);
        // checks: all, gender=female, gender=male, 3 disparity checks
        assertEquals(6, r.windows().get(0).checks());
        var w = Intervals.wilson(5, 10, 1 - 0.05 / 6);
        assertEquals(w.lower() - 0.46, all.lower(), 1e-12);
        assertEquals(w.upper() - 0.46, all.upper(), 1e-12);
        // women: js-0,2,4,6,8: employed 0,2,4,8 -> 4/5; predicted (.6+.6+.3+.3+.5)/5 = 0.46
        OutcomeReport.Calibration women = r.windows().get(0).calibration().stream()
                .filter(c -> c.group().equals("gender=female")).findFirst().orElseThrow();
        assertEquals(0.8, women.observedRate(), 0);
        assertEquals(0.46, women.meanPredicted(), 1e-12);
        // groups of 5 under a minimum of 6: suppressed, no figure, no check (checks: all + 3 disparities)
        OutcomeReport small = OutcomeMonitor.run(j, p.withOutcomes(new OutcomePolicy(0.05, 0.1,
                AuditPolicy.withDefaults(), 6)));
        OutcomeReport.Calibration hidden = small.windows().get(0).calibration().get(1);
        assertTrue(hidden.suppressed() && Double.isNaN(hidden.observedRate()) && !hidden.alert(), hidden.toString());
        assertEquals(4, small.windows().get(0).checks());
    }

    @Test
    void join_refusesWhatItCannotTieToOneDecision() throws IOException {
        Path file = log(2);
        String later = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String m = assertThrows(IllegalArgumentException.class, () -> OutcomeMonitor.join(file, "v1",
                outcomes("jobseeker,outcome,observed\njs-0,1," + later + "\njs-99,0," + later + "\n"))).getMessage();
        assertTrue(m.contains("line 3") && m.contains("'js-99' has no decision in the log"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OutcomeMonitor.join(file, "v1",
                outcomes("jobseeker,outcome,observed\njs-twice,1," + later + "\n"))).getMessage();
        assertTrue(m.contains("line 2") && m.contains("has 2 decisions in force"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OutcomeMonitor.join(file, "v1",
                outcomes("jobseeker,outcome,observed\njs-1,1,2001-01-01\n"))).getMessage();
        assertTrue(m.contains("line 2") && m.contains("before its decision"), m);
    }

    @Test
    void join_refusesFutureOutcomesGapsLongIdsAndAHeaderOnly() throws IOException {
        var records = DecisionLog.read(log(2));
        java.time.LocalDate today = java.time.LocalDate.of(2030, 6, 1);
        String[][] bad = {
            {"jobseeker,outcome,observed\njs-0,1,2030-06-01\njs-1,0,2030-06-02\n",
                "line 3: jobseeker 'js-1': outcome observed 2030-06-02, after today (2030-06-01, UTC)"},
            {"jobseeker,outcome,observed\njs-0,1,2030-06-01\n\njs-1,0,2030-06-01\n", "line 3 holds no outcome row"},
            {"jobseeker,outcome,observed\n\njs-0,1,2030-06-01\n", "line 2 holds no outcome row"},
            {"jobseeker,outcome,observed\n" + "x".repeat(257) + ",1,2030-06-01\n",
                "line 2: jobseeker '" + "x".repeat(40) + "…' is 257 characters long; allowed: at most 256"},
            {"jobseeker,outcome,observed\n", "holds no outcomes (a header only)"},
        };
        for (String[] b : bad) {
            String m = assertThrows(IllegalArgumentException.class, () -> OutcomeMonitor.join(records, "v1",
                    outcomes(b[0]), today), b[0]).getMessage();
            assertTrue(m.contains("outcomes file outcomes.csv") && m.contains(b[1]), m);
            assertTrue(m.length() < 300, "the long id is echoed shortened: " + m.length());
        }
        // today itself, and a blank line at the very end, are fine
        assertEquals(1, OutcomeMonitor.join(records, "v1", outcomes("jobseeker,outcome,observed\njs-0,1,2030-06-01"
                + "\n\n"), today).joined());
    }

    @Test
    void outcomesFile_strictParsing_namesLineAndColumn() throws IOException {
        String[][] cases = {
            {"jobseeker,outcome\njs-1,1\n", "column 'observed' is missing"},
            {"jobseeker,outcome,observed,note\n", "line 1, column 4: unknown column 'note'"},
            {"jobseeker,outcome,outcome\n", "column 3: column 'outcome' appears twice"},
            {"jobseeker,outcome,observed\njs-1,yes,2026-01-01\n", "line 2, column 2 (outcome): 'yes'; allowed: 1"},
            {"jobseeker,outcome,observed\njs-1,1,2026-02-30\n", "line 2, column 3 (observed): '2026-02-30' is not"},
            {"jobseeker,outcome,observed\njs-1,1,01/02/2026\n", "line 2, column 3 (observed)"},
            {"jobseeker,outcome,observed\n js-1,1,2026-01-01\n", "line 2, column 1 (jobseeker)"},
            {"jobseeker,outcome,observed\njs-1,1\n", "line 2: 2 fields; the header has 3"},
            {"jobseeker,outcome,observed\njs-1,1,2026-01-01\njs-2,0,2026-01-01\njs-1,0,2026-01-02\n",
                "line 4: jobseeker 'js-1' already has an outcome on line 2"},
            {"", "is empty"},
        };
        for (String[] c : cases) {
            String m = assertThrows(IllegalArgumentException.class, () -> outcomes(c[0]), c[0]).getMessage();
            assertTrue(m.contains("outcomes file outcomes.csv") && m.contains(c[1]), m);
        }
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, new byte[] {'j', 'o', (byte) 0xC3, (byte) 0x28, '\n'});
        String m = assertThrows(IllegalArgumentException.class, () -> Outcomes.read(bad)).getMessage();
        assertTrue(m.contains("not UTF-8"), m);
        Outcomes ok = outcomes("\uFEFFobserved,outcome,jobseeker\r\n2026-01-01,0,\"js,1\"\r\n");
        assertEquals(List.of(new Outcomes.Row("js,1", false, java.time.LocalDate.of(2026, 1, 1), 2)), ok.rows());
        assertFalse(ok.rows().isEmpty());
    }

    @Test
    void outcomePolicy_strict() {
        MonitorPolicy p = MonitorPolicy.fromJson("{\"schemaVersion\": 1, \"outcomes\": {\"alpha\": 0.01,"
                + " \"calibrationTolerance\": 0.05, \"minSelectionRatio\": 0.9, \"minGroupSize\": 50}}");
        assertEquals(new OutcomePolicy(0.01, 0.05, AuditPolicy.withDefaults().withThreshold("selection-ratio", 0.9),
                50), p.outcomes());
        assertEquals(OutcomePolicy.withDefaults(), MonitorPolicy.fromJson("{\"schemaVersion\": 1}").outcomes());
        String[][] bad = {
            {"{\"calibrationTol\": 0.1}", "outcomes has unknown key(s) [calibrationTol]"},
            {"{\"alpha\": 0}", "outcomes.alpha is 0.0"},
            {"{\"alpha\": \"0.05\"}", "outcomes.alpha must be a number"},
            {"{\"calibrationTolerance\": 1.5}", "outcomes.calibrationTolerance is 1.5"},
            {"{\"maxOddsGap\": 1}", "outcomes.maxOddsGap is 1.0"},
            {"{\"minGroupSize\": 2.5}", "outcomes.minGroupSize must be a whole number"},
            {"[]", "outcomes must be an object"},
            {"{\"bands\": {\"age\": [50, 30]}}", "outcomes.bands.age is [50.0, 30.0]"},
            {"{\"bands\": {\"age\": []}}", "outcomes.bands.age is empty"},
            {"{\"bands\": {\"age\": [\"30\"]}}", "outcomes.bands.age must be an array of numbers"},
            {"{\"bands\": [30]}", "outcomes.bands must be an object"},
        };
        for (String[] b : bad) {
            String m = assertThrows(IllegalArgumentException.class, () -> MonitorPolicy.fromJson(
                    "{\"schemaVersion\": 1, \"outcomes\": " + b[0] + "}"), b[0]).getMessage();
            assertTrue(m.contains(b[1]), m);
        }
    }
}
