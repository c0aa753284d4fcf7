package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.log.Verification;
import org.junit.jupiter.api.Test;

/** The benchmarked appends write real, verifiable records into a real PostgreSQL server. */
final class PostgresStoreBenchmarkTest {

    @Test
    void append_writesAVerifiableChain() throws Exception {
        PostgresStoreBenchmark b = new PostgresStoreBenchmark();
        b.open();
        try {
            for (int i = 1; i <= 30; i++) {
                assertEquals(i, i % 3 == 0 ? b.append1() : i % 3 == 1 ? b.append4() : b.append16());
            }
            Verification v = b.store.verify();
            assertTrue(v.intact(), v.problem());
            assertEquals(30, v.records());
            List<LogRecord> read = new ArrayList<>();
            b.store.forEach(read::add);
            assertEquals(b.body.get("jobseeker"), read.get(29).body().get("jobseeker"));
        } finally {
            b.close();
        }
    }
}
