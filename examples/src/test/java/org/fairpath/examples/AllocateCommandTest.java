package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath allocate} end to end: a bundle trained on 3,000 synthetic cases, a cohort of 500 other profiles;
 * places recounted from the JSON output; bad input is one line naming what to change, exit 2.
 */
final class AllocateCommandTest {

    @TempDir
    static Path dir;
    private static Path bundle;
    private static Path cohort;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = dir.resolve("bundle");
        DemoCommandTest.Run t = DemoCommandTest.run("train", "--out", bundle.toString(), "--cases", "3000", "--bags",
                "0");
        assertEquals(0, t.status(), t.err());
        StringBuilder lines = new StringBuilder();
        for (SyntheticCase c : CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(99)).generate(500)) {
            lines.append(new ObjectMapper().readTree(c.profile().toJson()).toString()).append('\n');
        }
        cohort = dir.resolve("cohort.jsonl");
        Files.writeString(cohort, lines, StandardCharsets.UTF_8);
    }

    private static DemoCommandTest.Run allocate(String... more) {
        String[] base = {"allocate", "--bundle", bundle.toString(), "--cohort", cohort.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return DemoCommandTest.run(args);
    }

    @Test
    void allocate_jsonOut_placesWithinCapacitiesAndRunLogged() throws Exception {
        Path out = dir.resolve("allocation.json");
        Path log = dir.resolve("decisions.jsonl");
        DemoCommandTest.Run r = allocate("--capacity", "wage_subsidy=20,vocational_training=30",
                "--constraint", "share:gender:vocational_training:0.1", "--out", out.toString(), "--log",
                log.toString());
        assertTrue(r.status() == 0 || r.status() == 3, r.err() + r.out());
        assertTrue(r.out().startsWith("Allocated 500 jobseekers"), r.out());
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals("allocation", root.get("kind").asText());
        assertEquals(500, root.get("placements").size());
        Map<String, Integer> used = new HashMap<>();
        for (JsonNode p : root.get("placements")) {
            used.merge(p.get("allocated").asText(), 1, Integer::sum);
            assertEquals("AWAITING_REVIEW", p.get("status").asText());
        }
        assertTrue(used.getOrDefault("wage_subsidy", 0) <= 20, used.toString());
        assertTrue(used.getOrDefault("vocational_training", 0) <= 30, used.toString());
        assertEquals(used.getOrDefault("wage_subsidy", 0), root.get("run").get("placesUsed").get("wage_subsidy")
                .asInt());
        assertEquals("model only", root.get("report").get("estimates").get(0).get("method").asText());
        assertTrue(DecisionLog.verify(log).intact());
        assertEquals("ALLOCATION", DecisionLog.read(log).get(0).type());
        assertEquals(r.status() == 3, root.get("run").get("violations").size() > 0);
    }

    @Test
    void allocate_htmlOut_selfContainedPage() throws Exception {
        Path out = dir.resolve("allocation.html");
        DemoCommandTest.Run r = allocate("--capacity", "wage_subsidy=20", "--objective", "inequality-averse:2",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("inequality-averse:2.0") && html.contains("capacity-constrained"), html);
        assertFalse(html.contains("<script"));
    }

    @Test
    void allocate_badInput_oneLineNamingWhatToChange() {
        DemoCommandTest.Run unknown = allocate("--capacity", "wage_subsidyy=5", "--out", "x.json");
        assertEquals(2, unknown.status());
        assertEquals("fairpath allocate: capacity given for unknown service 'wage_subsidyy'; known services:"
                + " [job_search_assistance, vocational_training, wage_subsidy, intensive_counselling,"
                + " digital_self_service, language_course]\n", unknown.err());
        DemoCommandTest.Run negative = allocate("--capacity", "wage_subsidy=-3", "--out", "x.json");
        assertEquals(2, negative.status());
        assertEquals("fairpath allocate: capacity of wage_subsidy is -3; allowed: a whole number of places, 0 or"
                + " more\n", negative.err());
        DemoCommandTest.Run gap = allocate("--capacity", "wage_subsidy=0,vocational_training=0,"
                + "intensive_counselling=0,language_course=0,job_search_assistance=0,digital_self_service=0",
                "--constraint", "gap:citizenship_group:0.0", "--out", "x.json");
        assertEquals(2, gap.status(), gap.err());
        assertTrue(gap.err().startsWith("fairpath allocate: constraint gap:citizenship_group:0.0 cannot be met: the"
                + " expected employment rate of citizenship_group="), gap.err());
        assertTrue(gap.err().contains("full services: job_search_assistance (0 places)"), gap.err());
        assertEquals(1, gap.err().lines().count());
        DemoCommandTest.Run objective = allocate("--capacity", "wage_subsidy=5", "--objective", "fair",
                "--out", "x.json");
        assertEquals(2, objective.status());
        assertTrue(objective.err().contains("allowed: uplift, inequality-averse:A"), objective.err());
        DemoCommandTest.Run out = allocate("--capacity", "wage_subsidy=5", "--out", "x.pdf");
        assertEquals(2, out.status());
        assertTrue(out.err().contains("--out is 'x.pdf'; allowed: a file name ending in .html or .json"), out.err());
    }

    /** Issue 12: the report never replaces an input or the log, nor an existing file without --overwrite. */
    @Test
    void allocate_outOnAnInputOrExisting_refusedUnlessOverwrite() throws Exception {
        Path log = OutputSafetyTest.smallLog(dir.resolve("held.jsonl"), 2);
        byte[] logBytes = Files.readAllBytes(log);
        byte[] cohortBytes = Files.readAllBytes(cohort);
        Path asJson = dir.resolve("held.json");
        Files.createSymbolicLink(asJson, log);
        for (String[] args : new String[][] {
            {"--capacity", "wage_subsidy=20", "--out", asJson.toString(), "--log", log.toString(), "--overwrite"},
            {"--capacity", "wage_subsidy=20", "--out", dir.resolve("new.json").toString(), "--log",
                dir.resolve("x/../new.json").toString()}}) {
            DemoCommandTest.Run r = allocate(args);
            assertEquals(2, r.status(), r.out() + r.err());
            assertTrue(r.err().contains("is the --log file") || r.err().contains("is the same file as --log"),
                    r.err());
        }
        Path existing = dir.resolve("existing.json");
        Files.writeString(existing, "{}");
        DemoCommandTest.Run r = allocate("--capacity", "wage_subsidy=20", "--out", existing.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("already exists; it is replaced only with --overwrite"), r.err());
        assertEquals("{}", Files.readString(existing));
        DemoCommandTest.Run ok = allocate("--capacity", "wage_subsidy=20", "--out", existing.toString(),
                "--overwrite");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(Files.readString(existing).contains("\"placements\""));
        assertEquals(java.util.Arrays.toString(logBytes), java.util.Arrays.toString(Files.readAllBytes(log)));
        assertEquals(java.util.Arrays.toString(cohortBytes), java.util.Arrays.toString(Files.readAllBytes(cohort)));
    }
}
