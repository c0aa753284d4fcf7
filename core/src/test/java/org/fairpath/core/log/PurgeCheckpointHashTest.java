package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, fresh-eyes round: an unsigned CHECKPOINT edited after a purge (carried kill-switch records removed, its
 * line hash recomputed) passed a check against a head published after the purge, because the kept records chain
 * from {@code lastPurgedHash}, not from the checkpoint. The PURGE record now holds the checkpoint's hash.
 */
final class PurgeCheckpointHashTest {

    private static final Clock OLD = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A log with a kill switch thrown long ago, then purged; returns the head published after the purge. */
    private Head purged(Path f) throws IOException {
        try (DecisionLog log = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(Duration.ZERO).clock(OLD).open(f)) {
            log.append("MODEL_DISABLED", Map.of("modelVersion", "a".repeat(64), "reason", "drift"));
            log.append("DECISION", Map.of("i", 1));
            log.append("DECISION", Map.of("i", 2));
        }
        try (DecisionLog log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(NOW).open(f)) {
            assertEquals(2, log.purge(Duration.ofDays(30), "dpo"));
            return log.head();
        }
    }

    /** Replaces line {@code index} (0-based) by a record with {@code body}, its own hash recomputed. */
    private static void rewrite(Path f, int index, Map<String, Object> body) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        LogRecord r = RecordCodec.decode(lines.get(index));
        lines.set(index, RecordCodec.encode(r.sequence(), r.time(), r.type(), r.previous(), body).line());
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void editedCheckpoint_withItsHashRecomputed_failsAgainstAHeadPublishedAfterThePurge() throws IOException {
        Path f = dir.resolve("d.jsonl");
        Head after = purged(f);
        List<LogRecord> records = DecisionLog.read(f);
        assertEquals(List.of("CHECKPOINT", "DECISION", "PURGE"), records.stream().map(LogRecord::type).toList());
        LogRecord cp = records.get(0);
        assertEquals(cp.hash(), records.get(2).body().get("checkpointHash"));
        assertTrue(DecisionLog.verify(f, after, null).intact());
        assertEquals("", DecisionLog.verify(f, after, null).note());

        Map<String, Object> body = new LinkedHashMap<>(cp.body());
        body.put(DecisionLog.CARRIED, List.of()); // the kill switch "forgotten"
        rewrite(f, 0, body);
        Verification v = DecisionLog.verify(f, after, null);
        assertFalse(v.intact(), "an edited checkpoint passed against the published head");
        assertTrue(v.problem().contains("checkpoint was changed"), v.problem());
        assertEquals(cp.sequence(), v.firstBadSequence().getAsLong());
        assertFalse(DecisionLog.verify(f).intact(), "also without a head: the PURGE record names another hash");

        for (String field : List.of("cutoff", "purgedFrom")) {
            purged(dir.resolve(field + ".jsonl"));
            Path g = dir.resolve(field + ".jsonl");
            Map<String, Object> b = new LinkedHashMap<>(DecisionLog.read(g).get(0).body());
            b.put(field, field.equals("cutoff") ? "2020-01-01T00:00:00Z" : 2);
            rewrite(g, 0, b);
            assertFalse(DecisionLog.verify(g).intact(), field);
        }
    }

    @Test
    void logPurgedByAnOlderVersion_withoutTheField_stillVerifies_withANote() throws IOException {
        Path f = dir.resolve("d.jsonl");
        purged(f);
        LogRecord purge = DecisionLog.read(f).get(2);
        Map<String, Object> body = new LinkedHashMap<>(purge.body());
        body.remove("checkpointHash"); // as the previous version wrote it
        rewrite(f, 2, body);
        Head legacyHead = new Head(purge.sequence(), DecisionLog.read(f).get(2).hash());
        Verification v = DecisionLog.verify(f, legacyHead, null);
        assertTrue(v.intact(), v.problem());
        assertTrue(v.note().contains("older version"), v.note());
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            assertEquals(purge.sequence() + 1, log.append("NOTE", Map.of()).sequence());
        }
    }

    @Test
    void checkpointHashThatIsNotAHash_isRefused() throws IOException {
        Path f = dir.resolve("d.jsonl");
        purged(f);
        Map<String, Object> body = new LinkedHashMap<>(DecisionLog.read(f).get(2).body());
        body.put("checkpointHash", null);
        rewrite(f, 2, body);
        Verification v = DecisionLog.verify(f);
        assertFalse(v.intact());
        assertTrue(v.problem().contains("checkpointHash"), v.problem());
    }
}
