package org.fairpath.fairness.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.fairpath.core.Fixtures;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.ScoreCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reader against the in-memory reader (AuditData.fromCsv / fromJsonLines, the reference): on the same
 * file both accept with equal counts, score counts and notes, or both refuse with the same message. Small blocks make
 * records cross the fast path's block ends.
 */
final class AuditReaderTest {

    @TempDir
    Path dir;

    private static final AuditColumns SPEC = AuditColumns.of(List.of("gender", "age"), "decision", Set.of("yes"))
            .withOutcome("outcome", Set.of("1"), Set.of("NA")).withScore("score");

    /** Both paths on one file: the same outcome, as text (the counts, or the message). */
    static String reference(Path f, AuditColumns spec, int depth) throws IOException {
        try {
            String name = f.getFileName().toString();
            AuditData d = name.endsWith(".jsonl") ? AuditData.fromJsonLines(f, spec) : AuditData.fromCsv(f, spec);
            return describe(d.rows(), AuditCounts.of(d, depth), spec.score() == null ? null
                    : ScoreCounts.of(d, spec.groups()), d.notes());
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    static String streamed(Path f, AuditColumns spec, int depth, int buffer) throws IOException {
        try {
            // small buffers also read in two halves on two threads, to test the split
            CountedAudit c = AuditReader.of(spec).withDepth(depth).withBufferSize(buffer)
                    .withParallelFrom(buffer < 1 << 20 ? 0 : Long.MAX_VALUE).read(f);
            return describe(c.rows(), c.counts(), c.scores(), c.notes());
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    static String describe(long rows, AuditCounts counts, ScoreCounts scores, List<String> notes) {
        StringBuilder s = new StringBuilder("rows " + rows + "\n");
        for (List<String> g : counts.groupings()) {
            s.append(g).append(' ').append(counts.groups(g)).append('\n');
        }
        s.append("overall ").append(counts.overall()).append('\n');
        if (scores != null) {
            for (List<String> g : scores.groups()) {
                ScoreCounts.Scores sc = scores.scores(g);
                s.append(g).append(" scores");
                for (int i = 0; i < sc.size(); i++) {
                    s.append(' ').append(sc.score(i)).append(':').append(sc.positives(i)).append('/')
                            .append(sc.negatives(i));
                }
                s.append('\n');
            }
        }
        return s.append("notes ").append(notes).toString();
    }

    /** A CSV of random rows with awkward but valid text: quotes, commas and line breaks in fields, CRLF, BOM. */
    static String randomCsv(SplittableRandom r, int n, boolean crlf) {
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder s = new StringBuilder(r.nextBoolean() ? "\uFEFF" : "");
        s.append("id,gender,age,note,decision,outcome,score").append(eol);
        String[] genders = {"F", "M", "\"F\"", "", "männlich", "X"};
        String[] notes = {"plain", "\"with, comma\"", "\"two\nlines\"", "\"say \"\"hi\"\"\"", "", "é"};
        String[] outcomes = {"1", "0", "", "NA"};
        for (int i = 0; i < n; i++) {
            String score = switch (r.nextInt(8)) {
                case 0 -> "";
                case 1 -> ".5";
                case 2 -> "1";
                case 3 -> "0.12345678901234567890";
                case 4 -> "1e-3";
                case 5 -> Double.toString(r.nextDouble());
                default -> String.format(java.util.Locale.ROOT, "%.4f", r.nextDouble());
            };
            s.append(i).append(',').append(genders[r.nextInt(genders.length)]).append(',')
                    .append(r.nextInt(60) + 18 > 40 ? "40+" : "<40").append(',')
                    .append(notes[r.nextInt(notes.length)]).append(',').append(r.nextInt(3) == 0 ? "yes" : "no")
                    .append(',').append(outcomes[r.nextInt(outcomes.length)]).append(',').append(score);
            if (i < n - 1 || r.nextBoolean()) {
                s.append(eol);
            }
        }
        return s.toString();
    }

    @Test
    void randomFiles_streamedEqualsInMemory() throws IOException {
        SplittableRandom r = new SplittableRandom(41);
        for (int trial = 0; trial < 60; trial++) {
            Path f = dir.resolve("t" + trial + ".csv");
            Files.writeString(f, randomCsv(r, 1 + r.nextInt(400), trial % 3 == 0), StandardCharsets.UTF_8);
            int depth = 1 + r.nextInt(2);
            String ref = reference(f, SPEC, depth);
            assertTrue(ref.startsWith("rows"), ref);
            // the fast path itself read these files (it did not hand them to the reference path)
            try {
                FastCsv.read(f, new Tally(f, SPEC, 10_000), 64);
            } catch (FastCsv.GiveUp e) {
                throw new AssertionError("trial " + trial + ": the fast path gave up: " + e.getMessage());
            }
            for (int buffer : new int[] {64, 1000, 1 << 20}) {
                assertEquals(ref, streamed(f, SPEC, depth, buffer), "trial " + trial + " buffer " + buffer);
            }
        }
    }

    /**
     * Mutated files (bytes changed, cut, quotes and line breaks inserted): each either read equally by both paths, or
     * refused by both with the same message.
     */
    @Test
    void mutatedFiles_sameResultOrSameMessage() throws IOException {
        SplittableRandom r = new SplittableRandom(8);
        int refused = 0;
        for (int trial = 0; trial < 600; trial++) {
            byte[] b = randomCsv(r, 30, trial % 4 == 0).getBytes(StandardCharsets.UTF_8);
            for (int m = 0; m < 1 + r.nextInt(3); m++) {
                int at = r.nextInt(b.length);
                switch (r.nextInt(4)) {
                    case 0 -> b[at] = (byte) r.nextInt(256);
                    case 1 -> b[at] = (byte) ",\"\n\r".charAt(r.nextInt(4));
                    case 2 -> b = java.util.Arrays.copyOf(b, at);
                    default -> b[at] = (byte) '\n';
                }
                if (b.length == 0) {
                    break;
                }
            }
            Path f = dir.resolve("m.csv");
            Files.write(f, b);
            String ref = reference(f, SPEC, 2);
            refused += ref.startsWith("refused") ? 1 : 0;
            assertEquals(ref, streamed(f, SPEC, 2, 64), "trial " + trial);
            assertEquals(ref, streamed(f, SPEC, 2, 1 << 16), "trial " + trial);
        }
        assertTrue(refused > 100 && refused < 590, "refused " + refused);
    }

    @Test
    void jsonLines_streamedEqualsInMemory() throws IOException {
        SplittableRandom r = new SplittableRandom(2);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            s.append("{\"gender\":\"").append(r.nextBoolean() ? "F" : "M").append("\",\"age\":")
                    .append(r.nextInt(3) == 0 ? "null" : "\"" + (r.nextBoolean() ? "<40" : "40+") + "\"")
                    .append(",\"decision\":\"").append(r.nextBoolean() ? "yes" : "no").append("\",\"outcome\":")
                    .append(r.nextInt(4) == 0 ? "\"NA\"" : r.nextInt(2)).append(",\"score\":")
                    .append(r.nextInt(20) == 0 ? "null" : Double.toString(Math.round(r.nextDouble() * 100) / 100.0))
                    .append("}\n");
        }
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, s);
        String ref = reference(f, SPEC, 2);
        assertTrue(ref.startsWith("rows 500"), ref);
        assertEquals(ref, streamed(f, SPEC, 2, 1 << 20));
    }

    /** Real data: shared/data/german_credit.csv by sex, foreign worker and banded age; good credit as the decision. */
    @Test
    void germanCredit_streamedEqualsInMemory() throws IOException {
        Path f = Fixtures.sharedData("german_credit.csv");
        AuditColumns spec = AuditColumns.of(List.of("sex", "foreign_worker", "age"), "class", Set.of("good"))
                .withBands(Map.of("age", new double[] {26, 40}));
        String ref = reference(f, spec, 3);
        assertTrue(ref.startsWith("rows 1000"), ref);
        assertEquals(ref, streamed(f, spec, 3, 1 << 20));
        assertEquals(ref, streamed(f, spec, 3, 100));
    }

    /** Real data: shared/data/ui_takeup_benefits.csv, replacement rate rr as a score of taking up UI, by sex. */
    @Test
    void uiTakeUp_scoresStreamedEqualInMemory() throws IOException {
        Path f = Fixtures.sharedData("ui_takeup_benefits.csv");
        AuditColumns spec = AuditColumns.of(List.of("sex", "nwhite"), "married", Set.of("yes"))
                .withOutcome("ui", Set.of("yes"), Set.of()).withScore("rr");
        String ref = reference(f, spec, 2);
        assertTrue(ref.startsWith("rows 4877"), ref);
        assertEquals(ref, streamed(f, spec, 2, 1 << 20));
    }

    /** The limit on distinct values: one line naming the column, the limit and where it was passed. */
    @Test
    void tooManyDistinctGroupValues_refusedNamingTheColumn() throws IOException {
        StringBuilder s = new StringBuilder("person,decision\n");
        for (int i = 0; i < 150; i++) {
            s.append("p").append(i).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path f = dir.resolve("ids.csv");
        Files.writeString(f, s);
        AuditColumns spec = AuditColumns.of(List.of("person"), "decision", Set.of("yes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditReader.of(spec).withMaxDistinct(100).read(f));
        assertEquals(f + ": group column 'person' holds more than 100 distinct values (the next new one is on line"
                + " 102); allowed: at most 100 (raise the limit with --max-distinct, or check that this is a group,"
                + " decision or outcome column)", e.getMessage());
        assertEquals(150, AuditReader.of(spec).withMaxDistinct(150).read(f).counts().groups(List.of("person"))
                .size());
        assertThrows(IllegalArgumentException.class, () -> AuditReader.of(spec).withMaxDistinct(1));
        assertThrows(IllegalArgumentException.class, () -> AuditReader.of(spec).withMaxDistinct(1_000_001));
    }

    /**
     * Score cells that Java would parse but no exporter writes as a probability (fresh-eyes finding, issue 18): each
     * refused naming the line, by both readers, with the same message; plain decimals with spaces around still read.
     * So are decimals whose exact value is above 1 but that round to the double 1.0 (second fresh-eyes finding), while
     * 1.000000000000000000 and 10e-1, exactly 1, are read.
     */
    @Test
    void scoreInJavaOnlySyntax_refusedNamingTheLine() throws IOException {
        for (String bad : List.of("NaN", "0.5d", "1f", "0x1p-1", "+0.5", "Infinity", "-0", "0.5.1", "1e", ".",
                "1.0000000000000000001", "1.00000000000000000000000000000000000000001", "10000000000000000001e-19")) {
            Path f = dir.resolve("s.csv");
            Files.writeString(f, "g,d,o,s\na,yes,1,0.25\nb,no,0,0.75\na,no,1," + bad + "\nb,yes,0,0.5\n");
            String ref = reference(f, SPEC_S, 1);
            assertEquals("refused: " + f + ": line 4: score column 's' holds '" + bad + "'; allowed: a probability"
                    + " from 0 to 1 as a plain decimal (e.g. 0.25 or 2.5e-1), or empty", ref, bad);
            assertEquals(ref, streamed(f, SPEC_S, 1, 1 << 20), bad);
        }
        Path f = dir.resolve("ok.csv");
        Files.writeString(f, "g,d,o,s\na,yes,1, 0.25\nb,no,0,7.5e-1\na,no,1,.5\nb,yes,0,1\na,no,1,1.000000000000000000"
                + "\nb,yes,0,10e-1\n");
        String ok = reference(f, SPEC_S, 1);
        assertTrue(ok.startsWith("rows 6"), ok);
        assertEquals(ok, streamed(f, SPEC_S, 1, 1 << 20));
    }

    private static final AuditColumns SPEC_S = AuditColumns.of(List.of("g"), "d", Set.of("yes"))
            .withOutcome("o", Set.of("1"), Set.of()).withScore("s");

    /** The bound on combinations of values (4,000,000; 1,000 here): refused in one line, not run out of memory. */
    @Test
    void tooManyCombinations_refusedInOneLine() throws IOException {
        StringBuilder s = new StringBuilder("a,b,decision\n");
        for (int i = 0; i < 3000; i++) {
            s.append("a").append(i % 60).append(",b").append(i / 60).append(',').append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path f = dir.resolve("combinations.csv");
        Files.writeString(f, s);
        AuditColumns spec = AuditColumns.of(List.of("a", "b"), "decision", Set.of("yes"));
        Tally t = new Tally(f, spec, 10_000);
        t.maxCombinations = 1000;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditData.readCsv(f, t));
        assertTrue(e.getMessage().startsWith(f + ": the audited columns [a, b, decision] hold more than 1,000 distinct"
                + " combinations of values"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    /** Strict UTF-8: what Java's reporting decoder refuses, the validator refuses. Oracle: the JDK's decoder. */
    @Test
    void utf8Validator_agreesWithTheJdkDecoder() {
        SplittableRandom r = new SplittableRandom(4);
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + r.nextInt(5)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
            }
            boolean jdk;
            try {
                dec.reset().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, Utf8.valid(b, 0, b.length), java.util.HexFormat.of().formatHex(b));
        }
    }
}
