package org.fairpath.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Fixtures;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, fresh-eyes round: {@code disableModel} took the 12-character short version the demo prints and logged
 * MODEL_DISABLED, yet {@code isDisabled(fullVersion)} stayed false; and {@code create} ignored kill-switch records
 * whose modelVersion was missing or not a string. Both are now refused with what is allowed.
 */
final class KillSwitchVersionTest {

    private static Recommender recommender;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(2000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        recommender = Recommender.of(OutcomeModels.train(gen.catalogue(), cases,
                TrainingSettings.withDefaults().withBags(2)));
    }

    @Test
    void disableModel_shortOrOtherwiseMalformedVersion_isRefused_andNothingIsLogged() throws IOException {
        Path f = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
            ReviewDesk desk = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false);
            String full = desk.modelVersion();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> desk.disableModel(full.substring(0, 12), "drift", "oversight-1"));
            assertTrue(e.getMessage().contains("64 lowercase hex digits"), e.getMessage());
            assertTrue(e.getMessage().contains("12 characters"), e.getMessage());
            for (String bad : List.of(full.toUpperCase(), full + "0", " " + full.substring(1), "")) {
                assertThrows(IllegalArgumentException.class, () -> desk.disableModel(bad, "drift", "oversight-1"),
                        bad);
                assertThrows(IllegalArgumentException.class, () -> desk.enableModel(bad, "oversight-1"), bad);
                assertThrows(IllegalArgumentException.class, () -> desk.isDisabled(bad), bad);
            }
            assertThrows(IllegalArgumentException.class, () -> desk.disableModel(null, "drift", "oversight-1"));
            assertEquals(0, log.head().sequence(), "nothing may be logged for a refused version");
            assertFalse(desk.isDisabled(full));
            desk.disableModel(full, "drift", "oversight-1");
            assertTrue(desk.isDisabled(full));
            assertTrue(desk.open(Fixtures.profile("js-1"), "c-1").isManualWorkflow());
        }
    }

    @Test
    void create_killSwitchRecordWithAMissingWrongTypeOrMalformedVersion_isRefusedNamingItsSequence()
            throws IOException {
        List<Map<String, ?>> bodies = List.of(
                Map.of("reason", "drift"),
                Map.of("modelVersion", List.of("a".repeat(64)), "reason", "drift"),
                Map.of("modelVersion", 42, "reason", "drift"),
                Map.of("modelVersion", "9c583f9096fa", "reason", "drift"),
                Map.of("modelVersion", "A".repeat(64), "reason", "drift"));
        int i = 0;
        for (String type : List.of("MODEL_DISABLED", "MODEL_ENABLED")) {
            for (Map<String, ?> body : bodies) {
                Path f = dir.resolve("d" + i++ + ".jsonl");
                try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.FSYNC_EACH)) {
                    log.append("NOTE", Map.of());
                    log.append(type, body);
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false), body::toString);
                    assertTrue(e.getMessage().contains(type + " record 2"), e.getMessage());
                    assertTrue(e.getMessage().contains("64 lowercase hex digits"), e.getMessage());
                }
            }
        }
    }

    @Test
    void create_malformedKillSwitchRecordCarriedInACheckpoint_isRefusedNamingIt() throws IOException {
        Clock old = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        Clock now = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        Path f = dir.resolve("d.jsonl");
        DecisionLog.Options o = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(Duration.ZERO);
        try (DecisionLog log = o.clock(old).open(f)) {
            log.append("MODEL_DISABLED", Map.of("modelVersion", "9c583f9096fa", "reason", "drift"));
            log.append("NOTE", Map.of());
        }
        try (DecisionLog log = o.clock(now).open(f)) {
            assertEquals(1, log.purge(Duration.ofDays(30), "dpo"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false));
            assertTrue(e.getMessage().contains("MODEL_DISABLED record 1 (carried in CHECKPOINT 1)"), e.getMessage());
        }
    }
}
