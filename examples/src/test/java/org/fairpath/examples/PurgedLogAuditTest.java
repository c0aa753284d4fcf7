package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (fresh-eyes round 3): after a routine retention purge, {@code fairpath audit --input LOG} failed with
 * "record 41 is a REVERSAL of record 1, which is not a decision in the log" although the log verifies. A reversal of
 * a purged decision is left out and said so in the notes; a reversal of a record that should be present still fails.
 */
final class PurgedLogAuditTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Map<String, Object> decision(int i) {
        Map<String, Object> b = new HashMap<>();
        b.put("jobseeker", "js-" + i);
        b.put("counsellor", "c-" + i % 3);
        b.put("audit", Map.of("auditOnly", true, "gender", i % 2 == 0 ? "female" : "male"));
        b.put("modelVersion", "m1");
        b.put("topSuggestion", "job_search_assistance");
        b.put("topIntensity", 2);
        b.put("decision", Map.of("kind", "ACCEPTED", "service", "job_search_assistance"));
        b.put("finalService", "job_search_assistance");
        b.put("finalIntensity", 2);
        return b;
    }

    private static Map<String, Object> reversal(int jobseeker, long reverses) {
        Map<String, Object> b = new HashMap<>();
        b.put("jobseeker", "js-" + jobseeker);
        b.put("counsellor", "c-9");
        b.put("audit", Map.of("auditOnly", true, "gender", jobseeker % 2 == 0 ? "female" : "male"));
        b.put("decision", Map.of("kind", "REJECTED", "reasonCode", "JOBSEEKER_PREFERENCE"));
        b.put("reverses", reverses);
        return b;
    }

    /**
     * Decisions 1-20 (old), 21-40 (recent), reversal 41 of decision 1, 42 of decision 25 and 43 of reversal 41
     * (recent), then a purge with 184 days' retention: records 1-20 go (CHECKPOINT 20), 21-43 stay, 44 is the PURGE.
     */
    private Path purgedLog(boolean badReversal) throws IOException {
        Path log = dir.resolve("decisions.jsonl");
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        MovableClock clock = new MovableClock(t0);
        try (DecisionLog l = DecisionLog.options().clock(clock).open(log)) {
            for (int i = 1; i <= 40; i++) {
                if (i == 21) {
                    clock.now = t0.plus(Duration.ofDays(300));
                }
                assertEquals(i, l.append("DECISION", decision(i)).sequence());
            }
            assertEquals(41, l.append("REVERSAL", reversal(1, 1)).sequence());
            assertEquals(42, l.append("REVERSAL", reversal(25, 25)).sequence());
            assertEquals(43, l.append("REVERSAL", reversal(1, 41)).sequence()); // reverses the reversal 41
            clock.now = t0.plus(Duration.ofDays(400));
            assertEquals(20, l.purge(Duration.ofDays(184), "retention"));
            if (badReversal) {
                long note = l.append("NOTE", Map.of("text", "not a decision")).sequence();
                l.append("REVERSAL", reversal(30, note));
            }
        }
        return log;
    }

    @Test
    void audit_reversalOfAPurgedDecision_leftOutAndNoted() throws IOException {
        Path log = purgedLog(false);
        assertTrue(Files.readAllLines(log).get(0).contains("\"purgedThrough\":20"), "a real purge: CHECKPOINT 20");
        assertEquals(0, DemoCommandTest.run("verify-log", log.toString()).status());
        Path out = dir.resolve("r.json");
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", log.toString(), "--protected", "gender",
                "--out", out.toString());
        assertTrue(r.status() == 0 || r.status() == 3, r.out() + r.err());
        // hand count: decisions 21-40 in force except 25, which reversal 42 replaced; reversals 41 and 43 (the chain
        // that starts at purged decision 1) are left out
        assertTrue(r.out().startsWith("Audited 20 cases by gender"), r.out());
        assertTrue(r.out().contains("NOTE  the log was purged through record 20 (retention)"), r.out());
        assertTrue(r.out().contains("NOTE  2 reversal(s) point before the retained period (record(s) [41, 43] reverse"
                + " decisions purged through record 20); the reversed decisions are not in the audited period, so"
                + " these reversals were left out of the audit"), r.out());
        String json = Files.readString(out);
        assertTrue(json.contains("2 reversal(s) point before the retained period"), "the note is in the report");
    }

    @Test
    void audit_reversalOfARecordThatShouldBePresent_stillRefused() throws IOException {
        Path log = purgedLog(true);
        assertEquals(0, DemoCommandTest.run("verify-log", log.toString()).status());
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", log.toString(), "--protected", "gender",
                "--out", dir.resolve("r.json").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        // 44 is the purge's own PURGE record, 45 the NOTE, 46 the reversal of that NOTE
        assertTrue(r.err().contains("record 46 is a REVERSAL of record 45, which is not a decision in the log"
                + " (records up to 20 were purged"), r.err());
    }
}
