package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.fairpath.core.Sha256;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.ScoreFrame;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath audit} streams CSV and JSON Lines files into counts (issue 18): its report equals the report built
 * the earlier way, from every row in memory (AuditData, AuditCounts.of, ScoreFrame.of), on the same file; a column
 * with too many distinct values and running out of memory each end in one line.
 */
final class StreamedAuditCommandTest {

    @TempDir
    Path dir;

    /** Seeded rows: gender (2 + a few empty), age band (4), citizenship (3), decision, outcome, score (4 decimals). */
    static Path caseFile(Path dir, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder("case_id,gender,age_band,citizenship,decision,outcome,score\n");
        String[] ages = {"<25", "25-39", "40-54", "55+"};
        String[] cit = {"national", "EU", "non-EU"};
        for (int i = 0; i < n; i++) {
            double p = r.nextDouble();
            s.append("c").append(i).append(',').append(r.nextInt(50) == 0 ? "" : r.nextBoolean() ? "F" : "M")
                    .append(',').append(ages[r.nextInt(4)]).append(',').append(cit[r.nextInt(3)]).append(',')
                    .append(r.nextDouble() < p ? "referred" : "not_referred").append(',')
                    .append(r.nextInt(10) == 0 ? "" : r.nextDouble() < p ? "employed" : "unemployed").append(',')
                    .append(String.format(Locale.ROOT, "%.4f", p)).append('\n');
        }
        Path f = dir.resolve("cases.csv");
        Files.writeString(f, s, StandardCharsets.UTF_8);
        return f;
    }

    private static String withoutCreated(String json) throws IOException {
        ObjectNode o = (ObjectNode) new ObjectMapper().readTree(json);
        ((ObjectNode) o.get("provenance")).remove("created");
        return o.toString();
    }

    @Test
    void csvAudit_reportEqualsTheInMemoryReport() throws IOException {
        Path in = caseFile(dir, 30_000, 18);
        Path out = dir.resolve("report.json");
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", in.toString(), "--protected",
                "gender,age_band,citizenship", "--decision", "decision", "--favourable-decision", "referred",
                "--outcome", "outcome", "--favourable-outcome", "employed", "--score", "score", "--intersections",
                "3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> groups = List.of("gender", "age_band", "citizenship");
        AuditColumns spec = AuditColumns.of(groups, "decision", Set.of("referred"))
                .withOutcome("outcome", Set.of("employed"), Set.of()).withScore("score");
        AuditData data = AuditData.fromCsv(in, spec);
        AuditSettings settings = AuditSettings.withDefaults().withMinGroupSize(10).withConfidence(0.95);
        Audit audit = Audit.run(AuditCounts.of(data, 3), settings, AuditPolicy.withDefaults(), java.util.Map.of());
        // score metrics by every grouping audited (7: each attribute and each intersection), from the rows in memory
        List<ScoreFrame> scores = new ArrayList<>();
        for (List<String> g : audit.counts().groupings()) {
            scores.add(ScoreFrame.of(data, g, 10, settings));
        }
        assertEquals(7, scores.size());
        String expected = AuditReport.toJson(audit, scores, data.notes(), in.toString(), Sha256.hex(in),
                Instant.EPOCH);
        assertEquals(withoutCreated(expected), withoutCreated(Files.readString(out)));
        assertTrue(r.out().startsWith("Audited 30,000 cases by gender, age_band, citizenship (intersections up to"
                + " 3)."), r.out());
        assertTrue(Files.readString(out).contains("\"auc\""), "the report holds score metrics");
    }

    @Test
    void columnOfIds_refusedInOneLineNamingTheColumnAndTheLimit() throws IOException {
        Path in = caseFile(dir, 500, 1);
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", in.toString(), "--protected",
                "case_id,gender", "--decision", "decision", "--favourable-decision", "referred", "--max-distinct",
                "200", "--out", dir.resolve("r.json").toString());
        assertEquals(1, r.status());
        assertEquals("fairpath audit: " + in + ": group column 'case_id' holds more than 200 distinct values (the next"
                + " new one is on line 202); allowed: at most 200 (raise the limit with --max-distinct, or check that"
                + " this is a group, decision or outcome column)", r.err().strip());
        assertFalse(Files.exists(dir.resolve("r.json")));
        // counting for a counts file, alone or beside a report, is held to the same limit (fresh-eyes finding)
        for (boolean withReport : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("audit", "--input", in.toString(), "--protected",
                    "case_id,gender", "--decision", "decision", "--favourable-decision", "referred", "--max-distinct",
                    "200", "--counts-out", dir.resolve("c.json").toString()));
            if (withReport) {
                args.addAll(List.of("--out", dir.resolve("r.json").toString()));
            }
            DemoCommandTest.Run c = DemoCommandTest.run(args.toArray(String[]::new));
            assertEquals(1, c.status(), c.err());
            assertEquals(r.err(), c.err());
            assertFalse(Files.exists(dir.resolve("c.json")));
            assertFalse(Files.exists(dir.resolve("r.json")));
        }
        DemoCommandTest.Run bad = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "gender",
                "--decision", "decision", "--favourable-decision", "referred", "--max-distinct", "1", "--out",
                dir.resolve("r.json").toString());
        assertEquals(2, bad.status());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("fairpath audit: --max-distinct"), bad.err());
    }

    /**
     * A JVM with a 24 MiB heap auditing 300,000 distinct labels (the limit raised to allow them): the command ends
     * with one line saying it ran out of memory and what to do, exit status 1, no stack trace.
     */
    @Test
    void outOfMemory_oneLineNoStackTrace() throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder("person,decision\n");
        for (int i = 0; i < 300_000; i++) {
            s.append("person-with-a-long-pseudonym-").append(i).append(',').append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path in = dir.resolve("people.csv");
        Files.writeString(in, s);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                "org.fairpath.examples.Main", "audit", "--input", in.toString(), "--protected", "person",
                "--decision", "decision", "--favourable-decision", "yes", "--max-distinct", "1000000", "--out",
                dir.resolve("r.json").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("fairpath audit: out of memory (the Java heap is limited to"), err);
        assertTrue(err.contains("-Xmx") && err.contains("--max-distinct"), err);
        assertFalse(Files.exists(dir.resolve("r.json")));
    }
}
