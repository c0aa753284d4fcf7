package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;

/** The benchmarked append writes real, verifiable records in both durability modes. */
final class DecisionLogBenchmarkTest {

    @Test
    void append_bothModes_writesAVerifiableLog() throws Exception {
        for (String mode : new String[] {"FSYNC_EACH", "GROUP_COMMIT"}) {
            DecisionLogBenchmark b = new DecisionLogBenchmark();
            b.durability = mode;
            b.open();
            try {
                for (int i = 1; i <= 20; i++) {
                    assertEquals(i, i % 3 == 0 ? b.append1() : i % 3 == 1 ? b.append4() : b.append16());
                }
                assertTrue(DecisionLog.verify(b.log.file()).intact(), mode);
                assertEquals(20, DecisionLog.read(b.log.file()).size());
            } finally {
                b.close();
            }
        }
    }

    @Test
    void verifyAndPurge_onAGeneratedLog_giveTheLogsOwnAnswers() throws Exception {
        DecisionLogScanBenchmark b = new DecisionLogScanBenchmark();
        b.records = 1000;
        b.generate();
        try {
            org.fairpath.core.log.Verification v = b.verify();
            assertTrue(v.intact(), v.problem());
            assertEquals(1000, v.records());
            b.freshCopy();
            // records i = 1..1000 at START + i minutes, now = START + 1000 min, retention 500 min:
            // records 1..499 are older than the cutoff (record 500 is exactly at it)
            assertEquals(499, b.purge());
            b.closeCopy();
            var records = DecisionLog.read(b.work);
            assertEquals("CHECKPOINT", records.get(0).type());
            assertEquals(499, records.get(0).sequence());
            assertEquals("PURGE", records.get(records.size() - 1).type());
            assertEquals(1 + 501 + 1, records.size());
            assertTrue(DecisionLog.verify(b.work).intact());
        } finally {
            b.delete();
        }
    }
}
