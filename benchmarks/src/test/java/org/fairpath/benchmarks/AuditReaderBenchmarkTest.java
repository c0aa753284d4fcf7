package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.fairpath.fairness.input.CountedAudit;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;

/** Both benchmarked readers compute the same counts, every grouping, on the generated file. */
final class AuditReaderBenchmarkTest {

    @Test
    void streamedAndInMemory_countTheSame() throws IOException {
        AuditReaderBenchmark b = new AuditReaderBenchmark();
        b.rows = 20_000;
        b.setUp();
        try {
            CountedAudit s = b.streamed();
            AuditCounts m = b.inMemory();
            assertEquals(20_000, s.rows());
            assertEquals(m.groupings(), s.counts().groupings());
            for (List<String> g : m.groupings()) {
                assertEquals(m.groups(g), s.counts().groups(g), g.toString());
            }
            assertEquals(24, s.scores().groups().size());
        } finally {
            b.tearDown();
        }
    }
}
