package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath audit --counts-out} per region, then {@code fairpath merge-counts}, gives the audit of the union
 * file. Oracle: {@code fairpath audit} of the union file itself (the single-pass path); compared as JSON, all but the
 * provenance (creation time and input description).
 */
final class MergeCountsCommandTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "gender,age,region,referred,employed,score\n";

    /** Seeded rows; region "r0".."r2"; a rare gender "x" so that a small group exists. */
    private static List<String> rows(Random rnd, int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String g = rnd.nextInt(100) == 0 ? "x" : rnd.nextBoolean() ? "f" : "m";
            int age = 18 + rnd.nextInt(50);
            String referred = rnd.nextInt(3) == 0 ? "yes" : "no";
            String employed = rnd.nextInt(7) == 0 ? "" : rnd.nextBoolean() ? "1" : "0";
            String score = rnd.nextInt(9) == 0 ? "" : Double.toString(rnd.nextInt(1000) / 1000.0);
            rows.add(g + "," + age + ",r" + rnd.nextInt(3) + "," + referred + "," + employed + "," + score);
        }
        return rows;
    }

    private String[] audit(Path input, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("audit", "--input", input.toString(), "--protected",
                "gender,age,region", "--decision", "referred", "--favourable-decision", "yes", "--outcome", "employed",
                "--favourable-outcome", "1", "--bands", "age:30,50", "--intersections", "3", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static JsonNode withoutProvenanceInput(Path report) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(report.toFile());
        ObjectNode p = (ObjectNode) n.get("provenance");
        p.remove("created");
        ((ObjectNode) p.get("input")).remove("description");
        ((ObjectNode) p.get("input")).remove("sha256");
        return n;
    }

    @Test
    void regionsMerged_equalTheAuditOfTheUnion_forRandomSplits() throws IOException {
        Random rnd = new Random(2026);
        for (int round = 0; round < 3; round++) {
            List<String> all = rows(rnd, 400 + rnd.nextInt(800));
            Path union = dir.resolve("union" + round + ".csv");
            Files.writeString(union, HEADER + String.join("\n", all) + "\n", StandardCharsets.UTF_8);
            int parts = 2 + rnd.nextInt(3);
            List<StringBuilder> split = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                split.add(new StringBuilder(HEADER));
            }
            for (String r : all) {
                split.get(rnd.nextInt(parts)).append(r).append('\n');
            }
            List<String> merge = new ArrayList<>(List.of("merge-counts"));
            for (int p = 0; p < parts; p++) {
                Path region = dir.resolve("region" + round + "-" + p + ".csv");
                Files.writeString(region, split.get(p), StandardCharsets.UTF_8);
                Path counts = dir.resolve("counts" + round + "-" + p + ".json");
                DemoCommandTest.Run r = DemoCommandTest.run(audit(region, dir.resolve("r" + round + p + ".json"),
                        "--counts-out", counts.toString(), "--score", "score"));
                assertEquals(0, r.status(), r.err());
                merge.add(counts.toString());
            }
            Path single = dir.resolve("single" + round + ".json");
            DemoCommandTest.Run one = DemoCommandTest.run(audit(union, single, "--score", "score"));
            assertEquals(0, one.status(), one.err());
            Path merged = dir.resolve("merged" + round + ".json");
            merge.addAll(List.of("--name", union.toString(), "--out", merged.toString()));
            DemoCommandTest.Run m = DemoCommandTest.run(merge.toArray(new String[0]));
            assertEquals(0, m.status(), m.err());
            assertEquals(withoutProvenanceInput(single), withoutProvenanceInput(merged), "round " + round);
            assertTrue(m.out().contains(String.format(java.util.Locale.ROOT, "%,d cases from %d inputs", all.size(),
                    parts)), m.out());
        }
    }

    /** Fresh-eyes finding 1: a region that referred nobody can be counted; the rules judge the merged counts. */
    @Test
    void aRegionThatReferredNobody_isCountedAlone_andTheMergeEqualsTheUnion() throws IOException {
        List<String> all = rows(new Random(11), 600);
        StringBuilder none = new StringBuilder(HEADER);
        StringBuilder rest = new StringBuilder(HEADER);
        for (String r : all) {
            (r.contains(",no,") ? none : rest).append(r).append('\n');
        }
        Path a = Files.writeString(dir.resolve("nobody.csv"), none);
        Path b = Files.writeString(dir.resolve("rest.csv"), rest);
        Path union = Files.writeString(dir.resolve("all.csv"), none + rest.substring(HEADER.length()));
        DemoCommandTest.Run alone = DemoCommandTest.run(audit(a, dir.resolve("nobody.json")));
        assertEquals(1, alone.status(), "the region alone cannot be audited: no one was referred");
        assertTrue(alone.err().contains("the favourable value 'yes' never occurs"), alone.err());
        String[] countOnly = audit(a, dir.resolve("unused.json"), "--counts-out", dir.resolve("a.json").toString());
        List<String> args = new ArrayList<>(List.of(countOnly));
        int out = args.indexOf("--out");
        args.remove(out + 1);
        args.remove(out);
        DemoCommandTest.Run ca = DemoCommandTest.run(args.toArray(new String[0]));
        assertEquals(0, ca.status(), ca.err());
        assertTrue(ca.out().contains("NOTE  this input alone would be refused (merged with others it may pass): "
                + a + ": decision column 'referred': the favourable value 'yes' never occurs"), ca.out());
        assertFalse(Files.exists(dir.resolve("unused.json")));
        // the other region referred everyone: counted alone as well
        List<String> argsB = new ArrayList<>(List.of(audit(b, dir.resolve("unused.json"), "--counts-out",
                dir.resolve("b.json").toString())));
        argsB.remove(out + 1);
        argsB.remove(out);
        DemoCommandTest.Run cb = DemoCommandTest.run(argsB.toArray(new String[0]));
        assertEquals(0, cb.status(), cb.err());
        assertTrue(cb.out().contains("every value seen is named favourable"), cb.out());
        assertEquals(0, DemoCommandTest.run(audit(union, dir.resolve("all.json"))).status());
        DemoCommandTest.Run m = DemoCommandTest.run("merge-counts", dir.resolve("a.json").toString(),
                dir.resolve("b.json").toString(), "--name", union.toString(), "--out", dir.resolve("ab.json")
                .toString());
        assertEquals(0, m.status(), m.err());
        assertEquals(withoutProvenanceInput(dir.resolve("all.json")), withoutProvenanceInput(dir.resolve("ab.json")));
        assertTrue(m.out().contains("  INPUT " + a + " ("), m.out());
        String description = JSON.readTree(dir.resolve("ab.json").toFile()).get("provenance").get("input")
                .get("description").asText();
        assertTrue(description.startsWith(union + ": merged counts of " + a + " (") && description.contains(
                "SHA-256 " + org.fairpath.core.Sha256.hex(b)), description);
        DemoCommandTest.Run onlyA = DemoCommandTest.run("merge-counts", dir.resolve("a.json").toString(), "--out",
                dir.resolve("a-only.json").toString());
        assertEquals(1, onlyA.status());
        assertTrue(onlyA.err().contains("the favourable value 'yes' never occurs"), onlyA.err());
    }

    @Test
    void countsFile_holdsSmallGroups_theMergedReportSuppressesThem() throws IOException {
        Path input = dir.resolve("small.csv");
        // 12 f, 12 m, 2 x: x is below the minimum group size of 10
        StringBuilder s = new StringBuilder(HEADER);
        for (int i = 0; i < 26; i++) {
            s.append(i < 12 ? "f" : i < 24 ? "m" : "x").append(",40,r1,").append(i % 2 == 0 ? "yes" : "no")
                    .append(',').append(i % 3 == 0 ? "1" : "0").append(",0.5\n");
        }
        Files.writeString(input, s, StandardCharsets.UTF_8);
        Path counts = dir.resolve("small-counts.json");
        assertEquals(0, DemoCommandTest.run(audit(input, dir.resolve("small.json"), "--counts-out",
                counts.toString())).status());
        JsonNode c = JSON.readTree(counts.toFile());
        long x = 0;
        for (JsonNode cell : c.get("cells")) {
            if (cell.get("values").get(0).asText().equals("x")) {
                x += cell.get("cases").asLong();
            }
        }
        assertEquals(2, x, "the counts file keeps the 2 cases of the small group");
        Path merged = dir.resolve("small-merged.json");
        DemoCommandTest.Run m = DemoCommandTest.run("merge-counts", counts.toString(), "--out", merged.toString());
        assertEquals(0, m.status(), m.err());
        JsonNode gender = JSON.readTree(merged.toFile()).get("groupings").get(0).get("metrics").get(0).get("groups");
        boolean suppressed = false;
        for (JsonNode g : gender) {
            if (g.get("levels").get(0).asText().equals("x")) {
                suppressed = g.get("suppressed").asBoolean() && g.get("value").isNull();
            }
        }
        assertTrue(suppressed, gender.toString());
    }

    @Test
    void otherSettings_tamperedFile_sameInputTwice_areOneLineErrors() throws IOException {
        Path input = dir.resolve("a.csv");
        Files.writeString(input, HEADER + String.join("\n", rows(new Random(1), 200)) + "\n");
        Path a = dir.resolve("a-counts.json");
        Path b = dir.resolve("b-counts.json");
        assertEquals(0, DemoCommandTest.run(audit(input, dir.resolve("a.json"), "--counts-out", a.toString()))
                .status());
        Path other = dir.resolve("b.csv");
        Files.writeString(other, HEADER + String.join("\n", rows(new Random(2), 200)) + "\n");
        assertEquals(0, DemoCommandTest.run(audit(other, dir.resolve("b.json"), "--counts-out", b.toString(),
                "--min-group", "5")).status());
        DemoCommandTest.Run differ = DemoCommandTest.run("merge-counts", a.toString(), b.toString(), "--out",
                dir.resolve("m.json").toString());
        assertEquals(1, differ.status());
        assertEquals("fairpath merge-counts: " + b + " cannot be merged with " + a + ": minGroupSize is '5' in " + b
                + " but '10' in " + a + "; only counts made with the same columns and settings can be merged\n", differ.err());

        DemoCommandTest.Run twice = DemoCommandTest.run("merge-counts", a.toString(), a.toString(), "--out",
                dir.resolve("m.json").toString());
        assertEquals(1, twice.status());
        assertTrue(twice.err().contains("both count the input '" + input + "'"), twice.err());

        Path tampered = dir.resolve("t-counts.json");
        Files.writeString(tampered, Files.readString(a).replaceFirst("\"cases\" : (\\d+)", "\"cases\" : 1$1"));
        DemoCommandTest.Run t = DemoCommandTest.run("merge-counts", tampered.toString(), "--out",
                dir.resolve("m.json").toString());
        assertEquals(1, t.status());
        assertEquals("fairpath merge-counts: " + tampered + ": the content does not match its contentSha256; the"
                + " file was edited or damaged after it was written. Write it again from the data\n", t.err());
        assertFalse(Files.exists(dir.resolve("m.json")), "nothing is written after an error");

        DemoCommandTest.Run log = DemoCommandTest.run("merge-counts", a.toString(), "--out",
                dir.resolve("m.txt").toString());
        assertEquals(2, log.status());
        assertEquals("fairpath merge-counts: --out " + dir.resolve("m.txt") + " must end in .html or .json\n",
                log.err());
    }
}
