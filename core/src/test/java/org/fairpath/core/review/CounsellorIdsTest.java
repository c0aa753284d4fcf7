package org.fairpath.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
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

/** Issue 17: counsellor ids in the log as keyed hashes; per-counsellor views only when switched on. */
final class CounsellorIdsTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
            OTHER_KEY[i] = (byte) (i + 1);
        }
    }

    private static Recommender recommender;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        recommender = Recommender.of(OutcomeModels.train(gen.catalogue(), gen.stream(2500)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(2)));
    }

    /** Oracle: Python 3's hmac.new(bytes(range(32)), b"counsellor-7", hashlib.sha256).hexdigest(). */
    @Test
    void keyed_sameIdAndKey_sameHash_otherKey_otherHash() {
        CounsellorIds ids = CounsellorIds.keyed(KEY);
        assertEquals("hmac:008b513427145893772d5ca5f0a850a0806cbcafb00abf8fdd23dbc079fad33a",
                ids.stored("counsellor-7"));
        assertEquals(ids.stored("counsellor-7"), CounsellorIds.keyed(KEY.clone()).stored("counsellor-7"));
        // Python: hmac.new(bytes(range(1, 33)), b"counsellor-7", hashlib.sha256).hexdigest()
        assertEquals("hmac:c34cf0a68210d166a122fe4509edeb12b6aeca8449d33b34d3cfc8f57bf878a6",
                CounsellorIds.keyed(OTHER_KEY).stored("counsellor-7"));
        assertTrue(ids.stored("counsellor-7").length() > 64, "longer than any clear id, so never confused with one");
        assertEquals("counsellor-7", CounsellorIds.clear().stored("counsellor-7"));
        assertTrue(ids.names(ids.stored("c-1"), "c-1"));
        assertTrue(ids.names("c-1", "c-1"), "a clear id in an old record still names its counsellor");
        assertFalse(ids.names(ids.stored("c-1"), "c-2"));
        assertFalse(ids.toString().contains("0"), ids.toString());
    }

    @Test
    void keyed_weakKeys_areRefused() {
        assertEquals("counsellor key has 31 bytes; allowed: at least 32 random bytes (e.g. head -c 32 /dev/urandom)",
                assertThrows(IllegalArgumentException.class, () -> CounsellorIds.keyed(new byte[31])).getMessage());
        assertEquals("counsellor key is one byte repeated; allowed: random bytes",
                assertThrows(IllegalArgumentException.class, () -> CounsellorIds.keyed(new byte[64])).getMessage());
    }

    @Test
    void aKeyedLog_isRefusedToADeskWithAnotherKeyOrNone_soTheSameCounsellorCannotReReviewUnseen() throws IOException {
        Path file = dir.resolve("keyed.jsonl");
        JobseekerProfile js = Fixtures.profile("js-3", "months_unemployed", 14);
        long c;
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            ReviewDesk desk = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false,
                    CounsellorIds.keyed(KEY));
            long d = desk.decide(desk.open(js, "alice"), new CounsellorDecision.Rejected("NOT_NOW", null))
                    .sequence();
            c = desk.contest(d, "js-3", "front-desk-3");
        }
        String before = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(before.contains("\"" + CounsellorIds.KEY_FIELD + "\":\"" + CounsellorIds.keyed(KEY).keyId() + "\""),
                "each keyed record carries the key's fingerprint");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            final long contested = c;
            ReviewDesk keyless = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false);
            IllegalStateException none = assertThrows(IllegalStateException.class,
                    () -> keyless.uphold(contested, js, "alice"));
            assertTrue(none.getMessage().contains("this desk has no key"), none.getMessage());
            assertThrows(IllegalStateException.class, () -> keyless.decide(keyless.open(js, "bob"),
                    new CounsellorDecision.Rejected("NOT_NOW", null)));
            ReviewDesk otherKey = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false,
                    CounsellorIds.keyed(OTHER_KEY));
            IllegalStateException other = assertThrows(IllegalStateException.class,
                    () -> otherKey.uphold(contested, js, "alice"));
            assertTrue(other.getMessage().contains("not this desk's key"), other.getMessage());
            // with the deployment's key, alice is still recognised and refused as her own re-reviewer
            ReviewDesk same = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false,
                    CounsellorIds.keyed(KEY));
            final long contest = c;
            assertThrows(IllegalArgumentException.class, () -> same.uphold(contest, js, "alice"));
        }
        assertEquals(before, Files.readString(file, StandardCharsets.UTF_8), "a refused desk wrote nothing");
        assertNotEquals(CounsellorIds.keyed(KEY).keyId(), CounsellorIds.keyed(OTHER_KEY).keyId());
        assertNull(CounsellorIds.clear().keyId());
    }

    @Test
    void aLogWithKeyedIdsButNoFingerprint_isStillRefusedToADeskWithoutAKey() throws IOException {
        Path file = dir.resolve("old-keyed.jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            // a record as a keyed desk wrote it before fingerprints: a keyed id, no counsellorKey field
            log.append("CONTEST", new java.util.LinkedHashMap<>(java.util.Map.of("jobseeker", "js-9", "recordedBy",
                    CounsellorIds.keyed(KEY).stored("front-desk-3"))));
        }
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            ReviewDesk keyless = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false);
            JobseekerProfile js = Fixtures.profile("js-9", "months_unemployed", 14);
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> keyless.decide(
                    keyless.open(js, "bob"), new CounsellorDecision.Rejected("NOT_NOW", null)));
            assertTrue(none.getMessage().contains("holds a keyed counsellor id (recordedBy)"), none.getMessage());
        }
    }

    @Test
    void keyedDesk_neverWritesAnIdInClear_andStillRefusesTheSameCounsellor_acrossOldClearRecords()
            throws IOException {
        Path file = dir.resolve("decisions.jsonl");
        JobseekerProfile old = Fixtures.profile("js-1", "months_unemployed", 14);
        JobseekerProfile js = Fixtures.profile("js-2", "months_unemployed", 14);
        long oldDecision;
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            // a decision written before the deployment set a key: its counsellor id is in clear
            ReviewDesk before = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), false);
            Review r = before.open(old, "counsellor-old");
            oldDecision = before.decide(r, new CounsellorDecision.Rejected("NOT_NOW", null)).sequence();
        }
        String clearPart = Files.readString(file, StandardCharsets.UTF_8);
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            ReviewDesk desk = ReviewDesk.create(recommender, log, ReasonCodes.defaults(), true,
                    CounsellorIds.keyed(KEY));
            Review r = desk.open(js, "counsellor-7");
            desk.assess(r, "no_programme");
            long d = desk.decide(r, new CounsellorDecision.Rejected("NOT_NOW", null)).sequence();
            long c = desk.contest(d, "js-2", "front-desk-3");
            assertThrows(IllegalArgumentException.class, () -> desk.uphold(c, js, "counsellor-7"));
            desk.uphold(c, js, "counsellor-9");
            desk.disableModel(desk.modelVersion(), "drift", "lead-1");
            desk.enableModel(desk.modelVersion(), "lead-1");
            // the old record's clear id is recognized: its counsellor cannot re-review it either
            long oc = desk.contest(oldDecision, "js-1", "front-desk-3");
            IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                    () -> desk.uphold(oc, old, "counsellor-old"));
            assertTrue(same.getMessage().contains("a contest is re-reviewed by a different counsellor"));
        }
        assertTrue(DecisionLog.verify(file).intact());
        String added = Files.readString(file, StandardCharsets.UTF_8).substring(clearPart.length());
        for (String id : List.of("counsellor-7", "counsellor-9", "front-desk-3", "lead-1")) {
            assertFalse(added.contains(id), id + " appears in clear in the log");
            assertTrue(added.contains(CounsellorIds.keyed(KEY).stored(id)), id + "'s keyed form is missing");
        }

        DecisionTable t = DecisionTable.read(file);
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> t.column("counsellor"));
        assertTrue(off.getMessage().contains("per-counsellor views, which are off"), off.getMessage());
        assertFalse(t.counsellorViews());
        List<String> counsellors = List.of(t.withCounsellorViews().column("counsellor"));
        assertEquals(List.of("counsellor-old", CounsellorIds.keyed(KEY).stored("counsellor-7")), counsellors);
    }
}
