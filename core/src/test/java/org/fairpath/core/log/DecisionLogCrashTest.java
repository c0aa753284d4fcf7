package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that appends continuously (4 threads) at random moments, many times, alternating durability
 * modes, and checks after each kill that reopening loses no acknowledged record, repairs any torn line, and that the
 * chain verifies.
 */
final class DecisionLogCrashTest {

    private static final int KILLS = 24;

    @TempDir
    Path dir;

    @Test
    void killedWriter_losesNoAcknowledgedRecord() throws Exception {
        Path log = dir.resolve("crash.jsonl");
        Map<Long, String> acknowledged = java.util.Collections.synchronizedMap(new HashMap<>());
        SplittableRandom random = new SplittableRandom(2026);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int repairs = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            DecisionLog.Durability mode = DecisionLog.Durability.values()[kill % 2];
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AppendForever.class.getName(), log.toString(), mode.name(), "4")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // a reader thread collects acknowledgements until the kill closes the stream
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                        record(acknowledged, l);
                        started.countDown();
                    }
                } catch (IOException closedByKill) {
                    // the stream ends with the child
                }
            });
            reader.start();
            assertTrue(started.await(30, TimeUnit.SECONDS), "child did not start appending");
            Thread.sleep(20 + random.nextInt(200));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);

            long before = Files.size(log);
            try (DecisionLog reopened = DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH)) {
                if (Files.size(log) != before) {
                    repairs++;
                }
                long maxAcknowledged;
                synchronized (acknowledged) {
                    maxAcknowledged = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                }
                assertTrue(reopened.lastSequence() >= maxAcknowledged);
            }
            Verification v = DecisionLog.verify(log);
            assertTrue(v.intact(), "after kill " + kill + ": " + v.problem());
        }
        List<LogRecord> records = DecisionLog.read(log);
        Map<Long, String> onDisk = new HashMap<>();
        records.forEach(r -> onDisk.put(r.sequence(), r.hash()));
        for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
            assertEquals(ack.getValue(), onDisk.get(ack.getKey()), "acknowledged record " + ack.getKey());
        }
        assertTrue(acknowledged.size() > KILLS * 10, "only " + acknowledged.size() + " acknowledged appends");
        System.out.printf("crash test: %d kills, %d acknowledged appends, all on disk; %d torn tails repaired;"
                + " %d records%n", KILLS, acknowledged.size(), repairs, records.size());
    }

    private static void record(Map<Long, String> acknowledged, String line) {
        if (line.startsWith("ack ")) {
            String[] p = line.split(" ");
            if (p.length == 3 && p[2].length() == 64) {
                acknowledged.put(Long.parseLong(p[1]), p[2]);
            }
        }
    }
}
