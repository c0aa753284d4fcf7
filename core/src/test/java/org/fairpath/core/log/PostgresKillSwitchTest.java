package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.Fixtures;
import org.fairpath.core.log.PostgresTestServer.Database;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.review.ReviewDesk;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kill switch on the PostgreSQL store: its records are ordinary records, so a desk on another application server,
 * or after a restart, rebuilds it from the store as it does from the file log.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class PostgresKillSwitchTest {

    @Test
    void modelDisabledOnOneServer_isDisabledOnARestartedServerAndEnabledAgainLikewise() throws Exception {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(2000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        Recommender recommender = Recommender.of(OutcomeModels.train(gen.catalogue(), cases,
                TrainingSettings.withDefaults().withBags(2)));
        Database db = PostgresTestServer.freshDatabase();
        PostgresDecisionStore.createTables(db.dataSource(), "fairpath_decision");
        String version;
        try (PostgresDecisionStore serverA = PostgresDecisionStore.open(db.dataSource())) {
            ReviewDesk desk = ReviewDesk.create(recommender, serverA, ReasonCodes.defaults(), false);
            version = desk.modelVersion();
            assertFalse(desk.isDisabled(version));
            desk.disableModel(version, "drift in the spring caseload", "oversight-1");
        }
        try (PostgresDecisionStore serverB = PostgresDecisionStore.open(db.dataSource())) {
            ReviewDesk desk = ReviewDesk.create(recommender, serverB, ReasonCodes.defaults(), false);
            assertTrue(desk.isDisabled(version), "another server (or a restart) must not re-enable the model");
            assertTrue(desk.open(Fixtures.profile("js-42", "months_unemployed", 14), "c-1").isManualWorkflow());
            desk.enableModel(version, "oversight-2");
        }
        try (PostgresDecisionStore serverA = PostgresDecisionStore.open(db.dataSource())) {
            assertFalse(ReviewDesk.create(recommender, serverA, ReasonCodes.defaults(), false).isDisabled(version));
            List<String> types = new ArrayList<>();
            serverA.forEach(r -> types.add(r.type()));
            assertEquals(List.of("MODEL_DISABLED", "MODEL_ENABLED"), types.stream()
                    .filter(t -> t.startsWith("MODEL_")).toList());
            assertTrue(serverA.verify().intact());
        }
    }
}
