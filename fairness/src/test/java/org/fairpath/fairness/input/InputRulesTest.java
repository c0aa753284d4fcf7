package org.fairpath.fairness.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: input is interpreted with certainty or refused, with the values seen and where. */
final class InputRulesTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static IllegalArgumentException refused(ThrowingRead r) {
        return assertThrows(IllegalArgumentException.class, r::read);
    }

    /** The notes about group labels, without those saying how decision and outcome values were read. */
    private static List<String> labelNotes(AuditData d) {
        return d.notes().stream().filter(n -> !n.contains(" read as: ") && !n.contains(" read as unknown")).toList();
    }

    interface ThrowingRead {
        void read() throws IOException;
    }

    @Test
    void favourableValueThatNeverOccurs_isAnErrorWithValuesSeen() throws IOException {
        Path p = csv("d.csv", "sex,referred\nF,yes\nM,no\nF,no\n");
        IllegalArgumentException e = refused(() -> AuditData.fromCsv(p, List.of("sex"), "referred", "Yes", null,
                null));
        assertTrue(e.getMessage().contains("the favourable value 'Yes' never occurs (did you mean 'yes'?); values "
                + "seen: 'no' 2, 'yes' 1"), e.getMessage());
        IllegalArgumentException one = refused(() -> AuditData.fromCsv(p, List.of("sex"), "referred", "1", null,
                null));
        assertTrue(one.getMessage().contains("'1' never occurs"), one.getMessage());
        Path j = csv("d.jsonl", "{\"sex\":\"F\",\"low_risk\":true}\n{\"sex\":\"M\",\"low_risk\":false}\n");
        IllegalArgumentException json = refused(() -> AuditData.fromJsonLines(j, List.of("sex"), "low_risk", "1",
                null, null, null));
        assertTrue(json.getMessage().contains("values seen: 'true' 1, 'false' 1")
                || json.getMessage().contains("values seen: 'false' 1, 'true' 1"), json.getMessage());
    }

    @Test
    void decisionAndOutcome_haveTheirOwnFavourableValues_andUnknownMarkersMustBeNamed() throws IOException {
        Path p = csv("d.csv", "sex,referred,employed\nF,yes,1\nF,no,0\nM,yes,NA\nM,no,\nM,yes,1\n");
        AuditColumns spec = AuditColumns.of(List.of("sex"), "referred", Set.of("yes"));
        IllegalArgumentException na = refused(() -> AuditData.fromCsv(p, spec.withOutcome("employed", Set.of("1"),
                Set.of())));
        assertTrue(na.getMessage().contains("holds 'NA' (1 cases), which reads as an unknown outcome"),
                na.getMessage());
        AuditData d = AuditData.fromCsv(p, spec.withOutcome("employed", Set.of("1"), Set.of("NA")));
        GroupCounts m = AuditCounts.of(d, 1).groups(List.of("sex")).get(List.of("M"));
        assertEquals(new GroupCounts(3, 2, 1, 0, 0, 0), m); // NA and the empty cell are unknown: only one known
        for (String marker : List.of("?", "pending", "n/a")) {
            Path q = csv("m.csv", "sex,referred,employed\nF,yes,1\nF,no,0\nM,yes," + marker + "\n");
            assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(q, spec.withOutcome("employed",
                    Set.of("1"), Set.of())), marker);
        }
        Path dec = csv("dec.csv", "sex,referred\nF,yes\nM,pending\n");
        assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(dec, spec));
        Path near = csv("near.csv", "sex,referred\nF,yes\nM,Yes\nM,no\n");
        IllegalArgumentException n = refused(() -> AuditData.fromCsv(near, spec));
        assertTrue(n.getMessage().contains("'Yes' (1 cases) beside the favourable 'yes'"), n.getMessage());
    }

    @Test
    void labelsThatCollideOnceNormalised_areReportedMergedOrRefused() throws IOException {
        String text = "sex,referred\nF,yes\n\"F \",yes\nf,no\n\uFF26,no\nF\u200B,yes\nM,no\nM,yes\n";
        Path p = csv("l.csv", text);
        AuditColumns spec = AuditColumns.of(List.of("sex"), "referred", Set.of("yes"));
        AuditData report = AuditData.fromCsv(p, spec);
        assertEquals(6, AuditCounts.of(report, 1).groups(List.of("sex")).size());
        assertEquals(1, labelNotes(report).size());
        assertTrue(labelNotes(report).get(0).contains("'F\\u200B' (1)"), report.notes().toString());
        AuditData merged = AuditData.fromCsv(p, spec.withLabels(AuditColumns.Labels.NORMALISE));
        Map<List<String>, GroupCounts> g = AuditCounts.of(merged, 1).groups(List.of("sex"));
        assertEquals(2, g.size());
        assertEquals(new GroupCounts(5, 3, 0, 0, 0, 0), g.get(List.of("F")));
        IllegalArgumentException strict = refused(() -> AuditData.fromCsv(p,
                spec.withLabels(AuditColumns.Labels.STRICT)));
        assertTrue(strict.getMessage().contains("'f' (1)") && strict.getMessage().contains("'\uFF26' (1)"),
                strict.getMessage());
        Path numbers = csv("n.csv", "age,referred\n25,yes\n25.0,no\n30,no\n");
        AuditData n = AuditData.fromCsv(numbers, AuditColumns.of(List.of("age"), "referred", Set.of("yes")));
        assertTrue(labelNotes(n).get(0).contains("'25' (1), '25.0' (1)"), n.notes().toString());
    }

    @Test
    void emptyCells_areTheirOwnGroup_neverMergedWithALiteral() throws IOException {
        Path p = csv("e.csv", "sex,referred\nF,yes\n,no\nM,no\n");
        AuditData d = AuditData.fromCsv(p, List.of("sex"), "referred", "yes", null, null);
        assertEquals(new GroupCounts(1, 0, 0, 0, 0, 0),
                AuditCounts.of(d, 1).groups(List.of("sex")).get(List.of(AuditData.MISSING)));
        Path lit = csv("lit.csv", "sex,referred\nF,yes\n,no\n(missing),no\n");
        IllegalArgumentException e = refused(() -> AuditData.fromCsv(lit, List.of("sex"), "referred", "yes", null,
                null));
        assertTrue(e.getMessage().contains("holds the text '(missing)' (1 cases)"), e.getMessage());
    }

    @Test
    void malformedFiles_nameFileLineAndColumn() throws IOException {
        Path dup = csv("dup.csv", "sex,referred,sex\nF,yes,M\n");
        assertTrue(refused(() -> AuditData.fromCsv(dup, List.of("sex"), "referred", "yes", null, null))
                .getMessage().endsWith("dup.csv: line 1, column 3: the header names 'sex' twice; which one is meant "
                        + "cannot be known"));
        Path dupJson = csv("dup.jsonl", "{\"sex\":\"F\",\"r\":\"yes\"}\n{\"sex\":\"F\",\"r\":\"no\",\"sex\":\"M\"}\n");
        IllegalArgumentException j = refused(() -> AuditData.fromJsonLines(dupJson, List.of("sex"), "r", "yes",
                null, null, null));
        assertTrue(j.getMessage().contains("dup.jsonl: line 2, column") && j.getMessage().contains("'sex'"),
                j.getMessage());
        // fresh eyes: a second object on a line was silently dropped; it must be refused with line and column
        Path twoObjects = csv("two.jsonl", "{\"sex\":\"F\",\"r\":\"yes\"} {\"sex\":\"M\",\"r\":\"no\"}\n"
                + "{\"sex\":\"M\",\"r\":\"no\"}\n");
        IllegalArgumentException two = refused(() -> AuditData.fromJsonLines(twoObjects, List.of("sex"), "r", "yes",
                null, null, null));
        assertTrue(two.getMessage().contains("two.jsonl: line 1, column") && two.getMessage().contains("Trailing"),
                two.getMessage());
        Path bom = csv("bom.csv", "\uFEFFsex,referred\nF,yes\nM,no\n");
        assertEquals(2, AuditData.fromCsv(bom, List.of("sex"), "referred", "yes", null, null).rows());
        Path quotedNewline = csv("q.csv", "sex,referred\n\"F\nG\",yes\nM,no\n");
        AuditData q = AuditData.fromCsv(quotedNewline, List.of("sex"), "referred", "yes", null, null);
        assertEquals(List.of("F\nG", "M"), q.levels(0));
        Path open = csv("open.csv", "sex,referred\nF,yes\n\"M,no\nF,yes\n");
        assertTrue(refused(() -> AuditData.fromCsv(open, List.of("sex"), "referred", "yes", null, null))
                .getMessage().endsWith("open.csv: line 3, column 1: the quoted field opened here is never closed"));
        Path stray = csv("stray.csv", "sex,referred\nF,ye\"s\n");
        assertTrue(refused(() -> AuditData.fromCsv(stray, List.of("sex"), "referred", "yes", null, null))
                .getMessage().contains("stray.csv: line 2, column 5: a quote inside an unquoted field"));
    }

    @Test
    void numericGroups_needBands_andBandsNeedNumbers() throws IOException {
        StringBuilder t = new StringBuilder("age,sex,referred\n");
        for (int i = 0; i < 30; i++) {
            t.append(20 + i).append(",F,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path p = csv("ages.csv", t.toString());
        AuditColumns spec = AuditColumns.of(List.of("age", "sex"), "referred", Set.of("yes"));
        assertTrue(refused(() -> AuditData.fromCsv(p, spec)).getMessage()
                .contains("group column 'age' is numeric with 30 distinct values, one group each; give bands"));
        AuditData banded = AuditData.fromCsv(p, spec.withBands(Map.of("age", new double[] {30, 40})));
        assertEquals(List.of("<30", "30-40", "40+"), banded.levels(0));
        assertTrue(refused(() -> AuditData.fromCsv(p, spec.withBands(Map.of("age", new double[] {30},
                "sex", new double[] {30})))).getMessage().contains("group column 'sex': line 2: cannot band 'F': bands "
                + "need numbers, but the column holds text: 'F' 30"));
    }

    /**
     * Generated inputs (seeded, 300 files): labels spelled with random case, spaces, fullwidth forms and zero-width
     * characters, and decision/outcome columns with random favourable and unknown values. Oracle: the rules stated
     * independently here — merged groups equal the distinct base labels, kept groups the distinct spellings, a note
     * or a refusal exactly when some base has two spellings, counts add up; a favourable value that does not occur or
     * an unnamed unknown marker is refused, otherwise favourable counts equal a direct count.
     */
    @Test
    void generatedInputs_followTheValueAndLabelRules() throws IOException {
        SplittableRandom rnd = new SplittableRandom(1313);
        String[] bases = {"f", "m", "x", "nb", "ab"};
        String[] outcomeValues = {"1", "0", "NA", "?", "pending", ""};
        int accepted = 0;
        int refusedCount = 0;
        for (int run = 0; run < 300; run++) {
            int rows = 5 + rnd.nextInt(40);
            List<String> labels = new ArrayList<>();
            List<String> baseOf = new ArrayList<>();
            List<String> decisions = new ArrayList<>();
            List<String> outcomes = new ArrayList<>();
            StringBuilder text = new StringBuilder("g,d,o\n");
            for (int i = 0; i < rows; i++) {
                String base = bases[rnd.nextInt(1 + rnd.nextInt(bases.length))];
                String l = decorate(base, rnd);
                String dv = rnd.nextInt(3) == 0 ? "yes" : "no";
                String ov = outcomeValues[rnd.nextInt(rnd.nextBoolean() ? 2 : outcomeValues.length)];
                labels.add(l);
                baseOf.add(base);
                decisions.add(dv);
                outcomes.add(ov);
                text.append('"').append(l).append("\",").append(dv).append(',').append(ov).append('\n');
            }
            Path p = csv("gen" + run + ".csv", text.toString());
            Set<String> unknown = rnd.nextBoolean() ? Set.of("NA", "?", "pending") : Set.of("NA");
            AuditColumns spec = AuditColumns.of(List.of("g"), "d", Set.of("yes")).withOutcome("o", Set.of("1"),
                    unknown);
            boolean collide = false;
            for (String b : new TreeSet<>(baseOf)) {
                collide |= labels.stream().filter(x -> baseOf.get(labels.indexOf(x)).equals(b)).distinct().count() > 1;
            }
            // no unfavourable value left ("no" or "0" absent) is refused too (issue 13, fourth round)
            boolean badValue = !decisions.contains("yes") || !outcomes.contains("1")
                    || !decisions.contains("no") || !outcomes.contains("0")
                    || outcomes.stream().anyMatch(o -> !o.isEmpty() && !o.equals("1") && !o.equals("0")
                    && !unknown.contains(o));
            if (badValue) {
                assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(p, spec), text.toString());
                refusedCount++;
                continue;
            }
            accepted++;
            AuditData kept = AuditData.fromCsv(p, spec);
            AuditData merged = AuditData.fromCsv(p, spec.withLabels(AuditColumns.Labels.NORMALISE));
            assertEquals(new TreeSet<>(labels).size(), kept.levels(0).size());
            assertEquals(new TreeSet<>(baseOf).size(), merged.levels(0).size());
            assertEquals(collide, !labelNotes(kept).isEmpty());
            if (collide) {
                assertThrows(IllegalArgumentException.class,
                        () -> AuditData.fromCsv(p, spec.withLabels(AuditColumns.Labels.STRICT)));
            } else {
                AuditData.fromCsv(p, spec.withLabels(AuditColumns.Labels.STRICT));
            }
            GroupCounts all = AuditCounts.of(merged, 1).overall();
            assertEquals(rows, all.n());
            assertEquals(decisions.stream().filter("yes"::equals).count(), all.selected());
            long knownFavourable = outcomes.stream().filter("1"::equals).count();
            assertEquals(knownFavourable, all.tp() + all.fn());
            long known = outcomes.stream().filter(o -> o.equals("1") || o.equals("0")).count();
            assertEquals(known, all.tp() + all.fn() + all.fp() + all.tn());
        }
        assertTrue(accepted > 50 && refusedCount > 50, accepted + " accepted, " + refusedCount + " refused");
    }

    private static String decorate(String base, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        for (char c : base.toCharArray()) {
            switch (rnd.nextInt(6)) {
                case 0 -> s.append(Character.toUpperCase(c));
                case 1 -> s.append((char) (c - 'a' + '\uFF41')); // fullwidth
                default -> s.append(c);
            }
        }
        if (rnd.nextInt(5) == 0) {
            s.append(' ');
        }
        if (rnd.nextInt(5) == 0) {
            s.append('\u200B');
        }
        return s.toString();
    }

    @Test
    void didYouMean_suggestsOnlyCloseValues() {
        assertEquals(" (did you mean 'yes'?)", Values.didYouMean("Yes", List.of("yes", "no")));
        assertEquals("", Values.didYouMean("1", List.of("yes", "no")));
        assertFalse(Values.normal("F\u200B ").equals(Values.normal("M")));
    }

    /**
     * Issue 13, fourth round, item 4 (fresh-eyes t/inv.csv): controls, format characters, variation selectors, the
     * combining grapheme joiner and Hangul fillers split a group as a zero-width space does: noted by default (with
     * the character shown escaped), merged by NORMALISE, refused by STRICT. Oracle: the hand-written files.
     */
    @Test
    void labelsHoldingInvisibleCharacters_areNotedMergedOrRefused() throws IOException {
        int[] invisible = {0x0000, 0x0007, 0x001B, 0x007F, 0x061C, 0x180E, 0x034F, 0xFE0F, 0xE0001, 0x1D173, 0x3164,
                0x115F, 0x1160, 0xFFA0, 0x200B};
        AuditColumns spec = AuditColumns.of(List.of("sex"), "referred", Set.of("yes"));
        for (int c : invisible) {
            String hex = String.format(java.util.Locale.ROOT, "%04X", c);
            Path p = csv("i.csv", "sex,referred\nF,yes\nF" + new String(Character.toChars(c)) + ",no\nM,no\nM,yes\n");
            AuditData d = AuditData.fromCsv(p, spec);
            assertEquals(1, labelNotes(d).size(), hex + " " + d.notes());
            assertTrue(labelNotes(d).get(0).contains("'F\\u" + hex + "' (1)"), hex + " " + d.notes());
            assertEquals(2, AuditCounts.of(AuditData.fromCsv(p, spec.withLabels(AuditColumns.Labels.NORMALISE)), 1)
                    .groups(List.of("sex")).size(), hex);
            IllegalArgumentException strict = refused(() -> AuditData.fromCsv(p,
                    spec.withLabels(AuditColumns.Labels.STRICT)));
            assertTrue(strict.getMessage().contains("invisible characters"), hex + " " + strict.getMessage());
        }
        // visible combining marks are letters' parts, not invisible: "Jose\u0301" is "Jos\u00E9" (NFKC), not "Jose"
        Path accent = csv("a.csv", "sex,referred\nJose,yes\nJose\u0301,no\nM,no\n");
        assertEquals(3, AuditCounts.of(AuditData.fromCsv(accent, spec.withLabels(AuditColumns.Labels.STRICT)), 1)
                .groups(List.of("sex")).size());
    }

    /** Issue 13, fourth round, item 5: every value named favourable leaves nothing unfavourable. */
    @Test
    void everyValueNamedFavourable_isRefusedWithTheValuesSeen() throws IOException {
        Path p = csv("all.csv", "sex,d,o\nF,yes,1\nM,no,0\nM,yes,NA\n");
        IllegalArgumentException d = refused(() -> AuditData.fromCsv(p,
                AuditColumns.of(List.of("sex"), "d", Set.of("yes", "no"))));
        assertTrue(d.getMessage().contains("decision column 'd': every value seen is named favourable (values seen:"
                + " 'yes' 2, 'no' 1)") && d.getMessage().contains("--favourable-decision"), d.getMessage());
        IllegalArgumentException o = refused(() -> AuditData.fromCsv(p, AuditColumns.of(List.of("sex"), "d",
                Set.of("yes")).withOutcome("o", Set.of("1", "0"), Set.of("NA"))));
        assertTrue(o.getMessage().contains("every value seen is named favourable") && o.getMessage().contains(
                "--favourable-outcome"), o.getMessage());
        // an unknown marker is not an unfavourable value: "1" and "NA" alone leave nothing unfavourable
        Path q = csv("one.csv", "sex,d,o\nF,yes,1\nM,no,NA\n");
        refused(() -> AuditData.fromCsv(q, AuditColumns.of(List.of("sex"), "d", Set.of("yes")).withOutcome("o",
                Set.of("1"), Set.of("NA"))));
        // one favourable and one other value are read as before
        assertEquals(3, AuditData.fromCsv(p, AuditColumns.of(List.of("sex"), "d", Set.of("yes")).withOutcome("o",
                Set.of("1"), Set.of("NA"))).rows());
    }

    /** Issue 13, fourth round, item 6: fullwidth digits in a banded column are refused naming file, line, column. */
    @Test
    void fullwidthDigitsInABandedColumn_areRefusedWithFileLineAndColumn() throws IOException {
        Path p = csv("fw.csv", "age,referred\n25,yes\n41,no\n\uFF13\uFF10,yes\n");
        IllegalArgumentException e = refused(() -> AuditData.fromCsv(p, AuditColumns.of(List.of("age"), "referred",
                Set.of("yes")).withBands(Map.of("age", new double[] {30}))));
        assertTrue(e.getMessage().contains("fw.csv") && e.getMessage().contains("group column 'age': line 4: cannot"
                + " band '\uFF13\uFF10'"), e.getMessage());
    }
}
