package org.fairpath.explain.notice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Sha256;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.review.CounsellorDecision;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.review.Review;
import org.fairpath.core.review.ReviewDesk;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay: the notice made when the counsellor decided is regenerated later, from the decision log read back from
 * disk and the bundle loaded from disk, byte for byte, in every language and under another default locale; a
 * mismatch is refused. Oracle: the bytes produced at decision time.
 */
final class NoticeReplayTest {

    @TempDir
    Path dir;

    @Test
    void notice_regeneratedFromLogAndBundle_isByteIdentical_andMismatchesAreRefused() throws Exception {
        OutcomeModels models = NoticePreview.models();
        ModelBundle.save(models, dir.resolve("bundle"));
        JobseekerProfile profile = NoticePreview.profile();
        ReasonCodes codes = ReasonCodes.defaults();
        Path logFile = dir.resolve("decisions.jsonl");
        Map<String, byte[]> atDecision = new HashMap<>();
        Map<String, String> textAtDecision = new HashMap<>();
        long sequence;
        try (DecisionLog log = DecisionLog.open(logFile, DecisionLog.Durability.FSYNC_EACH)) {
            ReviewDesk desk = ReviewDesk.create(Recommender.of(models), log, codes, false);
            Review review = desk.open(profile, "counsellor-7");
            ExplanationPayload shown = ExplanationPayload.compute(models, profile);
            String second = shown.suggestions().get(1).service();
            sequence = desk.decide(review, new CounsellorDecision.Overridden(second, "NO_PLACE_AVAILABLE", null),
                    shown.sha256()).sequence();
            LogRecord record = find(DecisionLog.read(logFile), sequence);
            assertEquals(shown.sha256(), record.body().get("explanationHash"));
            for (String lang : JobseekerNotice.languages()) {
                JobseekerNotice n = JobseekerNotice.of(shown, DecisionFacts.of(record), NoticePreview.CONTACT,
                        models, codes, lang);
                atDecision.put(lang, n.htmlBytes());
                textAtDecision.put(lang, n.text());
            }
        }

        OutcomeModels loaded = ModelBundle.load(dir.resolve("bundle"));
        assertTrue(DecisionLog.verify(logFile).intact());
        LogRecord record = find(DecisionLog.read(logFile), sequence);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // dotless i, comma decimals: no effect allowed
            for (String lang : JobseekerNotice.languages()) {
                JobseekerNotice again = JobseekerNotice.replay(record, loaded, profile, NoticePreview.CONTACT, codes,
                        lang);
                assertArrayEquals(atDecision.get(lang), again.htmlBytes(), lang);
                assertEquals(textAtDecision.get(lang), again.text(), lang);
            }
        } finally {
            Locale.setDefault(before);
        }

        // another bundle
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        OutcomeModels other = OutcomeModels.train(gen.catalogue(), gen.stream(1500)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(2));
        IllegalArgumentException otherBundle = assertThrows(IllegalArgumentException.class,
                () -> JobseekerNotice.replay(record, other, profile, NoticePreview.CONTACT, codes, "en"));
        assertTrue(otherBundle.getMessage().contains("this bundle is model " + other.version()),
                otherBundle.getMessage());

        // another profile (one recorded value changed)
        JobseekerProfile changed = profile.with("age", 42);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobseekerNotice.replay(record, loaded, changed,
                NoticePreview.CONTACT, codes, "en")).getMessage().contains("a changed or other profile"));

        // a doctored record: the explanation hash replaced and the record hash recomputed (as a forger would)
        LogRecord forged = rehashed(record, "explanationHash", Sha256.hex("another explanation"));
        IllegalStateException doctored = assertThrows(IllegalStateException.class, () -> JobseekerNotice.replay(
                forged, loaded, profile, NoticePreview.CONTACT, codes, "en"));
        assertTrue(doctored.getMessage().contains("no notice is made"), doctored.getMessage());

        // a doctored record whose hash was not recomputed
        Map<String, Object> body = new LinkedHashMap<>(record.body());
        body.put("topSuggestion", body.get("finalService"));
        LogRecord edited = new LogRecord(record.sequence(), record.time(), record.type(), record.previous(), body,
                record.hash());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobseekerNotice.replay(edited, loaded, profile,
                NoticePreview.CONTACT, codes, "en")).getMessage().contains("has been edited"));

        // a doctored first suggestion with the hash recomputed: the payload's first suggestion differs
        LogRecord otherTop = rehashed(record, "topSuggestion", body.get("finalService"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobseekerNotice.replay(otherTop, loaded,
                profile, NoticePreview.CONTACT, codes, "en")).getMessage().contains("first suggestion differs"));

        // a decision recorded without an explanation hash
        LogRecord none = rehashed(record, "explanationHash", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobseekerNotice.replay(none, loaded, profile,
                NoticePreview.CONTACT, codes, "en")).getMessage().contains("has no explanationHash"));
    }

    private static LogRecord rehashed(LogRecord r, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(r.body());
        body.put(field, value);
        String hash = org.fairpath.core.log.RecordCodec.encode(r.sequence(), r.time(), r.type(), r.previous(), body)
                .hash();
        return new LogRecord(r.sequence(), r.time(), r.type(), r.previous(), body, hash);
    }

    private static LogRecord find(List<LogRecord> records, long sequence) {
        return records.stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow();
    }
}
