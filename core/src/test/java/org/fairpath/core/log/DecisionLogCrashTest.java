package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
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
 * Kills (SIGKILL) a child JVM that appends from 4 threads, and in every other run also purges, at random moments.
 *
 * <p>What this can show: a process killed anywhere — mid-append or mid-purge — loses no acknowledged record,
 * leaves no purge leftovers after the next open, and the log verifies; a torn last line is cut and recorded by a
 * {@code REPAIR} record that names exactly the bytes cut. What it cannot show: anything about {@code force()}, because
 * a killed process's writes stay in the page cache. Power cuts are the simulation's job
 * ({@link DecisionLogSimulationTest}).
 */
final class DecisionLogCrashTest {

    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void killedWriter_losesNoAcknowledgedRecord_andEveryTornTailIsRepairedOnTheRecord() throws Exception {
        Path log = dir.resolve("crash.jsonl");
        Map<Long, String> acknowledged = java.util.Collections.synchronizedMap(new HashMap<>());
        SplittableRandom random = new SplittableRandom(2026);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int repairs = 0;
        int finishedPurges = 0;
        long checked = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            DecisionLog.Durability mode = DecisionLog.Durability.values()[kill % 2];
            boolean purge = kill % 4 >= 2;
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AppendForever.class.getName(), log.toString(), mode.name(), "4", purge ? "purge" : "")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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

            long tail = tornTail(log);
            Head before = DecisionLog.verify(log).head();
            boolean intentLeft = Files.exists(dir.resolve("crash.jsonl.purge-intent"));
            try (DecisionLog reopened = DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH)) {
                if (tail > 0) { // the repair path: the cut bytes are on the record
                    repairs++;
                    LogRecord repair = DecisionLog.read(log).stream()
                            .filter(r -> r.sequence() == before.sequence() + 1).findFirst().orElseThrow();
                    assertEquals("REPAIR", repair.type());
                    assertEquals(tail, ((Number) repair.body().get("discardedBytes")).longValue());
                    assertEquals(before.hash(), repair.previous());
                } else if (intentLeft) { // killed mid-purge after its intent: finished (a PURGE on top) or undone
                    finishedPurges++;
                    Head after = reopened.head();
                    assertTrue(after.equals(before) || DecisionLog.read(log).stream().anyMatch(r ->
                            r.sequence() == after.sequence() && r.type().equals("PURGE")), after.toString());
                } else {
                    assertEquals(before, reopened.head(), "nothing to repair, nothing added");
                }
            }
            assertFalse(Files.exists(dir.resolve("crash.jsonl.purge-tmp")), "purge temp file left after open");
            assertFalse(Files.exists(dir.resolve("crash.jsonl.purge-intent")), "purge intent left after open");
            Verification v = DecisionLog.verify(log);
            assertTrue(v.intact(), "after kill " + kill + ": " + v.problem());
            checked += checkAcknowledged(log, acknowledged); // after every kill, not only at the end
        }
        assertTrue(checked > KILLS * 10, "only " + checked + " acknowledged records checked");
        System.out.printf("kill test: %d kills, %d acknowledged appends (%d checks of records not purged) all present;"
                + " %d torn tails cut and recorded; %d purges interrupted after their intent%n", KILLS, acknowledged.size(),
                checked, repairs, finishedPurges);
    }

    /** Every acknowledged record not purged since is present with its hash; returns how many were checked. */
    private static long checkAcknowledged(Path log, Map<Long, String> acknowledged) throws IOException {
        List<LogRecord> records = DecisionLog.read(log);
        long purgedThrough = records.get(0).type().equals("CHECKPOINT") ? records.get(0).sequence() : 0;
        if (purgedThrough > 0) {
            assertTrue(records.stream().anyMatch(r -> r.type().equals("PURGE")
                    && r.body().get("purgedThrough") instanceof Number n && n.longValue() == purgedThrough));
        }
        Map<Long, String> onDisk = new HashMap<>();
        records.forEach(r -> onDisk.put(r.sequence(), r.hash()));
        long checked = 0;
        synchronized (acknowledged) {
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                if (ack.getKey() > purgedThrough) {
                    assertEquals(ack.getValue(), onDisk.get(ack.getKey()), "acknowledged record " + ack.getKey());
                    checked++;
                }
            }
        }
        return checked;
    }

    /** Bytes after the file's last '\n'. */
    private static long tornTail(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f)) {
            long size = ch.size();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            for (long p = size - 1; p >= 0; p--) {
                b.clear();
                ch.read(b, p);
                if (b.get(0) == '\n') {
                    return size - p - 1;
                }
            }
            return size;
        }
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
