package org.fairpath.fairness.input;

import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AuditInputTest {

    @TempDir
    Path dir;

    @Test
    void csv_quotedFieldsAndEmptyOutcomes() throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "region,\"decision\",outcome,score\n\"North, coast\",yes,1,0.9\n\"North, coast\",no,,0.2\n"
                + "south,\"yes\",0,\n");
        AuditData d = AuditData.fromCsv(f, List.of("region"), "decision", "yes", "outcome", "1", "score");
        assertEquals(3, d.rows());
        GroupCounts north = AuditCounts.of(d, 1).groups(List.of("region")).get(List.of("North, coast"));
        assertEquals(new GroupCounts(2, 1, 1, 0, 0, 0), north);
        assertTrue(Double.isNaN(d.scores()[2]));
    }

    @Test
    void csv_badFiles_nameTheProblem() throws IOException {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "region,decision\nnorth,yes\nsouth\n");
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(f, List.of("region"), "decision", "yes", null, null));
        assertTrue(fields.getMessage().endsWith("line 3 has 1 fields; the header has 2"), fields.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(f, List.of("gender"), "decision", "yes", null, null));
        assertTrue(column.getMessage().endsWith("no column 'gender'; columns: [region, decision]"),
                column.getMessage());
        Files.writeString(f, "region,decision\nnorth,\n");
        assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(f, List.of("region"), "decision", "yes", null, null));
    }

    @Test
    void jsonLines_sameMeaningsAsCsv() throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "{\"region\":\"north\",\"selected\":true,\"employed\":1,\"score\":0.7}\n\n"
                + "{\"region\":null,\"selected\":false,\"employed\":null,\"score\":0.4}\n"
                + "{\"region\":\"north\",\"selected\":true,\"employed\":0}\n");
        AuditData d = AuditData.fromJsonLines(f, List.of("region"), "selected", "true", "employed", "1", "score");
        Map<List<String>, GroupCounts> g = AuditCounts.of(d, 1).groups(List.of("region"));
        assertEquals(new GroupCounts(2, 2, 1, 1, 0, 0), g.get(List.of("north")));
        assertEquals(new GroupCounts(1, 0, 0, 0, 0, 0), g.get(List.of(AuditData.MISSING)));
        Files.writeString(f, "{\"region\":\"north\",\"selected\":true}\n[1,2]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditData.fromJsonLines(f,
                List.of("region"), "selected", "true", null, null, null));
        assertTrue(e.getMessage().endsWith("line 2 is not a JSON object"), e.getMessage());
    }
}
