package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.log.PostgresTestServer.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several application servers on one PostgreSQL store: 4 child JVMs append 1,000 records each at the same time.
 * Afterwards every acknowledged record is present exactly once with its acknowledged hash, the sequence numbers run
 * from 1 to 4,000 without a gap, and the chain verifies.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class PostgresMultiProcessTest {

    private static final int PROCESSES = 4;
    private static final int APPENDS = 1000;

    @Test
    void fourProcesses_thousandAppendsEach_everyAcknowledgedRecordPresentOnce() throws Exception {
        Database db = PostgresTestServer.freshDatabase();
        PostgresDecisionStore.createTables(db.dataSource(), "fairpath_decision");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // acknowledged sequence -> "hash writer i"
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        List<Process> children = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < PROCESSES; p++) {
            Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), PostgresAppender.class.getName(), db.jdbcUrl(),
                    Integer.toString(p), Integer.toString(APPENDS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(child);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                        String[] f = l.split(" ");
                        if (f.length == 5 && f[0].equals("ack")) {
                            String previous = acknowledged.put(Long.parseLong(f[1]), f[2] + " " + f[3] + " " + f[4]);
                            if (previous != null) {
                                duplicates.add(l);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (Process child : children) {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "a child did not finish in 120 s");
            assertEquals(0, child.exitValue(), "a child's append failed (its stack trace is above)");
        }
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(duplicates.isEmpty(), "sequence numbers acknowledged twice: " + duplicates);
        assertEquals(PROCESSES * APPENDS, acknowledged.size(), "acknowledged appends");

        try (PostgresDecisionStore store = PostgresDecisionStore.open(db.dataSource())) {
            Verification v = store.verify();
            assertTrue(v.intact(), v.problem());
            assertEquals(PROCESSES * APPENDS, v.records());
            Map<Long, LogRecord> stored = new HashMap<>();
            Map<String, Long> byWriterAndI = new HashMap<>();
            long[] expectedSeq = {1};
            store.forEach(r -> {
                assertEquals(expectedSeq[0]++, r.sequence(), "gap-free, in order");
                stored.put(r.sequence(), r);
                Long twice = byWriterAndI.put(r.body().get("writer") + " " + r.body().get("i"), r.sequence());
                assertEquals(null, twice, "record stored twice: " + r.body());
            });
            assertEquals(PROCESSES * APPENDS, stored.size());
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                LogRecord r = stored.get(ack.getKey());
                assertNotNull(r, "acknowledged record " + ack.getKey() + " is missing");
                assertEquals(ack.getValue(), r.hash() + " " + r.body().get("writer") + " " + r.body().get("i"),
                        "acknowledged record " + ack.getKey());
            }
            assertEquals(new Head(PROCESSES * APPENDS, stored.get((long) PROCESSES * APPENDS).hash()), store.head());
        }
        System.out.printf("PostgreSQL store: %d processes x %d appends in %.1f s (JVM start-up included), every"
                + " acknowledged record present once, chain verified%n", PROCESSES, APPENDS, seconds);
    }
}
