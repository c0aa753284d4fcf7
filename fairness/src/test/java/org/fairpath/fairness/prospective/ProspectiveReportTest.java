package org.fairpath.fairness.prospective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.fairness.report.SchemaCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prospective report on the synthetic caseload, where the truth is known: every policy's true value (the mean
 * of the generator's true employment probabilities under the policy's options) against its doubly robust estimate
 * and interval. Oracle: {@code CaseloadGenerator}'s potential outcomes; the places are recounted here.
 */
final class ProspectiveReportTest {

    private static SyntheticPolicies s;
    private static ProspectiveReport report;

    @BeforeAll
    static void build() {
        s = SyntheticPolicies.get();
        report = ProspectiveReport.of(s.allocation, s.observed, s.truth, ProspectiveReport.Settings.withDefaults());
    }

    @Test
    void report_syntheticCaseload_overallTrueValuesWithinIntervalsAndMostGroupsToo() {
        assertEquals(List.of(ProspectiveReport.HISTORICAL, ProspectiveReport.UNCONSTRAINED,
                ProspectiveReport.CAPACITY, ProspectiveReport.FAIR), report.policies());
        System.out.println("| policy | true value | estimate (95% interval) | models' own estimate | national | eu |"
                + " non_eu | female | male |");
        int overallCovered = 0;
        for (String p : report.policies()) {
            PolicyEstimate e = report.estimate(p, "overall", "all").orElseThrow();
            overallCovered += e.interval().contains(e.trueValue()) ? 1 : 0;
            // within three standard errors (a 99.7% interval), always
            double se = (e.interval().upper() - e.interval().lower()) / (2 * 1.959964);
            assertTrue(Math.abs(e.estimate() - e.trueValue()) < 3 * se, p + ": true " + e.trueValue()
                    + ", estimate " + e.estimate() + ", standard error " + se);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% (%.1f-%.1f) |"
                    + " %.1f%% |", p, 100 * e.trueValue(), 100 * e.estimate(), 100 * e.interval().lower(),
                    100 * e.interval().upper(), 100 * e.modelValue()));
            for (String[] g : new String[][] {{"citizenship_group", "national"}, {"citizenship_group", "eu"},
                {"citizenship_group", "non_eu"}, {"gender", "female"}, {"gender", "male"}}) {
                PolicyEstimate x = report.estimate(p, g[0], g[1]).orElseThrow();
                row.append(String.format(Locale.ROOT, " %.1f (%.1f) |", 100 * x.trueValue(), 100 * x.estimate()));
            }
            System.out.println(row);
        }
        int cells = 0;
        int covered = 0;
        for (PolicyEstimate e : report.estimates()) {
            if (!Double.isNaN(e.estimate())) {
                cells++;
                covered += e.interval().contains(e.trueValue()) ? 1 : 0;
            }
        }
        System.out.printf("true values within 95%% intervals: overall %d of 4 policies; %d of %d groups and"
                + " intersections x policies%n", overallCovered, covered, cells);
        assertTrue(covered >= 0.9 * cells, covered + " of " + cells);
        ConstraintCost capacity = cost("capacity", "overall", "all");
        assertTrue(capacity.interval().contains(capacity.trueValue()), capacity.toString());
        ConstraintCost fair = cost("group constraints", "overall", "all");
        assertTrue(fair.interval().contains(fair.trueValue()), fair.toString());
        System.out.printf(Locale.ROOT, "cost of capacity %+.2f points (true %+.2f); of the gap constraint %+.2f (true"
                        + " %+.2f)%n", 100 * capacity.estimate(), 100 * capacity.trueValue(), 100 * fair.estimate(),
                100 * fair.trueValue());
    }

    /**
     * Coverage of the overall 95% intervals over 16 disjoint cohorts of 1,500 (64 intervals): with correct intervals
     * the count of misses is Binomial(64, 0.05), mean 3.2; 9 or more has probability under 1%.
     */
    @Test
    void report_sixteenCohorts_overallIntervalsCoverAtTheirLevel() {
        int misses = 0;
        int intervals = 0;
        double bias = 0;
        for (int k = 0; k < 16; k++) {
            SyntheticPolicies c = new SyntheticPolicies(SyntheticPolicies.TRAIN + SyntheticPolicies.COHORT + 1_500L * k,
                    1_500);
            ProspectiveReport r = ProspectiveReport.of(c.allocation, c.observed, c.truth,
                    ProspectiveReport.Settings.withDefaults());
            for (String p : r.policies()) {
                PolicyEstimate e = r.estimate(p, "overall", "all").orElseThrow();
                intervals++;
                misses += e.interval().contains(e.trueValue()) ? 0 : 1;
                bias += e.estimate() - e.trueValue();
            }
        }
        System.out.printf(Locale.ROOT, "16 cohorts x 4 policies: %d of %d overall 95%% intervals miss the true value;"
                + " mean estimate - true %+.2f points%n", misses, intervals, 100 * bias / intervals);
        assertTrue(misses <= 8, misses + " of " + intervals + " intervals miss");
    }

    private static ConstraintCost cost(String constraint, String grouping, String group) {
        return report.costs().stream().filter(c -> c.constraint().equals(constraint)
                && c.grouping().equals(grouping) && c.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void report_trueValuesAndPlaces_recomputedFromTheCases() {
        int n = s.cohort.size();
        double hist = 0;
        double fair = 0;
        int[] received = s.observed.received();
        for (int i = 0; i < n; i++) {
            hist += s.truth[i][received[i]];
            fair += s.truth[i][s.allocation.option(i)];
        }
        assertEquals(hist / n, report.estimate(ProspectiveReport.HISTORICAL, "overall", "all").orElseThrow()
                .trueValue(), 1e-12);
        assertEquals(fair / n, report.estimate(ProspectiveReport.FAIR, "overall", "all").orElseThrow()
                .trueValue(), 1e-12);
        Map<String, Long> overall = report.places().get(ProspectiveReport.CAPACITY).get("overall").get("all");
        Map<String, Long> hist0 = report.places().get(ProspectiveReport.HISTORICAL).get("overall").get("all");
        long total = 0;
        for (Map.Entry<String, Long> e : overall.entrySet()) {
            total += e.getValue();
            if (!e.getKey().equals("no_programme")) {
                assertTrue(e.getValue() <= hist0.get(e.getKey()), "capacity = historical places: " + e);
            }
        }
        assertEquals(n, total);
        long nonEuTraining = 0;
        for (int i = 0; i < n; i++) {
            if (s.cohort.groups().get("citizenship_group").get(i).equals("non_eu")
                    && s.allocation.option(i) == 1 + s.cohort.services().indexOf("vocational_training")) {
                nonEuTraining++;
            }
        }
        assertEquals(nonEuTraining, report.places().get(ProspectiveReport.FAIR).get("citizenship_group")
                .get("non_eu").get("vocational_training"));
    }

    @Test
    void report_json_versionedWithNullsForSuppressedGroups() throws Exception {
        JsonNode root = new ObjectMapper().readTree(report.toJson());
        assertEquals(1, root.get("schemaVersion").asInt());
        assertEquals("prospective-fairness", root.get("kind").asText());
        assertEquals(s.cohort.inputHash(), root.get("provenance").get("inputHash").asText());
        assertEquals(report.estimates().size(), root.get("estimates").size());
        boolean sawSuppressed = false;
        for (JsonNode e : root.get("estimates")) {
            if (e.get("jobseekers").asInt() < 10) {
                assertTrue(e.get("estimate").isNull());
                assertTrue(e.get("undefined").asText().startsWith("suppressed"));
                sawSuppressed = true;
            }
        }
        assertTrue(sawSuppressed, "the cohort has intersections under 10 jobseekers");
        for (JsonNode e : root.get("estimates")) { // small groups' normal intervals reach past 0 or 1 unless clipped
            assertTrue(e.get("lower").isNull() || e.get("lower").asDouble() >= 0, e.toString());
            assertTrue(e.get("upper").isNull() || e.get("upper").asDouble() <= 1, e.toString());
        }
        String html = report.toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("constrained-fair") && html.contains("What each constraint costs"));
    }

    @Test
    void report_json_validatesAgainstItsSchemaAndTheSchemaRejectsDrift() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode schema = json.readTree(ProspectiveReport.class.getResourceAsStream("prospective-report.schema.json"));
        assertEquals(List.of(), SchemaCheck.errors(schema, json.readTree(report.toJson())), "with outcomes and truth");
        ProspectiveReport modelOnly = ProspectiveReport.of(s.allocation, null, null,
                ProspectiveReport.Settings.withDefaults());
        assertEquals(List.of(), SchemaCheck.errors(schema, json.readTree(modelOnly.toJson())), "model only");
        // the contract is closed: a renamed field, a new version or a wrong type is caught
        ObjectNode broken = (ObjectNode) json.readTree(report.toJson());
        broken.put("schemaVersion", 2);
        ((ObjectNode) broken.get("estimates").get(0)).put("estimate", "0.5");
        ((ObjectNode) broken.get("provenance")).put("inputSha", "x");
        ((ObjectNode) broken.get("places").get(ProspectiveReport.FAIR).get("overall").get("all"))
                .put("vocational_training", 1.5);
        assertEquals(List.of("$.schemaVersion: expected 1, got 2",
                "$.provenance: unexpected property 'inputSha'",
                "$.estimates[0].estimate: STRING is not [number, null]",
                "$.places.constrained-fair.overall.all.vocational_training: NUMBER is not [integer]"),
                SchemaCheck.errors(schema, broken));
    }

    @Test
    void report_withoutOutcomes_modelOnlyWithoutIntervals() {
        ProspectiveReport r = ProspectiveReport.of(s.allocation, null, null, ProspectiveReport.Settings.withDefaults());
        assertEquals(List.of(ProspectiveReport.UNCONSTRAINED, ProspectiveReport.CAPACITY, ProspectiveReport.FAIR),
                r.policies());
        PolicyEstimate e = r.estimate(ProspectiveReport.CAPACITY, "overall", "all").orElseThrow();
        assertEquals("model only", e.method());
        assertFalse(e.interval().isDefined());
        assertEquals(e.modelValue(), e.estimate(), 0.0);
        assertTrue(Double.isNaN(e.trueValue()));
    }

    @Test
    void observed_zeroPropensity_refusedNamingJobseeker() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new Observed(new int[] {0, 1},
                new boolean[] {true, false}, new double[] {0.5, 0}));
        assertEquals("observed: propensity of jobseeker 1 is 0.0; allowed: a probability in (0, 1] (an option"
                + " received with probability 0 cannot be weighted)", x.getMessage());
    }
}
