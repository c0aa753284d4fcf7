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
}
