package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

final class DemoCommandTest {

    /** Exit status, standard output and standard error of one launcher run. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /**
     * Issue 13, fourth round, item 6: below 2,500 cases the demo trained no models and wrote no decision log, yet
     * exited 0; it is now a usage error and writes nothing.
     */
    @Test
    void demo_tooFewCasesForTheModels_isAUsageError() {
        Run r = run("demo", "--cases", "2499", "--out", dir.resolve("small").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--cases is '2499'; allowed: a whole number from 2500 to 10000000"), r.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("small")), "nothing may be written");
    }

    @Test
    void demo_smallCaseload_printsSummaryWithMeasuredBias() {
        Run r = run("demo", "--cases", "3000", "--seed", "7", "--out", dir.resolve("demo").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Generated 3,000 cases (seed 7)"), r.out());
        assertTrue(r.out().contains("vocational training:   women with care duties"), r.out());
        assertTrue(r.out().contains("Trained outcome models on 2,400 cases"), r.out());
        assertTrue(r.out().contains("On 600 held-out jobseekers"), r.out());
        assertTrue(r.out().contains("Suggestions for syn-2400 (model "), r.out());
        assertTrue(r.out().contains("awaiting review"), r.out());
        assertTrue(r.out().contains("profiling: "), r.out());
        assertTrue(r.out().contains("(explanation: exact-linear):"), r.out());
        assertTrue(r.out().contains("The expected benefit is") || r.out().contains("expected to lower"), r.out());
        assertTrue(r.out().contains("Simulated counsellors reviewed 600 recommendations"), r.out());
        assertTrue(r.out().contains("log check: intact, hash chain verified"), r.out());
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("demo/report.html")));
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("demo/report.json")));
        assertTrue(r.out().contains("Allocation: the same number of places per service as this cohort used"), r.out());
        assertTrue(r.out().contains("expected employment, constrained-fair:"), r.out());
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("demo/allocation.html")));
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("demo/allocation.json")));
        // the received shares printed equal a direct count over the same caseload
        List<SyntheticCase> cases = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(7)).generate(3000);
        long noProgramme = cases.stream().filter(c -> c.assignedArm() == 0).count();
        String expected = String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * noProgramme / 3000);
        String row = r.out().lines().filter(l -> l.startsWith("no_programme")).findFirst().orElseThrow();
        assertTrue(row.contains(expected), row + " should hold " + expected);
    }

    @Test
    void demo_neverReplacesALogUnlessAsked_norOneAnotherWriterHolds() throws Exception {
        java.nio.file.Path out = dir.resolve("held");
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Path log = out.resolve("decisions.jsonl");
        try (org.fairpath.core.log.DecisionLog held = org.fairpath.core.log.DecisionLog.open(log,
                org.fairpath.core.log.DecisionLog.Durability.FSYNC_EACH)) {
            held.append("NOTE", java.util.Map.of());
            Run refused = run("demo", "--cases", "3000", "--out", out.toString());
            assertEquals(2, refused.status(), refused.err());
            assertTrue(refused.err().contains("pass --overwrite"), refused.err());
            Run busy = run("demo", "--cases", "3000", "--out", out.toString(), "--overwrite");
            assertEquals(1, busy.status(), busy.err());
            assertTrue(busy.err().contains("already open for writing"), busy.err());
            assertEquals(1, org.fairpath.core.log.DecisionLog.verify(log).records()); // still there, untouched
        }
        Run replaced = run("demo", "--cases", "3000", "--out", out.toString(), "--overwrite");
        assertEquals(0, replaced.status(), replaced.err());
        assertTrue(org.fairpath.core.log.DecisionLog.verify(log).records() > 1);
        assertTrue(run("demo", "--help").out().contains("--overwrite"));
    }

    @Test
    void summary_mergeOfParts_equalsOnePass() {
        List<SyntheticCase> cases = CaseloadGenerator.create(CaseloadSettings.withDefaults()).generate(4000);
        CaseloadSummary whole = new CaseloadSummary(7);
        cases.forEach(whole::add);
        CaseloadSummary a = new CaseloadSummary(7);
        CaseloadSummary b = new CaseloadSummary(7);
        cases.subList(0, 1234).forEach(a::add);
        cases.subList(1234, 4000).forEach(b::add);
        a.merge(b);
        assertEquals(whole.n, a.n);
        assertArrayEquals(whole.received, a.received);
        assertArrayEquals(whole.eligible, a.eligible);
        assertArrayEquals(whole.trainingCare, a.trainingCare);
        assertArrayEquals(whole.selfServiceOlder, a.selfServiceOlder);
        assertArrayEquals(whole.languageNonEu, a.languageNonEu);
        assertEquals(whole.oracle, a.oracle, 1e-9);
        long trainingEligibleCare = cases.stream().filter(c -> c.eligible(2)
                && "female".equals(c.profile().value("gender"))
                && Boolean.TRUE.equals(c.profile().value("care_duties"))).count();
        assertEquals(trainingEligibleCare, whole.trainingCare[1]);
    }

    @Test
    void demo_badArguments_oneClearLineAndStatus2() {
        Run zero = run("demo", "--cases", "0");
        assertEquals(2, zero.status());
        assertEquals("fairpath demo: --cases is '0'; allowed: a whole number from 2500 to 10000000 (see 'fairpath demo"
                + " --help')", zero.err().trim());
        Run unknown = run("demo", "--casse", "10");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown option '--casse'; options: [--cases, --counsellor-key, --help, --out,"
                + " --overwrite, --seed, --version]; did you mean --cases?"),
                unknown.err());
        Run noValue = run("demo", "--seed");
        assertEquals(2, noValue.status());
        assertTrue(noValue.err().contains("Missing required parameter for option '--seed' (S)"), noValue.err());
        Run command = run("dmeo");
        assertEquals(2, command.status());
        assertTrue(command.err().contains("unknown command 'dmeo'; commands: [allocate, audit, demo, explain,"
                + " import-model, keygen, merge-counts, monitor, notice, recommend, sign, sign-head, train, verify-log]"),
                command.err());
    }

    @Test
    void help_isAvailableForLauncherAndCommand() {
        Run top = run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("demo"), top.out());
        Run demo = run("demo", "--help");
        assertEquals(0, demo.status());
        assertTrue(demo.out().startsWith("Usage: fairpath demo"), demo.out());
        assertEquals(2, run().status());
    }
}
