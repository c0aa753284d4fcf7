package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, fresh-eyes round: a force failed, then the rollback's truncate failed too, and the record reported "not
 * written" was in the file after a reopen. {@code close} now tries the cut once more; if that fails as well, close
 * says so, and the record comes back on reopen as the last one (the documented exception in RELIABILITY.md).
 */
final class FailedRollbackTest {

    private static final Path F = Path.of("/sim/d.jsonl");

    /** A log of two records whose third append failed at its force, with the rollback's truncate failing too. */
    private static DecisionLog failedAppendNotCut(SimStorage fs) throws IOException {
        DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(F, fs);
        log.append("NOTE", Map.of("i", 1));
        log.append("NOTE", Map.of("i", 2));
        fs.pWrite = 0;
        fs.pForce = 0;
        fs.pInterrupt = 0;
        fs.pDirectory = 0;
        fs.pTruncate = 1; // every truncate fails
        fs.faults(true, false);
        fs.onForce = () -> true; // every force fails
        assertThrows(IOException.class, () -> log.append("NOTE", Map.of("i", 3)));
        assertEquals(2, log.head().sequence());
        return log;
    }

    private static long reopenedHead(SimStorage fs) throws IOException {
        try (DecisionLog again = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(F, fs)) {
            assertTrue(again.verify().intact());
            return again.head().sequence();
        }
    }

    @Test
    void failedForceAndFailedRollback_closeCutsTheRecordOnceTheFaultClears() throws IOException {
        SimStorage fs = new SimStorage(new SplittableRandom(3));
        DecisionLog log = failedAppendNotCut(fs);
        fs.faults(false, false);
        fs.onForce = null;
        log.close();
        assertEquals(2, reopenedHead(fs), "the record reported not written came back");
    }

    @Test
    void failedForceAndFailedRollback_andCloseCannotCutEither_closeSaysSo_andTheRecordComesBackLast()
            throws IOException {
        SimStorage fs = new SimStorage(new SplittableRandom(3));
        DecisionLog log = failedAppendNotCut(fs);
        IOException e = assertThrows(IOException.class, log::close);
        assertTrue(e.getMessage().contains("may come back"), e.getMessage());
        fs.faults(false, false);
        fs.onForce = null;
        // the documented exception: complete, chained, the last record, never acknowledged
        assertEquals(3, reopenedHead(fs));
    }
}
