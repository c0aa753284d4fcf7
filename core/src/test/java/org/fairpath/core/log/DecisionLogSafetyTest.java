package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file log's safety mechanisms, one test each (see RELIABILITY.md for which removal turns which test red). */
final class DecisionLogSafetyTest {

    private static final KeyPair KEYS = Anchors.generateKeys();
    private static final Clock OLD = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path filled(Path f, int n, Clock clock) throws IOException {
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(Duration.ZERO).clock(clock).open(f)) {
            for (int i = 1; i <= n; i++) {
                log.append("DECISION", Map.of("i", i));
            }
        }
        return f;
    }

    @Test
    void open_secondWriterInAnotherProcess_isRefusedWithAClearMessage() throws Exception {
        Path f = dir.resolve("d.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldLog.class.getName(), f.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
            assertTrue(e.getMessage().contains("already open for writing"), e.getMessage());
            assertTrue(DecisionLog.verify(f).intact(), "a reader needs no lock");
            assertEquals(1, DecisionLog.verify(f).records());
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(2, log.append("NOTE", Map.of()).sequence());
        }
    }

    @Test
    void open_secondWriterInThisProcess_isRefused() throws IOException {
        Path f = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            assertThrows(IllegalStateException.class, () -> DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT));
            log.append("NOTE", Map.of());
        }
    }

    @Test
    void purge_throughASymlink_purgesTheTargetAndKeepsTheLink() throws IOException {
        Path realDir = Files.createDirectory(dir.resolve("real"));
        Path target = filled(realDir.resolve("d.jsonl"), 5, OLD);
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);
        try (DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW).open(link)) {
            assertEquals(target.toRealPath(), log.file());
            assertEquals(4, log.purge(Duration.ofDays(30), "dpo"));
        }
        assertTrue(Files.isSymbolicLink(link), "the link must stay a link");
        List<LogRecord> records = DecisionLog.read(target);
        assertEquals(List.of("CHECKPOINT", "DECISION", "PURGE"), records.stream().map(LogRecord::type).toList());
        assertTrue(DecisionLog.verify(target).intact());
    }

    @Test
    void open_bytesThatAreNotATornRecord_areRefusedAndLeftAlone() throws IOException {
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "meeting notes, no newline");
        byte[] before = Files.readAllBytes(foreign);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DecisionLog.open(foreign, DecisionLog.Durability.FSYNC_EACH));
        assertTrue(e.getMessage().contains("not a torn record"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(foreign));

        Path f = filled(dir.resolve("d.jsonl"), 3, NOW);
        Files.writeString(f, "{\"seq\":9,\"time\"", java.nio.file.StandardOpenOption.APPEND); // not record 4
        byte[] withTail = Files.readAllBytes(f);
        assertThrows(IllegalStateException.class, () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
        assertArrayEquals(withTail, Files.readAllBytes(f));
    }

    @Test
    void open_tornStartOfTheNextRecord_isCutAndRecorded() throws IOException {
        Path f = filled(dir.resolve("d.jsonl"), 3, NOW);
        String torn = "{\"se";
        Files.writeString(f, torn, java.nio.file.StandardOpenOption.APPEND);
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(4, log.head().sequence());
        }
        LogRecord repair = DecisionLog.read(f).get(3);
        assertEquals("REPAIR", repair.type());
        assertEquals(4, ((Number) repair.body().get("discardedBytes")).intValue());
        assertEquals(Sha256.hex(torn), repair.body().get("discardedSha256"));
    }

    @Test
    void purge_againstGroupCommitAppends_neverDeadlocks() throws Exception {
        Path f = filled(dir.resolve("d.jsonl"), 50, OLD);
        for (int run = 0; run < 3; run++) {
            DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.GROUP_COMMIT)
                    .minimumRetention(Duration.ZERO).clock(NOW).open(f);
            ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r);
                t.setDaemon(true); // a deadlocked appender must not keep the test JVM alive
                return t;
            });
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        log.append("DECISION", Map.of("i", i));
                    }
                    return null;
                }));
            }
            Future<?> purges = pool.submit(() -> {
                for (int p = 0; p < 20; p++) {
                    log.purge(Duration.ofDays(1), "dpo");
                }
                return null;
            });
            fs.add(purges);
            for (Future<?> fu : fs) {
                fu.get(60, TimeUnit.SECONDS); // a TimeoutException here is a deadlock (the log is then left open)
            }
            pool.shutdown();
            assertTrue(log.verify().intact());
            log.close();
        }
    }

    @Test
    void append_afterAnInterruptClosedTheChannel_theSameInstanceGoesOn() throws Exception {
        Path f = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of("i", 1));
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt();
                assertThrows(IOException.class, () -> log.append("NOTE", Map.of("i", 2)));
            });
            t.start();
            t.join();
            assertEquals(1, log.head().sequence(), "the interrupted append left nothing");
            assertEquals(2, log.append("NOTE", Map.of("i", 3)).sequence());
            assertTrue(log.verify().intact());
        }
        assertEquals(List.of(1, 3), DecisionLog.read(f).stream().map(r -> r.body().get("i")).toList());
    }

    @Test
    void open_staleTempFileWithoutIntent_isRemoved() throws IOException {
        Path f = filled(dir.resolve("d.jsonl"), 2, NOW);
        Path tmp = dir.resolve("d.jsonl.purge-tmp");
        Files.writeString(tmp, "x".repeat(10_000));
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertFalse(Files.exists(tmp));
            assertEquals(2, log.head().sequence());
        }
    }

    @Test
    void purge_crashBetweenIntentAndRename_isFinishedOnOpen() throws IOException {
        SimStorage fs = new SimStorage(new java.util.SplittableRandom(1));
        Path f = Path.of("/sim/d.jsonl");
        DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(OLD).open(f, fs);
        for (int i = 0; i < 5; i++) {
            log.append("DECISION", Map.of("i", i));
        }
        log.close();
        log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW).open(f, fs);
        fs.crashBeforeRename = true;
        DecisionLog doomed = log;
        assertThrows(SimStorage.Crash.class, () -> doomed.purge(Duration.ofDays(1), "dpo"));
        fs.powerCut();
        assertTrue(fs.has(Path.of("/sim/d.jsonl.purge-intent")), "the intent was durable before the rename");
        log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW).open(f, fs);
        List<LogRecord> records = new ArrayList<>();
        log.forEach(records::add);
        assertEquals(List.of("CHECKPOINT", "DECISION", "PURGE"), records.stream().map(LogRecord::type).toList());
        assertFalse(fs.has(Path.of("/sim/d.jsonl.purge-intent")));
        assertFalse(fs.has(Path.of("/sim/d.jsonl.purge-tmp")));
        assertTrue(log.verify().intact());
        log.close();
    }

    @Test
    void note_withEveryKindOfLineBreak_staysOneRecordAcrossARestart() throws IOException {
        Path f = dir.resolve("d.jsonl");
        String note = "a\u2028b\u2029c\u0085d\re\nf\u000bg";
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("DECISION", Map.of("note", note));
        }
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(1, log.head().sequence());
        }
        assertEquals(1, Files.readAllLines(f, StandardCharsets.UTF_8).size()); // Java's own reader splits on \r too
        assertEquals(note, DecisionLog.read(f).get(0).body().get("note"));
        assertTrue(DecisionLog.verify(f).intact());
    }

    @Test
    void groupCommit_failedBatch_failsEveryRecordQueuedBehindIt_andTheChainStaysWhole() throws Exception {
        SimStorage fs = new SimStorage(new java.util.SplittableRandom(7));
        Path f = Path.of("/sim/gc.jsonl");
        DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.GROUP_COMMIT).open(f, fs);
        log.append("NOTE", Map.of("i", 0));
        java.util.concurrent.CountDownLatch inForce = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch othersQueued = new java.util.concurrent.CountDownLatch(1);
        fs.onForce = () -> { // the first batch's force waits until the others are queued, then fails
            fs.onForce = null;
            inForce.countDown();
            try {
                othersQueued.await(10, TimeUnit.SECONDS);
                Thread.sleep(300); // they are past enqueue and waiting for the file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(() -> log.append("NOTE", Map.of("i", 1)));
            assertTrue(inForce.await(10, TimeUnit.SECONDS));
            List<Future<Appended>> behind = new ArrayList<>();
            for (int i = 2; i <= 3; i++) {
                int n = i;
                behind.add(pool.submit(() -> log.append("NOTE", Map.of("i", n))));
            }
            othersQueued.countDown();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    first::get);
            assertTrue(e.getCause() instanceof IOException, e.toString());
            for (Future<Appended> b : behind) {
                java.util.concurrent.ExecutionException be = assertThrows(
                        java.util.concurrent.ExecutionException.class, b::get, "queued behind the failed batch");
                assertTrue(be.getCause().getMessage().contains("earlier record of its group commit failed"),
                        be.getCause().getMessage());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, log.head().sequence());
        assertEquals(2, log.append("NOTE", Map.of("i", 4)).sequence());
        assertTrue(log.verify().intact(), log.verify().problem());
        log.close();
    }

    // ------------------------------------------------------------------------------------------------- anchors

    @Test
    void verifyAgainstAHead_catchesTailTruncationAndAFullRewrite() throws IOException {
        Path f = filled(dir.resolve("d.jsonl"), 5, NOW);
        Head published = DecisionLog.verify(f).head();
        assertTrue(DecisionLog.verify(f, published, null).intact());
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);

        Files.write(f, lines.subList(0, 4)); // the last record cut off at a line boundary
        assertTrue(DecisionLog.verify(f).intact(), "the chain alone cannot see a clean cut");
        Verification cut = DecisionLog.verify(f, published, null);
        assertFalse(cut.intact());
        assertTrue(cut.problem().contains("cut from the end"), cut.problem());

        Path rewritten = dir.resolve("r.jsonl"); // same length, one value changed, every hash recomputed
        try (DecisionLog log = DecisionLog.open(rewritten, DecisionLog.Durability.FSYNC_EACH)) {
            for (int i = 1; i <= 5; i++) {
                log.append("DECISION", Map.of("i", i == 2 ? 20 : i));
            }
        }
        assertTrue(DecisionLog.verify(rewritten).intact());
        Verification v = DecisionLog.verify(rewritten, published, null);
        assertFalse(v.intact());
        assertTrue(v.problem().contains("rewritten"), v.problem());
    }

    @Test
    void verifyWithTrust_catchesPrefixDeletionBehindAHandMadeCheckpoint() throws IOException {
        Path f = filled(dir.resolve("d.jsonl"), 6, NOW);
        List<LogRecord> records = DecisionLog.read(f);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        LogRecord last = records.get(2); // forge a checkpoint that hides records 1..3
        RecordCodec.Encoded forged = RecordCodec.encode(3, Instant.now(), "CHECKPOINT", last.previous(),
                Map.of("purgedFrom", 1, "purgedThrough", 3, "lastPurgedHash", last.hash(), "cutoff", "x"));
        List<String> doctored = new ArrayList<>(List.of(forged.line()));
        doctored.addAll(lines.subList(3, 6));
        Files.write(f, doctored);
        assertTrue(DecisionLog.verify(f).intact(), "without a key a checkpoint cannot be told from a forgery");
        Verification v = DecisionLog.verify(f, null, KEYS.getPublic());
        assertFalse(v.intact());
        assertTrue(v.problem().contains("not signed by the trusted key"), v.problem());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DecisionLog.options().checkpointKeys(KEYS).open(f));
        assertTrue(e.getMessage().contains("not signed"), e.getMessage());
    }

    @Test
    void signedPurge_verifiesWithTheKey_andAnUnsignedOneIsRefused() throws IOException {
        Path signed = filled(dir.resolve("s.jsonl"), 4, OLD);
        try (DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW)
                .checkpointKeys(KEYS).open(signed)) {
            assertEquals(3, log.purge(Duration.ofDays(1), "dpo"));
        }
        assertTrue(DecisionLog.verify(signed, null, KEYS.getPublic()).intact());
        try (DecisionLog log = DecisionLog.options().trust(KEYS.getPublic()).open(signed)) {
            assertEquals(5, log.head().sequence());
        }
        Path unsigned = filled(dir.resolve("u.jsonl"), 4, OLD);
        try (DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW).open(unsigned)) {
            log.purge(Duration.ofDays(1), "dpo");
        }
        assertFalse(DecisionLog.verify(unsigned, null, KEYS.getPublic()).intact());
        assertThrows(IllegalStateException.class, () -> DecisionLog.options().trust(KEYS.getPublic()).open(unsigned));
        KeyPair other = Anchors.generateKeys();
        assertFalse(DecisionLog.verify(signed, null, other.getPublic()).intact(), "signed by another key");
    }

    /**
     * Heads signed before a retention purge (issue 12, fresh eyes): records 1-3 of 4 are purged, so the log keeps
     * record 3's hash in its CHECKPOINT and nothing of records 1-2. Expected verdicts follow from that: a head at 3 is
     * compared, a head at 2 can only be vouched for by the signed checkpoint, never silently passed or bluntly failed.
     */
    @Test
    void verifyAgainstAHeadSignedBeforeAPurge_saysItWasPurged_andWhetherASignedCheckpointVouchesForIt()
            throws IOException {
        Path f = filled(dir.resolve("d.jsonl"), 4, OLD);
        List<LogRecord> before = DecisionLog.read(f);
        Head h2 = new Head(2, before.get(1).hash());
        Head h3 = new Head(3, before.get(2).hash());
        Head h4 = new Head(4, before.get(3).hash());
        try (DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW)
                .checkpointKeys(KEYS).open(f)) {
            assertEquals(3, log.purge(Duration.ofDays(1), "dpo"));
        }
        assertEquals(List.of("CHECKPOINT", "DECISION", "PURGE"), DecisionLog.read(f).stream().map(LogRecord::type)
                .toList());

        Verification at3 = DecisionLog.verify(f, h3, KEYS.getPublic());
        assertTrue(at3.intact(), at3.problem());
        assertTrue(at3.note().contains("expected head 3 was removed by a retention purge")
                && at3.note().contains("signed by the trusted key") && at3.note().endsWith("which matches"), at3.note());
        Verification at3Rewritten = DecisionLog.verify(f, new Head(3, h2.hash()), KEYS.getPublic());
        assertFalse(at3Rewritten.intact());
        assertEquals(java.util.OptionalLong.of(3), at3Rewritten.firstBadSequence());
        assertTrue(at3Rewritten.problem().contains("keeps hash " + h3.hash()), at3Rewritten.problem());

        Verification at2 = DecisionLog.verify(f, h2, KEYS.getPublic());
        assertTrue(at2.intact(), at2.problem());
        assertEquals(3, at2.records());
        assertTrue(at2.note().contains("expected head 2 lies in the purged range (records through 3")
                && at2.note().contains("can no longer be compared")
                && at2.note().contains("signed by the trusted key"), at2.note());
        Verification at2NoKey = DecisionLog.verify(f, h2, null);
        assertFalse(at2NoKey.intact(), "with no key a purge cannot be told from a cut");
        assertEquals(java.util.OptionalLong.of(2), at2NoKey.firstBadSequence());
        assertTrue(at2NoKey.problem().contains("lies in the purged range")
                && at2NoKey.problem().contains("cannot be told from records cut from the front"), at2NoKey.problem());

        Verification at4 = DecisionLog.verify(f, h4, KEYS.getPublic());
        assertTrue(at4.intact(), at4.problem());
        assertEquals("", at4.note(), "a head after the checkpoint is compared record by record");
        assertEquals("", DecisionLog.verify(f, null, KEYS.getPublic()).note());

        // the same cut made by hand, behind an unsigned checkpoint: the old head is not vouched for
        Path cut = filled(dir.resolve("cut.jsonl"), 4, OLD);
        try (DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW).open(cut)) {
            log.purge(Duration.ofDays(1), "someone");
        }
        Verification forged = DecisionLog.verify(cut, h2, KEYS.getPublic());
        assertFalse(forged.intact());
        assertTrue(forged.problem().contains("not signed by the trusted key"), forged.problem());
    }

    @Test
    void signedHeadFile_roundTrips_andATamperedOneIsRefused() throws IOException {
        Path f = filled(dir.resolve("d.jsonl"), 3, NOW);
        Path anchor = dir.resolve("head.sig");
        Head head = DecisionLog.verify(f).head();
        Anchors.writeSignedHead(Anchors.signHead(head, NOW.instant(), KEYS), anchor);
        Anchors.SignedHead read = Anchors.readSignedHead(anchor, KEYS.getPublic());
        assertEquals(head, read.head());
        assertTrue(DecisionLog.verify(f, read.head(), KEYS.getPublic()).intact());
        String text = Files.readString(anchor);
        Files.writeString(anchor, text.replace(head.sequence() + ":", (head.sequence() - 1) + ":"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Anchors.readSignedHead(anchor, KEYS.getPublic()));
        assertTrue(e.getMessage().contains("not signed by the trusted key"), e.getMessage());
        Path priv = dir.resolve("k");
        Path pub = dir.resolve("k.pub");
        Anchors.writeKeys(KEYS, priv, pub);
        KeyPair back = Anchors.readKeys(priv, pub);
        assertEquals(KEYS.getPublic(), back.getPublic());
        assertThrows(IllegalArgumentException.class, () -> Anchors.writeKeys(KEYS, priv, pub));
    }
}
