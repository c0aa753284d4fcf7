package org.fairpath.fairness.report;

import org.fairpath.fairness.metrics.MetricFrameTest;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AuditReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode report(AuditSettings settings) throws IOException {
        Audit a = Audit.run(AuditCounts.of(MetricFrameTest.small(), 1), settings, AuditPolicy.withDefaults());
        return JSON.readTree(AuditReport.toJson(a, "small.csv", "ab".repeat(32), Instant.parse("2026-11-22T12:00:00Z")));
    }

    @Test
    void report_validatesAgainstItsJsonSchema() throws IOException {
        JsonNode schema = JSON.readTree(AuditReport.class.getResourceAsStream("audit-report.schema.json"));
        for (AuditSettings s : List.of(AuditSettings.withDefaults(), AuditSettings.withDefaults().withMinGroupSize(1))) {
            List<String> errors = new ArrayList<>();
            errors.addAll(SchemaCheck.errors(schema, report(s)));
            assertEquals(List.of(), errors);
        }
        // with score metrics and notes (issue 13: --score was accepted and ignored)
        org.fairpath.fairness.input.AuditData scored = org.fairpath.fairness.input.AuditData.builder()
                .group("g", new String[] {"a", "a", "a", "b", "b", "b"})
                .decisions(new boolean[] {true, false, true, false, true, false})
                .outcomes(new Boolean[] {true, false, true, false, true, false})
                .scores(new double[] {0.9, 0.2, 0.8, 0.1, 0.7, 0.3}).build();
        Audit sa = Audit.run(AuditCounts.of(scored, 1), AuditSettings.withDefaults().withMinGroupSize(1),
                AuditPolicy.withDefaults());
        JsonNode withScores = JSON.readTree(AuditReport.toJson(sa, List.of(org.fairpath.fairness.metrics.ScoreFrame
                .of(scored, List.of("g"), 2, AuditSettings.withDefaults().withMinGroupSize(1))), List.of("a note"),
                "s.csv", "ab".repeat(32), Instant.parse("2026-11-22T12:00:00Z")));
        List<String> scoreErrors = new ArrayList<>();
        scoreErrors.addAll(SchemaCheck.errors(schema, withScores));
        assertEquals(List.of(), scoreErrors);
        // every score separates the outcomes: AUC 1 in each group (by hand)
        assertEquals(1.0, withScores.get("scores").get(0).get("groups").get(0).get("auc").asDouble(), 0.0);
        assertEquals("a note", withScores.get("notes").get(0).asText());
        // and the checker does catch a report that breaks the contract
        JsonNode broken = report(AuditSettings.withDefaults());
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("groupings").get(0).get("metrics").get(0)
                .get("groups").get(0)).remove("cases");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("schemaVersion", 3);
        List<String> errors = new ArrayList<>();
        errors.addAll(SchemaCheck.errors(schema, broken));
        assertEquals(List.of("$.schemaVersion: expected 2, got 3",
                "$.groupings[0].metrics[0].groups[0]: missing required 'cases'"), errors);
    }

    @Test
    void report_suppressedAndUndefinedValuesAreNullWithAReason_neverZero() throws IOException {
        JsonNode r = report(AuditSettings.withDefaults().withMinGroupSize(4));
        assertEquals(2, r.get("schemaVersion").asInt());
        JsonNode selection = r.get("groupings").get(0).get("metrics").get(0);
        assertEquals("SELECTION_RATE", selection.get("metric").asText());
        JsonNode c = selection.get("groups").get(2);
        assertEquals("C", c.get("levels").get(0).asText());
        assertEquals(3, c.get("cases").asInt());
        assertTrue(c.get("suppressed").asBoolean());
        assertTrue(c.get("value").isNull());
        assertTrue(c.get("undefined").asText().startsWith("suppressed"));
        assertEquals(3.0 / 13, selection.get("overall").get("value").asDouble(), 1e-15);
        JsonNode ppv = r.get("groupings").get(0).get("metrics").get(5);
        assertEquals("PPV", ppv.get("metric").asText());
        assertEquals("ab".repeat(32), r.get("provenance").get("input").get("sha256").asText());
        assertEquals(13, r.get("provenance").get("input").get("rows").asInt());
    }
}
