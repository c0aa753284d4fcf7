package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.fairpath.core.Fixtures;
import org.fairpath.core.log.DecisionLog;
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
 * 2,000 generated decisions, most of them invalid (unknown services and reason codes, missing or overlong notes,
 * accepting a lower suggestion, overriding to the top one or to an ineligible service). A refused decision throws the
 * documented exception and writes nothing to the decision log; an allowed one writes exactly one record.
 */
final class RefusedDecisionTest {

    @TempDir
    Path dir;

    @Test
    void refusedDecisions_writeNothing() throws Exception {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        Recommender rec = Recommender.of(OutcomeModels.train(gen.catalogue(), gen.stream(4000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(0)));
        List<String> services = List.of("job_search_assistance", "vocational_training", "wage_subsidy",
                "intensive_counselling", "digital_self_service", "language_course", "training", "");
        List<String> codes = List.of("JOBSEEKER_PREFERENCE", "OTHER", "NOT_NOW", "BECAUSE", "", "other");
        SplittableRandom r = new SplittableRandom(13);
        int refused = 0;
        int logged = 0;
        try (DecisionLog log = DecisionLog.open(dir.resolve("d.jsonl"), DecisionLog.Durability.GROUP_COMMIT)) {
            ReviewDesk desk = ReviewDesk.create(rec, log, ReasonCodes.defaults(), false);
            Review review = desk.open(Fixtures.profile("js-" + r.nextInt(1000), "months_unemployed", r.nextInt(30)),
                    "c-1");
            for (int i = 0; i < 2000; i++) {
                String service = services.get(r.nextInt(services.size()));
                String code = codes.get(r.nextInt(codes.size()));
                String note = switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> "x".repeat(501);
                    default -> "a short note";
                };
                long before = log.lastSequence();
                try {
                    CounsellorDecision d = switch (r.nextInt(3)) {
                        case 0 -> new CounsellorDecision.Accepted(service);
                        case 1 -> new CounsellorDecision.Overridden(service, code, note);
                        default -> new CounsellorDecision.Rejected(code, note);
                    };
                    desk.decide(review, d);
                    assertEquals(before + 1, log.lastSequence());
                    logged++;
                    review = desk.open(Fixtures.profile("js-" + r.nextInt(1000), "months_unemployed",
                            r.nextInt(30)), "c-1");
                } catch (IllegalArgumentException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                    assertEquals(before, log.lastSequence(), "a refused decision wrote to the log: " + e);
                    refused++;
                } catch (Throwable t) {
                    fail("decision " + i + " escaped as " + t, t);
                }
            }
        }
        assertTrue(refused > 1000 && logged > 100, refused + " refused, " + logged + " logged");
        assertTrue(DecisionLog.verify(dir.resolve("d.jsonl")).intact());
        System.out.printf("refused decisions: %d refused without a log record, %d logged%n", refused, logged);
    }
}
