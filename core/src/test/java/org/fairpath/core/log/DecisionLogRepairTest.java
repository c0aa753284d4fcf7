package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What open repairs, followed by appends (found by mutation testing: these paths were only checked up to the end of
 * open). Oracle: the bytes the log held before the damage, which must come back unchanged, followed only by the
 * records written since.
 */
final class DecisionLogRepairTest {

    @TempDir
    Path dir;

    private Path twoRecords(String name) throws IOException {
        Path f = dir.resolve(name);
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of("n", 1));
            log.append("NOTE", Map.of("n", 2));
        }
        return f;
    }

    @Test
    void open_completesAMissingNewline_andTheNextAppendStartsAfterIt() throws IOException {
        Path f = twoRecords("nonl.jsonl");
        byte[] whole = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(whole, whole.length - 1)); // the last '\n' never reached the disk
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(3, log.append("NOTE", Map.of("n", 3)).sequence());
        }
        byte[] now = Files.readAllBytes(f);
        assertArrayEquals(whole, Arrays.copyOf(now, whole.length), "the two records and their newlines, unchanged");
        assertEquals(List.of(1L, 2L, 3L), DecisionLog.read(f).stream().map(LogRecord::sequence).toList());
        assertTrue(DecisionLog.verify(f).intact(), DecisionLog.verify(f).problem());
    }

    @Test
    void open_cutsATornTailLongerThanItsRepairRecord_whole() throws IOException {
        Path f = twoRecords("torn.jsonl");
        byte[] whole = Files.readAllBytes(f);
        String lastHash = DecisionLog.read(f).get(1).hash();
        String next = RecordCodec.encode(3, Instant.parse("2026-04-01T00:00:00Z"), "NOTE", lastHash,
                Map.of("note", "x".repeat(5_000))).line();
        String torn = next.substring(0, 3_000); // far longer than the REPAIR record that replaces it
        Files.writeString(f, torn, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(3, log.lastSequence());
            assertEquals(4, log.append("NOTE", Map.of("n", 4)).sequence());
        }
        List<LogRecord> records = DecisionLog.read(f);
        assertEquals(List.of("NOTE", "NOTE", "REPAIR", "NOTE"), records.stream().map(LogRecord::type).toList());
        assertEquals(3_000, ((Number) records.get(2).body().get("discardedBytes")).intValue());
        byte[] now = Files.readAllBytes(f);
        assertArrayEquals(whole, Arrays.copyOf(now, whole.length));
        String after = new String(now, whole.length, now.length - whole.length, StandardCharsets.UTF_8);
        assertEquals(2, after.lines().count(), "only the REPAIR record and the new one follow: " + after.length()
                + " bytes");
        assertTrue(after.endsWith("\n"));
        assertTrue(DecisionLog.verify(f).intact(), DecisionLog.verify(f).problem());
    }
}
