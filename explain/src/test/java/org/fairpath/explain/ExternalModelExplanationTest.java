package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.fairpath.core.model.ExternalLinearModel;
import org.junit.jupiter.api.Test;

/**
 * A profiling model a PES already has, given by published coefficients in the style of the Austrian AMS model.
 * Oracle: hand computation, 1 / (1 + exp(-0.10)) = 0.52498 and 1 / (1 + exp(0.04)) = 0.49000.
 */
final class ExternalModelExplanationTest {

    private static final Schema SCHEMA = Schema.of("ams-style", List.of(
            Attribute.categorical("gender", List.of("male", "female")).roles(Role.FEATURE, Role.PROTECTED)
                    .justification("the published model uses it; kept to audit and explain it").label("en", "Gender")
                    .build(),
            Attribute.categorical("age_group", List.of("below_30", "30_to_49", "50_plus"))
                    .roles(Role.FEATURE, Role.PROTECTED).justification("the published model uses it")
                    .label("en", "Age group").build(),
            Attribute.bool("care_duties").roles(Role.FEATURE, Role.IMMUTABLE).label("en", "Care duties").build()));

    private static final String MODEL = "{\"schemaVersion\":1,\"name\":\"ams-style\",\"target\":\"outcome\","
            + "\"intercept\":0.10,\"coefficients\":{\"gender@female\":-0.14,\"age_group@50_plus\":-0.62,"
            + "\"care_duties\":-0.21}}";

    private static JobseekerProfile person(String id, String gender) {
        return JobseekerProfile.of(SCHEMA, id, Map.of("gender", gender, "age_group", "below_30",
                "care_duties", false));
    }

    @Test
    void amsStyleCoefficients_giveThePublishedChances_andAnExactGenderContribution() {
        ExternalLinearModel m = ExternalLinearModel.fromJson(MODEL, SCHEMA);
        JobseekerProfile reference = person("ref", "male");
        JobseekerProfile woman = person("w", "female");
        assertEquals(0.525, m.probability(reference), 0.0005);
        assertEquals(0.52498, m.probability(reference), 0.000005);
        assertEquals(0.490, m.probability(woman), 0.0005);
        assertEquals(0.49000, m.probability(woman), 0.000005);
        LinearExplainer explainer = LinearExplainer.of(m.encoder(), m.weights(), m.intercept(),
                m.encoder().encode(reference));
        AdditiveExplanation e = explainer.explain(woman);
        double gender = e.contributions().stream().filter(c -> c.attribute().equals("gender")).findFirst()
                .orElseThrow().logOdds();
        assertEquals(-0.14, gender, 1e-15);
        assertEquals(0.10, e.baseValue(), 1e-15);
        double others = e.contributions().stream().filter(c -> !c.attribute().equals("gender"))
                .mapToDouble(AdditiveExplanation.Contribution::logOdds).map(Math::abs).sum();
        assertEquals(0, others, 0);
    }

    @Test
    void badCoefficients_refusedNamingTheField() {
        String[][] cases = {
            {"\"gender@Female\":-0.14", "did you mean 'female'"},
            {"\"gendr@female\":-0.14", "unknown attribute 'gendr'"},
            {"\"gender\":-0.14", "needs a level"},
            {"\"care_duties\":150", "allowed: a log-odds weight from -100 to 100"},
            {"\"care_duties\":1e400", "coefficients.care_duties"},
            {"\"care_duties\":\"-0.2\"", "coefficients.care_duties must be a number"},
        };
        for (String[] c : cases) {
            String json = "{\"schemaVersion\":1,\"name\":\"x\",\"target\":\"profiling\",\"intercept\":0.1,"
                    + "\"coefficients\":{" + c[0] + "}}";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExternalLinearModel.fromJson(json, SCHEMA), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExternalLinearModel.fromJson(
                MODEL.replace("\"intercept\":0.10", "\"intercept\":0.10,\"intercept\":0.2"), SCHEMA));
        assertTrue(e.getMessage().contains("Duplicate field"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExternalLinearModel.fromJson(
                MODEL.replace("\"outcome\"", "\"risk\""), SCHEMA));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
    }
}
