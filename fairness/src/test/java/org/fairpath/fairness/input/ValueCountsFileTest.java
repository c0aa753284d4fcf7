package org.fairpath.fairness.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting a file for a counts file ({@code fairpath audit --counts-out}) refuses bad input as the audit does. */
final class ValueCountsFileTest {

    @TempDir
    Path dir;

    /**
     * A byte that is not UTF-8 (fresh-eyes finding, issue 18: the message was the decoder's "Input length = 1"): the
     * same message as the in-memory reader's, naming the line and byte offset. Oracle: {@code AuditData.fromCsv}.
     */
    @Test
    void notUtf8_refusedNamingTheLineAsTheAudit() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.write(f, new byte[] {'g', ',', 'd', '\n', 'M', ',', 'y', '\n', 'F', ',', 'n', '\n', 'M', (byte) 0xFF,
            ',', 'n', '\n'});
        AuditColumns spec = AuditColumns.of(List.of("g"), "d", Set.of("y"));
        String reference = assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(f, spec))
                .getMessage();
        assertEquals(f + ": line 4 (byte offset 13): the file is not UTF-8 text; save it as UTF-8 (plain ASCII is"
                + " fine)", reference);
        assertEquals(reference, assertThrows(IllegalArgumentException.class, () -> ValueCounts.fromFile(f, spec))
                .getMessage());
    }

    /**
     * A column of ids in a file counted for a counts file (fresh-eyes finding, issue 18: the limit on distinct values
     * was applied to the audit but not to counting, so 20,000 ids became 20,000 cells): refused with the audit's
     * message, in a group, the decision and the outcome column alike, and in JSON Lines. Oracle: the limit and the
     * line of the first value beyond it, counted by hand (values 1..n on lines 2..n+1).
     */
    @Test
    void tooManyDistinctValues_refusedAsTheAudit() throws IOException {
        StringBuilder csv = new StringBuilder("g,d,o\n");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            csv.append("id").append(i).append(",y,1\n");
            jsonl.append("{\"g\":\"id").append(i).append("\",\"d\":\"y\",\"o\":\"1\"}\n");
        }
        Path f = Files.writeString(dir.resolve("ids.csv"), csv);
        Path j = Files.writeString(dir.resolve("ids.jsonl"), jsonl);
        AuditColumns spec = AuditColumns.of(List.of("g"), "d", Set.of("y"));
        for (Path p : List.of(f, j)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ValueCounts.fromFile(p, spec, 5));
            assertEquals(p + ": group column 'g' holds more than 5 distinct values (the next new one is on line "
                    + (p == f ? 7 : 6) + "); allowed: at most 5 (raise the limit with --max-distinct, or check that"
                    + " this is a group, decision or outcome column)", e.getMessage());
            // the same file within the limit is counted: 8 cells of one case each
            assertEquals(8, ValueCounts.fromFile(p, spec, 8).rows());
        }
        // the decision and the outcome column are limited too
        StringBuilder many = new StringBuilder("g,d,o\n");
        for (int i = 1; i <= 8; i++) {
            many.append("F,d").append(i).append(",o").append(i).append('\n');
        }
        Path m = Files.writeString(dir.resolve("many.csv"), many);
        AuditColumns withOutcome = AuditColumns.of(List.of("g"), "d", Set.of("d1")).withOutcome("o", Set.of("o1"),
                Set.of());
        String e = assertThrows(IllegalArgumentException.class, () -> ValueCounts.fromFile(m, withOutcome, 5))
                .getMessage();
        assertEquals(true, e.contains("column 'd' holds more than 5 distinct values")
                || e.contains("column 'o' holds more than 5 distinct values"), e);
    }
}
