package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, fresh-eyes round: the single-writer lock must survive what a process does in-process. Linux record locks
 * belong to the process and go when any channel on the file is closed, so a refused second open and every reader in
 * the writer's JVM used to drop the writer's protection, and a second JVM then wrote into the same file.
 */
final class DecisionLogSingleWriterTest {

    @TempDir
    Path dir;

    /** Runs {@link TryWriter} in a child JVM and returns its one line of output. */
    private static String childWriter(Path f, int appends) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TryWriter.class.getName(), f.toString(), Integer.toString(appends))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child writer did not finish");
        return out;
    }

    private static List<String> whoWrote(Path f) throws IOException {
        return DecisionLog.read(f).stream().map(r -> String.valueOf(r.body().get("by"))).toList();
    }

    @Test
    void refusedSecondOpenAndReadersInTheWritersJvm_leaveAnotherProcessRefused() throws Exception {
        Path f = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of("by", "parent"));
            IllegalStateException second = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
            assertTrue(second.getMessage().contains("in this JVM"), second.getMessage());
            Path link = Files.createLink(dir.resolve("other-name.jsonl"), f);
            IllegalStateException viaLink = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.open(link, DecisionLog.Durability.FSYNC_EACH));
            assertTrue(viaLink.getMessage().contains("hard link"), viaLink.getMessage());
            Files.delete(link);
            // every in-process reader closes a channel on the log file (dropping the OS lock on the log itself)
            assertTrue(log.verify().intact());
            log.forEach(r -> { });
            assertTrue(DecisionLog.verify(f).intact());
            assertEquals(1, DecisionLog.read(f).size());
            DecisionLog.forEach(f, r -> { });

            String child = childWriter(f, 5);
            assertTrue(child.startsWith("refused: "), "a second process got in as writer: " + child);

            log.append("NOTE", Map.of("by", "parent"));
        }
        assertTrue(DecisionLog.verify(f).intact());
        assertEquals(List.of("parent", "parent"), whoWrote(f));
    }

    @Test
    void lockFileDeletedWhileTheWriterRuns_theWritersNextAppendFails_andNothingIsOverwritten() throws Exception {
        Path f = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of("by", "parent"));
            assertTrue(DecisionLog.verify(f).intact()); // a reader: the OS lock on the log itself is gone
            Files.delete(dir.resolve("d.jsonl.lock")); // and now the lock file too (an admin "cleaning up")

            assertEquals("appended 5", childWriter(f, 5)); // nothing left to stop another process
            byte[] afterChild = Files.readAllBytes(f);

            IOException e = assertThrows(IOException.class, () -> log.append("NOTE", Map.of("by", "parent")));
            assertTrue(e.getMessage().contains("lock file"), e.getMessage());
            assertArrayEquals(afterChild, Files.readAllBytes(f), "the writer must not touch the file any more");
            assertThrows(IOException.class, () -> log.append("NOTE", Map.of("by", "parent")), "and stays stopped");
            assertEquals(1, log.head().sequence());
        }
        assertTrue(DecisionLog.verify(f).intact());
        assertEquals(List.of("parent", "child", "child", "child", "child", "child"), whoWrote(f));
    }

    @Test
    void lockFileDeletedWhileTheWriterRuns_evenWithoutAnotherWriter_theNextAppendFails() throws IOException {
        Path f = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            log.append("NOTE", Map.of("by", "parent"));
            byte[] before = Files.readAllBytes(f);
            Files.delete(dir.resolve("d.jsonl.lock"));
            assertThrows(IOException.class, () -> log.append("NOTE", Map.of("by", "parent")));
            assertArrayEquals(before, Files.readAllBytes(f));
        }
        // closing released this JVM's claim: the log opens again (and recreates the lock file)
        try (DecisionLog again = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(2, again.append("NOTE", Map.of("by", "parent")).sequence());
        }
    }

    @Test
    void holdLostBetweenWriteAndForce_theWrittenBytesAreNotTruncated_sinceTheyMayBeAnotherWritersNow()
            throws IOException {
        SimStorage fs = new SimStorage(new SplittableRandom(12));
        Path f = Path.of("/sim/d.jsonl");
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH).open(f, fs)) {
            log.append("NOTE", Map.of("by", "parent"));
            byte[] before = fs.content(f);
            fs.heldChecksLeft = 2; // passes before the write and in ensureClean, fails before the force
            assertThrows(IOException.class, () -> log.append("NOTE", Map.of("by", "parent")));
            byte[] after = fs.content(f);
            assertTrue(after.length > before.length, "the rollback must not cut the file once the hold is lost");
            assertThrows(IOException.class, () -> log.append("NOTE", Map.of("by", "parent")));
            assertArrayEquals(after, fs.content(f), "and nothing more is written");
            assertEquals(1, log.head().sequence());
        }
    }

    @Test
    void holdLostDuringAPurge_theRenameDoesNotHappen_andTheLogIsUnchanged() throws IOException {
        SimStorage fs = new SimStorage(new SplittableRandom(13));
        java.time.Clock old = java.time.Clock.fixed(java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC);
        DecisionLog.Options o = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(java.time.Duration.ZERO);
        try (DecisionLog log = o.clock(old).open(F_SIM, fs)) {
            log.append("NOTE", Map.of("by", "parent"));
            log.append("NOTE", Map.of("by", "parent"));
        }
        try (DecisionLog log = o.clock(java.time.Clock.systemUTC()).open(F_SIM, fs)) {
            byte[] before = fs.content(F_SIM);
            fs.heldChecksLeft = 1; // passes when the purge starts, fails just before its rename
            IOException e = assertThrows(IOException.class, () -> log.purge(java.time.Duration.ofDays(30), "dpo"));
            assertTrue(e.getMessage().contains("deleted"), e.getMessage());
            assertArrayEquals(before, fs.content(F_SIM), "the purged file must not be renamed in");
            assertTrue(!fs.has(Path.of(F_SIM + ".purge-tmp")) && !fs.has(Path.of(F_SIM + ".purge-intent")));
        }
    }

    private static final Path F_SIM = Path.of("/sim/p.jsonl");
}
