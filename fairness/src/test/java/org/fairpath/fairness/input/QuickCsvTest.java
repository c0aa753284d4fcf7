package org.fairpath.fairness.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick loop of {@link FastCsv} (issue 18) against the reference path: seeded random CSV files with quotes, CRLF and
 * lone CR, a BOM, empty cells, non-ASCII text, bytes that are not UTF-8, ragged rows, blank lines, empty decisions,
 * scores in every plain-decimal spelling and some that are refused, and columns in random order, read with blocks so
 * small that records cross block ends, in one pass and in two halves on two threads. Oracle: {@code AuditData.fromCsv}
 * (the in-memory reference) on the same file, through {@link AuditReaderTest#reference}: the same counts, score counts
 * and notes, or the same refusal message.
 */
final class QuickCsvTest {

    @TempDir
    Path dir;

    private static final AuditColumns SPEC = AuditColumns.of(List.of("gender", "band"), "decision", Set.of("yes"))
            .withOutcome("outcome", Set.of("1"), Set.of("NA")).withScore("score");

    private static final String[] GENDERS = {"F", "M", "F", "M", "", "männlich", "\"F\"", "\"a,b\"", "日本",
        "a_value_longer_than_sixteen_bytes", "x y"};
    private static final String[] BANDS = {"<25", "25-39", "40-54", "55+", "national", "non-EU"};
    private static final String[] OUTCOMES = {"1", "0", "", "NA", "1", "0"};
    /** Score cells the reference reads (empty, every spelling of a plain decimal in [0, 1]). */
    private static final String[] SCORES = {"", "0", "1", "0.5", ".5", "0.50", "0.5000", "1.", "1.0000", "0.0",
        "0.1234", "0.12345", "0.123456789012345", "0.1234567890123456789", "1e-3", " 0.25", "000.25", "0.0001"};
    /** Score cells the reference refuses. */
    private static final String[] BAD_SCORES = {"1.5", ".", "1.0001", "2", "0.5.1", "NaN", "-0"};

    /** One awkward file: {@code mess} from 0 (only what a clean export holds) to 1 (every kind of trouble). */
    static byte[] randomFile(SplittableRandom r, int rows, double mess) {
        List<String> cols = new ArrayList<>(List.of("id", "gender", "band", "decision", "outcome", "score"));
        Collections.shuffle(cols, new java.util.Random(r.nextLong()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextDouble() < mess) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        boolean crlf = r.nextDouble() < mess;
        String eol = crlf ? "\r\n" : "\n";
        out.writeBytes((String.join(",", cols) + eol).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            List<String> cells = new ArrayList<>();
            for (String c : cols) {
                cells.add(switch (c) {
                    case "id" -> (r.nextDouble() < mess * 0.1 ? "\"c" + i + "\"" : "c" + i);
                    case "gender" -> GENDERS[r.nextInt(r.nextDouble() < mess ? GENDERS.length : 2)];
                    case "band" -> BANDS[r.nextInt(BANDS.length)];
                    case "decision" -> r.nextDouble() < mess * 0.01 ? "" : r.nextBoolean() ? "yes" : "no";
                    case "outcome" -> OUTCOMES[r.nextInt(OUTCOMES.length)];
                    default -> r.nextDouble() < mess * 0.005 ? BAD_SCORES[r.nextInt(BAD_SCORES.length)]
                            : r.nextDouble() < mess ? SCORES[r.nextInt(SCORES.length)]
                            : String.format(java.util.Locale.ROOT, "%.4f", r.nextInt(10_001) / 10_000.0);
                });
            }
            if (r.nextDouble() < mess * 0.005) {
                cells.add("extra"); // a ragged row
            } else if (r.nextDouble() < mess * 0.005) {
                cells.remove(cells.size() - 1);
            }
            byte[] line = String.join(",", cells).getBytes(StandardCharsets.UTF_8);
            if (r.nextDouble() < mess * 0.005 && line.length > 0) {
                line[r.nextInt(line.length)] = (byte) (0x80 + r.nextInt(0x80)); // not UTF-8, or not this text
            }
            if (r.nextDouble() < mess * 0.003 && line.length > 0) {
                line[r.nextInt(line.length)] = '\r'; // a lone carriage return
            }
            out.writeBytes(line);
            if (i < rows - 1 || r.nextBoolean()) {
                out.writeBytes((r.nextDouble() < mess * 0.2 ? (crlf ? "\n" : "\r\n") : eol)
                        .getBytes(StandardCharsets.US_ASCII));
            }
            if (r.nextDouble() < mess * 0.02) {
                out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII)); // a blank line
            }
        }
        return out.toByteArray();
    }

    @Test
    void randomFiles_quickLoopAgreesWithTheReference() throws IOException {
        SplittableRandom r = new SplittableRandom(18);
        long rows = 0;
        long quick = 0;
        int refused = 0;
        for (int trial = 0; trial < 160; trial++) {
            double mess = trial % 4 == 0 ? 0 : r.nextDouble();
            Path f = dir.resolve("q" + trial + ".csv");
            Files.write(f, randomFile(r, 1 + r.nextInt(trial % 20 == 0 ? 2000 : 150), mess));
            int depth = 1 + r.nextInt(2);
            String ref = AuditReaderTest.reference(f, SPEC, depth);
            refused += ref.startsWith("refused") ? 1 : 0;
            for (int buffer : new int[] {128, 1000, 1 << 20}) {
                assertEquals(ref, AuditReaderTest.streamed(f, SPEC, depth, buffer), "trial " + trial + " buffer "
                        + buffer);
            }
            // the quick loop took most records of the files the fast path reads (one pass, small blocks)
            Tally t = new Tally(f, SPEC, 10_000);
            try {
                FastCsv.read(f, t, 128);
                rows += t.rows;
                quick += t.quickRows;
            } catch (FastCsv.GiveUp e) {
                // the reference path reads this one
            }
        }
        assertTrue(refused > 10 && refused < 120, "refused " + refused);
        assertTrue(quick > rows * 0.6, "quick " + quick + " of " + rows);
    }

    /**
     * Many rows of one score in 4 groups (gender by outcome, each above 256 rows): the one-byte score counters carry
     * into longs exactly. Oracle: the number of rows written, and the reference path.
     */
    @Test
    void manyEqualScores_countedExactly() throws IOException {
        StringBuilder s = new StringBuilder("gender,band,decision,outcome,score\n");
        for (int i = 0; i < 70_000; i++) {
            s.append(i % 7 == 0 ? "M" : "F").append(",<25,").append(i % 2 == 0 ? "yes" : "no").append(',').append(i % 3 == 0 ? "0" : "1").append(',')
                    .append(i % 5 == 0 ? "0.25" : "0.2500").append('\n');
        }
        Path f = dir.resolve("same.csv");
        Files.writeString(f, s);
        CountedAudit c = AuditReader.of(SPEC).read(f);
        assertEquals(70_000, c.rows());
        long n = 0;
        for (List<String> g : c.scores().groups()) {
            ScoreCountsView v = new ScoreCountsView(c.scores().scores(g));
            assertEquals(1, v.size, g.toString());
            assertEquals(0.25, v.first, 0.0);
            n += v.count;
        }
        assertEquals(70_000, n);
        assertEquals(AuditReaderTest.reference(f, SPEC, 2), AuditReaderTest.streamed(f, SPEC, 2, 1 << 20));
    }

    /**
     * Hand-made records at the quick loop's edges, each among ordinary records and read with blocks of several sizes:
     * accepted or refused exactly as the reference path does (the same counts, or the same message).
     */
    @Test
    void edgeRecords_sameResultAsTheReference() throws IOException {
        AuditColumns spec = AuditColumns.of(List.of("g"), "d", Set.of("yes")).withOutcome("o", Set.of("1"), Set.of())
                .withScore("s");
        List<String> edges = List.of("a,yes,1,0.5\rX\n", "a,yes,1,0.5\r\r\n", "a,yes,1\r,0.5\n", "a,yes,1,\r\n",
                "a,yes,1,0.5\n\n", "a,yes,,0.5\n", "a,,1,0.5\n", "a,yes,1,1.0001\n", "a,yes,1,.\n", "a,yes,1,1.\n",
                "a,yes,1,0.1234567890123456789\n", "a,yes,1,0000000000000000.5\n", "a,yes,1,0.5,\n", "a,yes,1\n",
                "\"a\",yes,1,0.5\n", "a,yes,1,\"0.5\"\n", "a\"b,yes,1,0.5\n", "ä,yes,1,0.5\n", "a,no,0,0.50\r\n",
                "a,no,0, 0.5\n", "a,no,0,5e-1\n");
        for (String edge : edges) {
            StringBuilder s = new StringBuilder("g,d,o,s\n");
            for (int i = 0; i < 40; i++) {
                s.append(i % 3 == 0 ? "a" : "b").append(i % 2 == 0 ? ",yes," : ",no,").append(i % 5 == 0 ? "0" : "1")
                        .append(",0.").append(i % 10).append('\n');
                if (i == 20) {
                    s.append(edge);
                }
            }
            Path f = dir.resolve("edge.csv");
            Files.writeString(f, s, StandardCharsets.UTF_8);
            String ref = AuditReaderTest.reference(f, spec, 1);
            for (int buffer : new int[] {64, 200, 1 << 20}) {
                assertEquals(ref, AuditReaderTest.streamed(f, spec, 1, buffer), edge + " buffer " + buffer);
            }
        }
    }

    private record ScoreCountsView(int size, double first, long count) {
        ScoreCountsView(org.fairpath.fairness.stats.ScoreCounts.Scores s) {
            this(s.size(), s.score(0), total(s));
        }

        private static long total(org.fairpath.fairness.stats.ScoreCounts.Scores s) {
            long t = 0;
            for (int i = 0; i < s.size(); i++) {
                t += s.positives(i) + s.negatives(i);
            }
            return t;
        }
    }
}
