package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.CountedAudit;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;
import org.fairpath.fairness.stats.ScoreCounts;
import org.junit.jupiter.api.Test;

/**
 * Both benchmarked readers compute the same counts, every grouping, and the same score counts on the generated file;
 * the coded file holds the same cases as the text file (the same overall counts).
 */
final class AuditReaderBenchmarkTest {

    @Test
    void streamedAndInMemory_countTheSame() throws IOException {
        assertEquals(countTheSame(false), countTheSame(true));
    }

    private static GroupCounts countTheSame(boolean coded) throws IOException {
        AuditReaderBenchmark b = new AuditReaderBenchmark();
        b.rows = 20_000;
        b.coded = coded;
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
            assertEquals(ScoreCounts.of(AuditData.fromCsv(b.file, b.spec), b.spec.groups()), s.scores());
            return s.counts().overall();
        } finally {
            b.tearDown();
        }
    }
}
