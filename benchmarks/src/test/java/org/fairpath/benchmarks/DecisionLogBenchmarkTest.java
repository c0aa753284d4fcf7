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
                    assertEquals(i, b.append());
                }
                assertTrue(DecisionLog.verify(b.log.file()).intact(), mode);
                assertEquals(20, DecisionLog.read(b.log.file()).size());
            } finally {
                b.close();
            }
        }
    }
}
