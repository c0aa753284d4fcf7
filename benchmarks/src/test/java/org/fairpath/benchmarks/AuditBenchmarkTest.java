package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;
import org.junit.jupiter.api.Test;

/** The benchmarked pass computes the engine's counts: 7 groupings, each summing to the rows. */
final class AuditBenchmarkTest {

    @Test
    void countAll_computesEveryGroupingOverAllRows() {
        AuditBenchmark b = new AuditBenchmark();
        b.rows = 250_000; // more than the 100,000 generated cases, so rows repeat as in the benchmark
        b.setUp();
        AuditCounts c = b.countAll();
        assertEquals(7, c.groupings().size());
        assertEquals(250_000, c.overall().n());
        for (List<String> grouping : c.groupings()) {
            long n = c.groups(grouping).values().stream().mapToLong(GroupCounts::n).sum();
            assertEquals(250_000, n, grouping.toString());
        }
        assertEquals(AuditCounts.of(b.data, 3).groups(List.of("gender", "age")),
                c.groups(List.of("gender", "age")));
    }
}
