package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.ValueCounts;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts merged from partitions equal the audit of all rows in one file. Oracle: the single-machine path
 * ({@link AuditData#fromCsv} then {@link AuditCounts#of(AuditData, int)}, notes and the JSON report), which shares no
 * counting code with {@link ValueCounts}; and a hand-counted case.
 */
final class CountsMergeTest {

    @TempDir
    Path dir;

    private static final Instant WHEN = Instant.parse("2026-12-03T00:00:00Z");

    @Test
    void handCounted_twoGroupsFourCases() {
        AuditColumns spec = AuditColumns.of(List.of("sex"), "d", Set.of("yes")).withOutcome("o", Set.of("1"),
                Set.of("NA"));
        ValueCounts t = ValueCounts.of(spec);
        t.add(new String[] {"F"}, "yes", "1", Double.NaN);
        t.add(new String[] {"F"}, "no", "1", Double.NaN);
        t.add(new String[] {"M"}, "yes", "0", Double.NaN);
        t.add(new String[] {"M"}, "no", "NA", Double.NaN);
        ValueCounts.Reading r = t.interpret("hand", 1);
        // F: n 2, selected 1, tp 1 (yes,1), fn 1 (no,1); M: n 2, selected 1, fp 1 (yes,0), the NA case counts in n only
        assertEquals(new GroupCounts(2, 1, 1, 0, 0, 1), r.counts().groups(List.of("sex")).get(List.of("F")));
        assertEquals(new GroupCounts(2, 1, 0, 1, 0, 0), r.counts().groups(List.of("sex")).get(List.of("M")));
        assertEquals(new GroupCounts(4, 2, 1, 1, 0, 1), r.counts().overall());
    }

    /** Generated: random data, random partitions, random merge order; same counts, notes, report and errors. */
    @Test
    void mergedPartitions_equalOnePass_onRandomData() throws IOException {
        Random rnd = new Random(19);
        int compared = 0;
        int refusedAlike = 0;
        for (int iter = 0; iter < 150; iter++) {
            Case c = randomCase(rnd, iter);
            Path file = dir.resolve("case" + iter + ".csv");
            Files.writeString(file, c.csv(), StandardCharsets.UTF_8);
            String oneError = null;
            AuditData data = null;
            try {
                data = AuditData.fromCsv(file, c.spec);
            } catch (IllegalArgumentException e) {
                oneError = e.getMessage();
            }
            List<ValueCounts> parts = new ArrayList<>();
            int p = 1 + rnd.nextInt(5);
            for (int i = 0; i < p; i++) {
                parts.add(ValueCounts.of(c.spec));
            }
            ValueCounts merged = null;
            ValueCounts.Reading reading = null;
            String tallyError = null;
            try {
                for (String[] row : c.rows) {
                    ValueCounts part = parts.get(rnd.nextInt(p));
                    part.add(java.util.Arrays.copyOf(row, c.spec.groups().size()), row[c.k], row[c.k + 1],
                            row[c.k + 2]);
                }
                Collections.shuffle(parts, rnd);
                merged = parts.get(0);
                for (int i = 1; i < p; i++) {
                    merged = merged.merge(parts.get(i));
                }
                reading = merged.interpret(file.toString(), c.depth);
            } catch (IllegalArgumentException e) {
                tallyError = e.getMessage();
            }
            if (oneError != null || tallyError != null) {
                assertTrue(oneError != null && tallyError != null, "case " + iter + ": one pass says " + oneError
                        + "; merged counts say " + tallyError);
                refusedAlike++;
                continue;
            }
            AuditCounts one = AuditCounts.of(data, c.depth);
            assertSameCounts(one, reading.counts(), "case " + iter);
            assertEquals(data.notes(), reading.notes(), "case " + iter);
            AuditSettings s = AuditSettings.withDefaults().withMinGroupSize(1 + rnd.nextInt(4));
            List<org.fairpath.fairness.metrics.ScoreFrame> scores = new ArrayList<>();
            for (List<String> g : one.groupings()) { // every grouping audited, intersections included
                scores.add(org.fairpath.fairness.metrics.ScoreFrame.of(data, g, 10, s));
            }
            String a = AuditReport.toJson(Audit.run(one, s, AuditPolicy.withDefaults()), scores, data.notes(),
                    "x", null, WHEN);
            CountsFile whole = new CountsFile(merged, c.depth, s, AuditPolicy.withDefaults(), Map.of(), List.of());
            String b = whole.audit(file.toString()).toJson("x", null, WHEN);
            assertEquals(a, b, "case " + iter);
            // the same file counted by ValueCounts.fromFile, and through a counts file written and read back
            ValueCounts fromFile = ValueCounts.fromFile(file, c.spec);
            CountsFile cf = new CountsFile(fromFile, c.depth, s, AuditPolicy.withDefaults(), Map.of(),
                    List.of(new CountsFile.Source("case", null, c.rows.size())));
            CountsFile back = CountsFile.fromJson(cf.toJson(), "case.json");
            assertEquals(cf.toJson(), back.toJson());
            assertSameCounts(one, back.counts().interpret(file.toString(), c.depth).counts(), "file " + iter);
            compared++;
        }
        // the generator must exercise both outcomes, or the test proves little
        assertTrue(compared >= 60 && refusedAlike >= 10, compared + " compared, " + refusedAlike + " refused");
    }

    static void assertSameCounts(AuditCounts a, AuditCounts b, String what) {
        assertEquals(a.groupings(), b.groupings(), what);
        for (List<String> g : a.groupings()) {
            assertEquals(a.groups(g), b.groups(g), what + " " + g);
            assertEquals(List.copyOf(a.groups(g).keySet()), List.copyOf(b.groups(g).keySet()), what + " order");
        }
        assertEquals(a.overall(), b.overall(), what);
    }

    private record Case(AuditColumns spec, int k, int depth, List<String[]> rows) {
        String csv() {
            StringBuilder s = new StringBuilder(String.join(",", spec.groups()) + ",d,o,s\n");
            for (String[] r : rows) {
                s.append(String.join(",", r)).append('\n');
            }
            return s.toString();
        }
    }

    private static final String[] SEX = {"F", "M", "M", "F", "X", "f", "F "};
    private static final String[] REGION = {"north", "south", "south", "", "North", "east"};
    private static final String[] DECISION = {"yes", "no", "no", "yes", "maybe"};
    private static final String[] OUTCOME = {"1", "0", "0", "1", "", "NA", "pending"};

    private static Case randomCase(Random rnd, int iter) {
        int n = 5 + rnd.nextInt(80);
        boolean rare = rnd.nextInt(4) == 0;
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sex = SEX[rnd.nextInt(rare ? SEX.length : 4)];
            String region = REGION[rnd.nextInt(rare ? REGION.length : 3)];
            String age = rnd.nextInt(10) == 0 ? "" : Integer.toString(18 + rnd.nextInt(50));
            if (rare && rnd.nextInt(40) == 0) {
                age = "old";
            }
            String d = DECISION[rnd.nextInt(rare ? DECISION.length : 4)];
            String o = OUTCOME[rnd.nextInt(rare ? OUTCOME.length : 6)];
            String s = rnd.nextInt(8) == 0 ? "" : rnd.nextInt(60) == 0 ? "NaN"
                    : rare && rnd.nextInt(200) == 0 ? "1.5" : Double.toString(rnd.nextInt(11) / 10.0);
            rows.add(new String[] {sex, region, age, d, o, s});
        }
        AuditColumns spec = AuditColumns.of(List.of("sex", "region", "age"), "d", Set.of("yes"))
                .withOutcome("o", Set.of("1"), Set.of("NA")).withScore("s")
                .withLabels(AuditColumns.Labels.values()[rnd.nextInt(3)])
                .withBands(Map.of("age", new double[] {30, 50}));
        return new Case(spec, 3, 1 + rnd.nextInt(3), rows);
    }

    @Test
    void editedCounts_areRefused() throws IOException {
        CountsFile cf = sample();
        String json = cf.toJson();
        String edited = json.replaceFirst("\"cases\" : 2", "\"cases\" : 3");
        assertTrue(!edited.equals(json), "the sample has a cell of 2 cases");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CountsFile.fromJson(edited, "r.json"));
        assertTrue(e.getMessage().contains("r.json: the content does not match its contentSha256"), e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> CountsFile.fromJson(json.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"), "r.json"));
        assertTrue(v.getMessage().contains("schemaVersion 2 is not supported"), v.getMessage());
    }

    @Test
    void otherSettings_orTheSameInputTwice_areRefusedNamingWhatDiffers() {
        CountsFile a = sample();
        CountsFile b = new CountsFile(a.counts(), a.depth(), a.settings().withMinGroupSize(5), a.policy(),
                Map.of(), List.of(new CountsFile.Source("b.csv", "b".repeat(64), 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b, "a.json",
                "b.json"));
        assertEquals("b.json cannot be merged with a.json: minGroupSize is '5' in b.json but '10' in a.json; only counts made"
                + " with the same columns and settings can be merged", e.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> a.merge(a, "a.json",
                "a2.json"));
        assertTrue(twice.getMessage().contains("both count the input 'a.csv'"), twice.getMessage());
        AuditColumns other = AuditColumns.of(List.of("sex"), "d", Set.of("y"));
        ValueCounts t = ValueCounts.of(other);
        t.add(new String[] {"F"}, "y", null, Double.NaN);
        CountsFile c = new CountsFile(t, 1, a.settings(), a.policy(), Map.of(), List.of());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> a.merge(c, "a.json",
                "c.json"));
        assertTrue(f.getMessage().contains("favourableDecision is 'y' in c.json but 'yes' in a.json"), f.getMessage());
        // the same attributes in another order: still refused, and the message says why
        ValueCounts sexAge = ValueCounts.of(AuditColumns.of(List.of("sex", "age"), "d", Set.of("yes")));
        sexAge.add(new String[] {"F", "30"}, "yes", null, Double.NaN);
        ValueCounts ageSex = ValueCounts.of(AuditColumns.of(List.of("age", "sex"), "d", Set.of("yes")));
        ageSex.add(new String[] {"30", "F"}, "yes", null, Double.NaN);
        CountsFile sa = new CountsFile(sexAge, 1, a.settings(), a.policy(), Map.of(), List.of());
        CountsFile d = new CountsFile(ageSex, 1, a.settings(), a.policy(), Map.of(), List.of());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> sa.merge(d, "a.json",
                "d.json"));
        assertTrue(order.getMessage().startsWith("d.json cannot be merged with a.json: the group attributes (groups)"
                + " is 'age', 'sex' in d.json but 'sex', 'age' in a.json"), order.getMessage());
        assertTrue(order.getMessage().contains("the same attributes in another order"), order.getMessage());
        // a map setting is shown as the command line spells it, not as Java prints a map
        CountsFile e2 = new CountsFile(a.counts(), a.depth(), a.settings(), a.policy(),
                Map.of(a.counts().columns().groups().get(0), "F"), List.of());
        IllegalArgumentException refs = assertThrows(IllegalArgumentException.class, () -> a.merge(e2, "a.json",
                "e.json"));
        assertTrue(refs.getMessage().contains("references is '" + a.counts().columns().groups().get(0)
                + "=F' in e.json but (none) in a.json"), refs.getMessage());
    }

    /** Fresh-eyes findings 2 and 3: files edited and resealed (hash recomputed) with counts no audit writes. */
    @Test
    void resealedFiles_withImpossibleCounts_areRefused() throws IOException {
        String json = sample().toJson();
        assertRefused(reseal(json, n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("cells").get(0))
                .put("values", "x")), "r.json: 'values' is \"x\"; expected an array");
        assertRefused(reseal(json, n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("cells").get(0)
                .get("values")).set(2, new com.fasterxml.jackson.databind.node.TextNode("1"))),
                "has the outcome value '1', but these counts have no outcome column");
        assertRefused(reseal(json, n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n).putArray("inputs")),
                "r.json: no inputs");
        assertRefused(reseal(json, n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("inputs").get(0))
                .put("sha256", "xyz")), "allowed: 64 lower-case hex digits");
        assertRefused(reseal(json, n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("inputs").get(0))
                .put("rows", 5)), "r.json: the inputs have 5 rows but the cells hold 4 cases");
        assertRefused(reseal(json, n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                .put("fairpathVersion", "9.9.9")), "r.json was written by fairpath \"9.9.9\"");
        // JSON that is not one document, or gives a key twice
        assertRefused(json + "{}", "r.json is not JSON");
        assertRefused(json.replaceFirst("\"rows\" : 4,", "\"rows\" : 4, \"rows\" : 4,"), "Duplicate field 'rows'");
        // a band that the bands cannot produce
        ValueCounts banded = ValueCounts.of(AuditColumns.of(List.of("age"), "d", Set.of("yes"))
                .withBands(Map.of("age", new double[] {25})));
        banded.add(new String[] {"30"}, "yes", null, Double.NaN);
        banded.add(new String[] {"20"}, "no", null, Double.NaN);
        String b = new CountsFile(banded, 1, AuditSettings.withDefaults(), AuditPolicy.withDefaults(), Map.of(),
                List.of(new CountsFile.Source("b.csv", null, 2))).toJson();
        assertEquals(2, CountsFile.fromJson(b, "b.json").counts().rows());
        assertRefused(reseal(b, n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("cells").get(0)
                .get("values")).set(0, new com.fasterxml.jackson.databind.node.TextNode("30-40"))),
                "'30-40' is not a band of 'age'");
    }

    /** Fresh-eyes finding 2: counts that add up past 2^63 - 1 are refused, never wrapped around. */
    @Test
    void countsAddingUpPastTheLargestLong_areRefused() {
        ValueCounts a = ValueCounts.of(AuditColumns.of(List.of("sex"), "d", Set.of("yes")));
        a.addCell(List.of("F", "yes", ""), Long.MAX_VALUE / 2 + 1, Map.of());
        ValueCounts b = ValueCounts.of(AuditColumns.of(List.of("sex"), "d", Set.of("yes")));
        b.addCell(List.of("M", "no", ""), Long.MAX_VALUE / 2 + 1, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertTrue(e.getMessage().contains("add up to more than 9,223,372,036,854,775,807 cases"), e.getMessage());
        assertEquals(Long.MAX_VALUE / 2 + 1, a.rows(), "nothing was merged");
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> a.addCell(List.of("F", "yes", ""), Long.MAX_VALUE / 2 + 1, Map.of()));
        assertTrue(same.getMessage().contains("add up to more than"), same.getMessage());
    }

    private static void assertRefused(String json, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CountsFile.fromJson(json, "r.json"));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** The file edited by {@code edit} and its contentSha256 recomputed as a careless (or hostile) editor would. */
    private static String reseal(String json, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> edit)
            throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode)
                m.readTree(json);
        n.remove("contentSha256");
        edit.accept(n);
        try {
            n.put("contentSha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(m.writeValueAsBytes(n))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return m.writeValueAsString(n);
    }

    private static CountsFile sample() {
        ValueCounts t = ValueCounts.of(AuditColumns.of(List.of("sex"), "d", Set.of("yes")));
        t.add(new String[] {"F"}, "yes", null, Double.NaN);
        t.add(new String[] {"F"}, "yes", null, Double.NaN);
        t.add(new String[] {"M"}, "no", null, Double.NaN);
        t.add(new String[] {"M"}, "yes", null, Double.NaN);
        return new CountsFile(t, 1, AuditSettings.withDefaults(), AuditPolicy.withDefaults(), Map.of(),
                List.of(new CountsFile.Source("a.csv", "a".repeat(64), 4)));
    }
}
