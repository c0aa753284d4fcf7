package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairpath.core.Sha256;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, fresh-eyes round: a torn tail cut at open whose REPAIR record then failed to write (a file size limit,
 * EFBIG) left the cut with no REPAIR record. Now the cut bytes are put back and the open fails.
 */
final class TornTailRepairTest {

    private static final Path F = Path.of("/sim/d.jsonl");
    private static final byte[] TORN = "{\"seq\":4,\"time\":\"2026-".getBytes(StandardCharsets.UTF_8);

    /** Three records and the torn start of the fourth, on a simulated disk with no other fault. */
    private static SimStorage tornLog() throws IOException {
        SimStorage fs = new SimStorage(new SplittableRandom(7));
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(F, fs)) {
            for (int i = 1; i <= 3; i++) {
                log.append("DECISION", Map.of("i", i));
            }
        }
        byte[] clean = fs.content(F);
        byte[] torn = Arrays.copyOf(clean, clean.length + TORN.length);
        System.arraycopy(TORN, 0, torn, clean.length, TORN.length);
        fs.put(F, torn);
        fs.pWrite = 0;
        fs.pForce = 0;
        fs.pTruncate = 0;
        fs.pInterrupt = 0;
        fs.pDirectory = 0;
        return fs;
    }

    @Test
    void repairRecordCannotBeWritten_theCutBytesArePutBack_andOpenFails() throws IOException {
        SimStorage fs = tornLog();
        byte[] before = fs.content(F);
        fs.capacity = before.length; // the disk (or file size limit) allows no more than the file holds now
        fs.faults(true, false);
        IOException e = assertThrows(IOException.class,
                () -> DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(F, fs));
        assertTrue(e.getMessage().contains("were put back"), e.getMessage());
        assertArrayEquals(before, fs.content(F), "the file must be exactly as before");

        fs.capacity = Long.MAX_VALUE; // the fault clears: the next open cuts the tail and records it
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(F, fs)) {
            assertEquals(4, log.head().sequence());
        }
        fs.faults(false, false);
        List<String> lines = List.of(new String(fs.content(F), StandardCharsets.UTF_8).split("\n"));
        LogRecord repair = RecordCodec.decode(lines.get(3));
        assertEquals("REPAIR", repair.type());
        assertEquals(TORN.length, ((Number) repair.body().get("discardedBytes")).intValue());
        assertEquals(Sha256.hex(TORN), repair.body().get("discardedSha256"));
    }

    @Test
    void repairRecordsForceFails_theCutBytesArePutBack() throws IOException {
        SimStorage fs = tornLog();
        byte[] before = fs.content(F);
        int[] forces = {0};
        fs.onForce = () -> ++forces[0] == 2; // the first force makes the cut durable; the REPAIR's force fails
        IOException e = assertThrows(IOException.class,
                () -> DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(F, fs));
        assertTrue(e.getMessage().contains("were put back"), e.getMessage());
        assertArrayEquals(before, fs.content(F));
    }
}
