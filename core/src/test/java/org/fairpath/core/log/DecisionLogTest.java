package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class DecisionLogTest {

    @TempDir
    Path dir;

    private Path filled(int records) throws IOException {
        Path f = dir.resolve("log.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            for (int i = 1; i <= records; i++) {
                log.append("DECISION", Map.of("i", i, "note", "record " + i));
            }
        }
        return f;
    }

    private static List<String> lines(Path f) throws IOException {
        return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    }

    private static void write(Path f, List<String> lines) throws IOException {
        Files.write(f, lines, StandardCharsets.UTF_8);
    }

    @Test
    void append_readBack_chainVerifies_andReopenContinues() throws IOException {
        Path f = filled(5);
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            assertEquals(5, log.lastSequence());
            assertEquals(6, log.append("DECISION", Map.of("i", 6)).sequence());
        }
        List<LogRecord> records = DecisionLog.read(f);
        assertEquals(6, records.size());
        assertEquals(DecisionLog.GENESIS, records.get(0).previous());
        for (int i = 1; i < records.size(); i++) {
            assertEquals(i + 1, records.get(i).sequence());
            assertEquals(records.get(i - 1).hash(), records.get(i).previous());
        }
        assertEquals(3, records.get(2).body().get("i"));
        assertEquals(new Verification(true, 6, OptionalLong.empty(), "", new Head(6, records.get(5).hash())),
                DecisionLog.verify(f));
    }

    @Test
    void verify_editedRecord_namesIt() throws IOException {
        Path f = filled(6);
        List<String> l = lines(f);
        l.set(3, l.get(3).replace("record 4", "record 9"));
        write(f, l);
        Verification v = DecisionLog.verify(f);
        assertFalse(v.intact());
        assertEquals(OptionalLong.of(4), v.firstBadSequence());
    }

    @Test
    void verify_editedRecordWithRecomputedHash_breaksTheNextLink() throws IOException {
        Path f = filled(6);
        List<String> l = lines(f);
        String edited = l.get(3).replace("record 4", "record 9");
        String content = edited.substring(0, edited.indexOf(",\"hash\":")) + "}";
        String hash = org.fairpath.core.Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
        l.set(3, content.substring(0, content.length() - 1) + ",\"hash\":\"" + hash + "\"}");
        write(f, l);
        Verification v = DecisionLog.verify(f);
        assertEquals(OptionalLong.of(5), v.firstBadSequence(), v.problem());
        assertTrue(v.problem().contains("does not chain"), v.problem());
    }

    @Test
    void verify_deletedInsertedOrReorderedRecords_areNamed() throws IOException {
        Path f = filled(6);
        List<String> original = lines(f);

        List<String> deleted = new ArrayList<>(original);
        deleted.remove(2);
        write(f, deleted);
        assertEquals(OptionalLong.of(4), DecisionLog.verify(f).firstBadSequence());

        List<String> inserted = new ArrayList<>(original);
        inserted.add(2, original.get(4));
        write(f, inserted);
        assertEquals(OptionalLong.of(5), DecisionLog.verify(f).firstBadSequence());

        List<String> swapped = new ArrayList<>(original);
        swapped.set(1, original.get(2));
        swapped.set(2, original.get(1));
        write(f, swapped);
        assertEquals(OptionalLong.of(3), DecisionLog.verify(f).firstBadSequence());

        List<String> garbage = new ArrayList<>(original);
        garbage.set(5, "not json");
        write(f, garbage);
        Verification v = DecisionLog.verify(f);
        assertFalse(v.intact());
        assertTrue(v.problem().startsWith("line 6 is not an intact record"), v.problem());
    }

    @Test
    void open_tornLastLine_isCutOffAndTheRepairLogged() throws IOException {
        Path f = filled(3);
        String tail = "{\"seq\":4,\"time\":\"2026-";
        Files.writeString(f, tail, StandardOpenOption.APPEND);
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(4, log.lastSequence());
        }
        List<LogRecord> records = DecisionLog.read(f);
        assertEquals(4, records.size());
        LogRecord repair = records.get(3);
        assertEquals("REPAIR", repair.type());
        assertEquals(tail.length(), ((Number) repair.body().get("discardedBytes")).intValue());
        assertEquals(org.fairpath.core.Sha256.hex(tail.getBytes(StandardCharsets.UTF_8)), repair.body().get("discardedSha256"));
        assertTrue(DecisionLog.verify(f).intact());
    }

    @Test
    void open_damagedLastCompleteRecord_refusesToGuess() throws IOException {
        Path f = filled(3);
        List<String> l = lines(f);
        l.set(2, l.get(2).replace("record 3", "record 7"));
        write(f, l);
        assertThrows(IllegalStateException.class, () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
    }

    @ParameterizedTest
    @EnumSource(DecisionLog.Durability.class)
    void append_eightThreads_loseNothingAndTheChainVerifies(DecisionLog.Durability durability) throws Exception {
        Path f = dir.resolve("concurrent.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DecisionLog log = DecisionLog.open(f, durability)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        log.append("DECISION", Map.of("thread", id, "i", i));
                    }
                    return null;
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } finally {
            pool.shutdown();
        }
        Verification v = DecisionLog.verify(f);
        assertTrue(v.intact(), v.problem());
        assertEquals(2000, v.records());
        long distinct = DecisionLog.read(f).stream().map(r -> r.body().get("thread") + "/" + r.body().get("i"))
                .distinct().count();
        assertEquals(2000, distinct);
    }

    @Test
    void append_refusesTypesTheLogWritesItself_andTheLogStaysUsable() throws IOException {
        Path f = dir.resolve("reserved.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of());
            for (String t : List.of("CHECKPOINT", "PURGE", "REPAIR")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> log.append(t, Map.of("purgedThrough", 1)));
                assertTrue(e.getMessage().contains("'" + t + "' is reserved"), e.getMessage());
            }
            log.append("NOTE", Map.of());
            assertEquals(2, log.lastSequence());
        }
        assertTrue(DecisionLog.verify(f).intact());
        DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH).close();
    }

    private static Object nested(int containers) {
        Object o = 1;
        for (int i = 0; i < containers; i++) {
            o = i % 2 == 0 ? Map.of("n", o) : List.of(o);
        }
        return o;
    }

    /**
     * The writer's limits are the reader's: at each limit the record is appended, verifies and the log reopens; one
     * past it, append refuses naming the field and the limit, and the log is as before.
     */
    @Test
    void append_acceptsExactlyWhatTheReaderAccepts() throws IOException {
        Path f = dir.resolve("limits.jsonl");
        // the body counts as depth 2, so MAX_NESTING_DEPTH - 2 containers inside it reach the limit
        Object[][] cases = {
            {new java.math.BigInteger("9".repeat(RecordCodec.MAX_NUMBER_LENGTH)),
                new java.math.BigInteger("9".repeat(RecordCodec.MAX_NUMBER_LENGTH + 1)), "number of 1001"},
            {new java.math.BigInteger("-" + "9".repeat(RecordCodec.MAX_NUMBER_LENGTH - 1)),
                new java.math.BigInteger("-" + "9".repeat(RecordCodec.MAX_NUMBER_LENGTH)), "number of 1001"},
            {"s".repeat(RecordCodec.MAX_STRING_LENGTH), "s".repeat(RecordCodec.MAX_STRING_LENGTH + 1),
                "string of 20000001"},
            {Map.of("k".repeat(RecordCodec.MAX_NAME_LENGTH), 1), Map.of("k".repeat(RecordCodec.MAX_NAME_LENGTH + 1), 1),
                "key of 50001"},
            {nested(RecordCodec.MAX_NESTING_DEPTH - 2), nested(RecordCodec.MAX_NESTING_DEPTH - 1), "nested 1001"},
        };
        for (Object[] c : cases) {
            Files.deleteIfExists(f);
            try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
                log.append("NOTE", Map.of("v", c[0]));
                Head before = log.head();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> log.append("NOTE", Map.of("v", c[1])));
                assertTrue(e.getMessage().contains("record body.v") && e.getMessage().contains((String) c[2])
                        && e.getMessage().contains("the limit is"), e.getMessage());
                assertEquals(before, log.head());
            }
            Verification v = DecisionLog.verify(f);
            assertTrue(v.intact(), c[2] + ": " + v.problem());
            assertEquals(1, v.records());
            DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH).close();
        }
    }

    @Test
    void open_keepsACompleteRecordWhoseNewlineIsMissing() throws IOException {
        Path f = dir.resolve("nonl.jsonl");
        Head head;
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of("n", 1));
            log.append("NOTE", Map.of("n", 2));
            head = log.head();
        }
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 1)); // the last '\n' never reached the disk
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(head, log.head());
        }
        assertEquals(List.of("NOTE", "NOTE"), DecisionLog.read(f).stream().map(LogRecord::type).toList());
        assertTrue(java.util.Arrays.equals(all, Files.readAllBytes(f)));
    }

    @Test
    void open_refusesATailThatDoesNotChainOntoTheLastRecord() throws IOException {
        Path other = dir.resolve("other.jsonl");
        try (DecisionLog log = DecisionLog.open(other, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of("other", true));
            log.append("NOTE", Map.of("other", true));
        }
        String secondOfOther = Files.readAllLines(other).get(1);
        Path f = dir.resolve("cut.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of());
        }
        // starts like record 2, but its prev is not this log's record 1: not a torn record of this log
        Files.writeString(f, secondOfOther.substring(0, 150), StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(f);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
        assertTrue(e.getMessage().contains("not a torn record of this log"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)), "the file was changed");
        // the whole of the other log's record 2, without its newline: complete, but it does not chain here
        Files.write(f, java.util.Arrays.copyOf(before, before.length - 150));
        Files.writeString(f, secondOfOther, StandardOpenOption.APPEND);
        byte[] whole = Files.readAllBytes(f);
        assertThrows(IllegalStateException.class, () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
        assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(f)), "the file was changed");
        assertTrue(DecisionLog.tornPrefix(secondOfOther.substring(0, 20), "{\"seq\":2,\"time\":\"", "x"));
        assertTrue(DecisionLog.tornPrefix(secondOfOther.substring(0, 150), "{\"seq\":2,\"time\":\"",
                DecisionLog.read(other).get(0).hash()));
    }

    @Test
    void open_namesATrailingBlankLine() throws IOException {
        Path f = dir.resolve("blank.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of());
        }
        Files.writeString(f, "\n", StandardOpenOption.APPEND);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
        assertTrue(e.getMessage().contains("line 2 is empty (a blank line"), e.getMessage());
        assertTrue(DecisionLog.verify(f).problem().contains("line 2 is empty"));
    }

    @Test
    void secondWriter_isRefused_throughAHardLink_orAfterTheLockFileIsDeleted() throws IOException {
        Path f = dir.resolve("one.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of());
            Path link = Files.createLink(dir.resolve("alias.jsonl"), f);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.open(link, DecisionLog.Durability.FSYNC_EACH));
            assertTrue(e.getMessage().contains("hard link"), e.getMessage());
            Files.delete(link);
            Files.delete(dir.resolve("one.jsonl.lock")); // "stale-looking"
            e = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
            assertTrue(e.getMessage().contains("already open for writing"), e.getMessage());
            // with its lock file gone another process could get in: the writer stops (DecisionLogSingleWriterTest)
            assertThrows(IOException.class, () -> log.append("NOTE", Map.of()));
        }
        assertEquals(1, DecisionLog.verify(f).records());
    }

    @Test
    void append_failsOnceTheLogFileWasDeletedOrReplaced() throws IOException {
        Path f = dir.resolve("gone.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of());
            Files.delete(f);
            IOException e = assertThrows(IOException.class, () -> log.append("NOTE", Map.of()));
            assertTrue(e.getMessage().contains("deleted or replaced"), e.getMessage());
        }
        Path g = dir.resolve("replaced.jsonl");
        try (DecisionLog log = DecisionLog.open(g, DecisionLog.Durability.GROUP_COMMIT)) {
            log.append("NOTE", Map.of());
            Path copy = Files.copy(g, dir.resolve("copy.jsonl"));
            Files.move(copy, g, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            IOException e = assertThrows(IOException.class, () -> log.append("NOTE", Map.of()));
            assertTrue(e.getMessage().contains("deleted or replaced"), e.getMessage());
        }
        assertEquals(1, DecisionLog.verify(g).records());
    }

    @Test
    void purge_neverFollowsLinksPlantedAtItsTempAndIntentFiles() throws IOException {
        Path f = dir.resolve("planted.jsonl");
        ManualClock clock = new ManualClock();
        Path victim = Files.writeString(dir.resolve("victim.txt"), "victim");
        Path victim2 = Files.writeString(dir.resolve("victim2.txt"), "victim2");
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(Duration.ZERO).clock(clock).open(f)) {
            log.append("NOTE", Map.of());
            clock.now = clock.now.plus(Duration.ofDays(10));
            log.append("NOTE", Map.of());
            Files.createSymbolicLink(dir.resolve("planted.jsonl.purge-tmp"), victim);
            Files.createSymbolicLink(dir.resolve("planted.jsonl.purge-intent"), victim2);
            assertEquals(1, log.purge(Duration.ofDays(1), "dpo"));
        }
        assertEquals("victim", Files.readString(victim));
        assertEquals("victim2", Files.readString(victim2));
        assertTrue(DecisionLog.verify(f).intact());
        assertFalse(Files.exists(dir.resolve("planted.jsonl.purge-tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("planted.jsonl.purge-intent"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void checkpointSignature_coversTheWholeRecord() throws Exception {
        Path f = dir.resolve("signed.jsonl");
        ManualClock clock = new ManualClock();
        java.security.KeyPair keys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(Duration.ZERO).clock(clock).checkpointKeys(keys).open(f)) {
            log.append("MODEL_DISABLED", Map.of("modelVersion", "m1", "reason", "drift"));
            log.append("NOTE", Map.of());
            clock.now = clock.now.plus(Duration.ofDays(10));
            log.append("NOTE", Map.of());
            assertEquals(2, log.purge(Duration.ofDays(1), "dpo"));
        }
        assertTrue(DecisionLog.verify(f, null, keys.getPublic()).intact());
        List<String> lines = Files.readAllLines(f);
        LogRecord cp = RecordCodec.decode(lines.get(0));
        List<java.util.function.UnaryOperator<Map<String, Object>>> edits = List.of(
                b -> put(b, "cutoff", "2020-01-01T00:00:00Z"),
                b -> put(b, "purgedFrom", 2),
                b -> put(b, DecisionLog.CARRIED, List.of()));
        Path g = dir.resolve("edited.jsonl");
        for (int i = 0; i < edits.size() + 2; i++) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(cp.body());
            Instant time = cp.time();
            String prev = cp.previous();
            if (i < edits.size()) {
                body = edits.get(i).apply(body);
            } else if (i == edits.size()) {
                time = time.minusSeconds(1);
            } else {
                prev = "f".repeat(64);
            }
            List<String> edited = new ArrayList<>(lines);
            edited.set(0, RecordCodec.encode(cp.sequence(), time, "CHECKPOINT", prev, body).line());
            Files.write(g, edited);
            Verification plain = DecisionLog.verify(g); // without a key, the PURGE record's checkpointHash catches it
            assertFalse(plain.intact(), "edit " + i + " verifies without a key");
            assertTrue(plain.problem().contains("checkpoint was changed"), plain.problem());
            Verification v = DecisionLog.verify(g, null, keys.getPublic());
            assertFalse(v.intact(), "edit " + i + " still verifies with --trust");
            assertTrue(v.problem().contains("not signed by the trusted key"), v.problem());
        }
    }

    private static Map<String, Object> put(Map<String, Object> b, String k, Object v) {
        b.put(k, v);
        return b;
    }

    @Test
    void aLineLongerThanTheWriterWrites_isReportedInOneLine_withBoundedMemory() throws IOException {
        Path f = dir.resolve("long.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", Map.of());
            Head before = log.head();
            // 6 bytes per char once escaped: 11.2 M chars make a line past the 64 MiB limit
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> log.append("NOTE", Map.of("v", "\u0001".repeat(11_200_000))));
            assertTrue(e.getMessage().contains("the limit is " + RecordCodec.MAX_LINE_LENGTH), e.getMessage());
            assertEquals(before, log.head());
        }
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (var out = Files.newOutputStream(f, StandardOpenOption.APPEND)) {
            for (long n = 0; n <= RecordCodec.MAX_LINE_LENGTH; n += chunk.length) {
                out.write(chunk);
            }
            out.write('\n');
        }
        Verification v = DecisionLog.verify(f);
        assertFalse(v.intact());
        assertEquals(1, v.records());
        assertTrue(v.problem().startsWith("record at line 2 is longer than the limit of "
                + RecordCodec.MAX_LINE_LENGTH + " bytes"), v.problem());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH));
        assertTrue(e.getMessage().contains("record at line 2 is longer than the limit"), e.getMessage());
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void purge_removesOldRecords_keepsTheChainVerifiable_andLogsIt() throws IOException {
        Path f = dir.resolve("purge.jsonl");
        ManualClock clock = new ManualClock();
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH, DecisionLog.MINIMUM_RETENTION,
                clock)) {
            for (int month = 0; month < 12; month++) {
                log.append("DECISION", Map.of("month", month));
                clock.now = clock.now.plus(Duration.ofDays(30));
            }
            IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                    () -> log.purge(Duration.ofDays(90), "dpo"));
            assertTrue(tooShort.getMessage().contains("below the minimum retention"), tooShort.getMessage());
            // now = 2025-01-01 + 360 days; keep 200 days: months 0..5 (appended at days 0..150) go
            assertEquals(6, log.purge(Duration.ofDays(200), "dpo"));
            log.append("DECISION", Map.of("month", 12));
            clock.now = clock.now.plus(Duration.ofDays(60));
            assertEquals(2, log.purge(Duration.ofDays(200), "dpo")); // months 6 and 7, after the checkpoint
        }
        assertTrue(DecisionLog.verify(f).intact(), DecisionLog.verify(f).problem());
        List<LogRecord> records = DecisionLog.read(f);
        assertEquals("CHECKPOINT", records.get(0).type());
        assertEquals(1, ((Number) records.get(0).body().get("purgedFrom")).intValue());
        assertEquals(8, records.get(0).sequence());
        assertEquals(8, records.get(1).sequence() - 1);
        LogRecord purge = records.get(records.size() - 1);
        assertEquals("PURGE", purge.type());
        assertEquals("dpo", purge.body().get("actor"));
        assertEquals(2, ((Number) purge.body().get("recordsRemoved")).intValue());
        assertEquals(List.of("CHECKPOINT", "DECISION", "DECISION", "DECISION", "DECISION", "PURGE", "DECISION",
                "PURGE"), records.stream().map(LogRecord::type).toList());
    }

    @Test
    void append_badTypeOrBody_isRejectedAndNothingWritten() throws IOException {
        Path f = filled(2);
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertThrows(IllegalArgumentException.class, () -> log.append("decision", Map.of()));
            assertThrows(IllegalArgumentException.class, () -> log.append("DECISION", Map.of("x", new Object())));
            assertEquals(2, log.lastSequence());
        }
        assertEquals(2, DecisionLog.read(f).size());
        assertTrue(DecisionLog.verify(f).intact());
    }
}
