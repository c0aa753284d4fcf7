package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models a PES already has, given by AMS-style published coefficients, through bundles and the Recommender. Oracle:
 * hand computation, 1 / (1 + exp(-0.10)) = 0.52498 and 1 / (1 + exp(0.04)) = 0.49000; the uplift of a service whose
 * outcome model adds +0.30 log-odds to the baseline's is 1/(1+exp(-0.40)) - 1/(1+exp(-0.10)) = 0.07371 for the
 * reference person.
 */
final class ExternalModelsTest {

    static final Schema SCHEMA = Schema.of("ams-style", List.of(
            Attribute.categorical("gender", List.of("male", "female")).roles(Role.FEATURE, Role.PROTECTED)
                    .justification("the published model uses it; kept to audit and explain it").label("en", "Gender")
                    .build(),
            Attribute.categorical("age_group", List.of("below_30", "30_to_49", "50_plus"))
                    .roles(Role.FEATURE, Role.PROTECTED).justification("the published model uses it")
                    .label("en", "Age group").build(),
            Attribute.bool("care_duties").roles(Role.FEATURE, Role.IMMUTABLE).label("en", "Care duties").build()));

    static final String PROFILING = "{\"schemaVersion\":1,\"name\":\"ams-style\",\"target\":\"profiling\","
            + "\"intercept\":0.10,\"coefficients\":{\"gender@female\":-0.14,\"age_group@50_plus\":-0.62,"
            + "\"care_duties\":-0.21}}";
    static final String BASELINE = "{\"schemaVersion\":1,\"name\":\"baseline\",\"target\":\"outcome\","
            + "\"intercept\":0.10,\"coefficients\":{\"gender@female\":-0.14}}";
    static final String TRAINING = "{\"schemaVersion\":1,\"name\":\"with training\",\"target\":\"outcome\","
            + "\"intercept\":0.40,\"coefficients\":{\"gender@female\":-0.14}}";

    static JobseekerProfile person(String id, String gender) {
        return JobseekerProfile.of(SCHEMA, id, Map.of("gender", gender, "age_group", "below_30",
                "care_duties", false));
    }

    static ServiceCatalogue catalogue(boolean withService) {
        return ServiceCatalogue.fromJson("{\"schemaVersion\":1,\"name\":\"c\",\"services\":[" + (withService
                ? "{\"id\":\"training\",\"labels\":{\"en\":\"Training\"},\"descriptions\":{\"en\":\"A course\"},\"intensity\":2,\"capacity\":null}" : "")
                + "]}", SCHEMA);
    }

    static OutcomeModels profilingOnly() {
        return OutcomeModels.fromExternal(catalogue(false), ExternalLinearModel.fromJson(PROFILING, SCHEMA),
                Map.of(ServiceCatalogue.BASELINE, ExternalLinearModel.fromJson(BASELINE, SCHEMA)),
                person("reference", "male"));
    }

    @Test
    void profilingOnlyDeployment_throughTheBundle_givesThePublishedChances(@TempDir Path dir) throws Exception {
        OutcomeModels given = profilingOnly();
        Path bundle = dir.resolve("bundle");
        given.save(bundle);
        OutcomeModels loaded = ModelBundle.load(bundle);
        assertEquals(given.version(), loaded.version());
        assertEquals(List.of(ServiceCatalogue.BASELINE), loaded.options());
        Recommender r = Recommender.of(loaded);
        Recommendation man = r.recommend(person("m", "male"));
        Recommendation woman = r.recommend(person("w", "female"));
        assertEquals(1 / (1 + Math.exp(-0.10)), man.profiling().probability(), 1e-12);
        assertEquals(0.52498, man.profiling().probability(), 0.000005);
        assertEquals(0.49000, woman.profiling().probability(), 0.000005);
        assertTrue(man.suggestions().isEmpty());
        assertTrue(Double.isNaN(man.profiling().lower()), "no bags, no interval");
        // the reference the explanations are relative to is the given person, encoded
        double[] ref = loaded.encoder().encode(person("r", "male"));
        assertTrue(java.util.Arrays.equals(ref, loaded.summary().columnMean()));
        String card = java.nio.file.Files.readString(bundle.resolve(ModelCard.MARKDOWN_FILE));
        assertTrue(card.contains("Not trained by fairpath"), card);
    }

    @Test
    void profilingOnly_withoutAnyOutcomeModel_recommendsReviewsAndRefusesAllocation(@TempDir Path dir)
            throws Exception {
        OutcomeModels given = OutcomeModels.fromExternal(catalogue(false), ExternalLinearModel.fromJson(PROFILING,
                SCHEMA), Map.of(), person("reference", "male"));
        assertEquals(List.of(), given.options());
        assertFalse(given.hasOutcomeModels());
        Path bundle = dir.resolve("bundle");
        given.save(bundle);
        OutcomeModels loaded = ModelBundle.load(bundle);
        assertEquals(given.version(), loaded.version());
        assertFalse(loaded.hasOutcomeModels());

        Recommender r = Recommender.of(loaded);
        Recommendation man = r.recommend(person("m", "male"));
        Recommendation woman = r.recommend(person("w", "female"));
        assertEquals(1 / (1 + Math.exp(-0.10)), man.profiling().probability(), 1e-12); // hand computation
        assertEquals(0.52498, man.profiling().probability(), 0.000005);
        assertEquals(0.49000, woman.profiling().probability(), 0.000005);
        assertTrue(man.suggestions().isEmpty());
        assertFalse(man.hasOutcomeModels());
        assertTrue(Double.isNaN(man.pWithout()), "no baseline model: no P(without)");
        String text = man.describe();
        assertFalse(text.contains("NaN"), text);
        assertFalse(text.contains("without a programme"), text);
        assertTrue(text.contains("profiling-only deployment"), text);
        assertTrue(text.contains("profiling: 52.5%"), text);

        // the counsellor's decision is logged: there is nothing to accept, a rejection with its reason is recorded
        try (org.fairpath.core.log.DecisionLog log = org.fairpath.core.log.DecisionLog.open(
                dir.resolve("decisions.jsonl"), org.fairpath.core.log.DecisionLog.Durability.FSYNC_EACH)) {
            org.fairpath.core.review.ReviewDesk desk = org.fairpath.core.review.ReviewDesk.create(r, log,
                    org.fairpath.core.review.ReasonCodes.defaults(), false);
            org.fairpath.core.review.Review review = desk.open(person("w", "female"), "c-1");
            IllegalArgumentException accept = assertThrows(IllegalArgumentException.class, () -> desk.decide(review,
                    new org.fairpath.core.review.CounsellorDecision.Accepted("anything")));
            assertTrue(accept.getMessage().contains("there is no suggestion to accept"), accept.getMessage());
            org.fairpath.core.review.ReviewDesk.Decided d = desk.decide(review,
                    new org.fairpath.core.review.CounsellorDecision.Rejected("NOT_NOW", null));
            assertTrue(d.referral().isEmpty());
            List<org.fairpath.core.log.LogRecord> records = new java.util.ArrayList<>();
            log.forEach(records::add);
            assertEquals(1, records.size());
            Map<String, Object> body = records.get(0).body();
            assertEquals("DECISION", records.get(0).type());
            assertTrue(body.containsKey("pWithout"));
            assertNull(body.get("pWithout"), "no P(without) is logged as null, never NaN");
            assertEquals(loaded.version(), body.get("modelVersion"));
            assertEquals(0.49000, ((Number) ((Map<?, ?>) body.get("profiling")).get("probability")).doubleValue(),
                    0.000005);
            assertEquals("female", ((Map<?, ?>) body.get("audit")).get("gender"));
            assertTrue(org.fairpath.core.log.DecisionLog.verify(log.file()).intact());
            org.fairpath.core.review.DecisionTable table = org.fairpath.core.review.DecisionTable.read(log.file());
            assertEquals("REJECTED", table.column("decision")[0]);
            assertEquals("female", table.column("audit.gender")[0]);
        }

        // allocation needs outcome models per service: refused in one sentence that says so
        IllegalArgumentException alloc = assertThrows(IllegalArgumentException.class, () ->
                org.fairpath.core.allocation.Cohort.of(List.of(man), List.of(person("m", "male")), List.of(),
                        List.of("gender")));
        assertTrue(alloc.getMessage().contains("profiling-only deployment, and allocation needs outcome models per"
                + " service"), alloc.getMessage());
        // an uplift without P(without) cannot exist
        assertThrows(IllegalArgumentException.class, () -> new Recommendation("x", Recommendation.Status
                .AWAITING_REVIEW, "v", "f", Double.NaN, Double.NaN, Double.NaN, 0.9, List.of(new ServiceSuggestion(1,
                "training", 0.5, Double.NaN, Double.NaN, 0.1, Double.NaN, Double.NaN)), List.of(), man.profiling(),
                List.of()));
    }

    @Test
    void aBundleWhoseOptionsDoNotMatchItsCatalogue_isRefusedNamingTrainingJson(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle");
        OutcomeModels.fromExternal(catalogue(false), ExternalLinearModel.fromJson(PROFILING, SCHEMA), Map.of(),
                person("reference", "male")).save(bundle);
        // a catalogue with a service slipped in, resealed: the bundle has no model for it
        java.nio.file.Files.writeString(bundle.resolve("services.json"), catalogue(true).toJson());
        org.fairpath.core.reliability.Reseal.reseal(bundle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().startsWith("bundle file training.json: options [] do not match the catalogue"),
                e.getMessage());
    }

    @Test
    void servicesNeedTheirOwnOutcomeModels_andTheUpliftIsTheDifference(@TempDir Path dir) throws Exception {
        ExternalLinearModel profiling = ExternalLinearModel.fromJson(PROFILING, SCHEMA);
        ExternalLinearModel baseline = ExternalLinearModel.fromJson(BASELINE, SCHEMA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeModels.fromExternal(
                catalogue(true), profiling, Map.of(ServiceCatalogue.BASELINE, baseline), person("r", "male")));
        assertTrue(e.getMessage().contains("no outcome model for option 'training'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OutcomeModels.fromExternal(catalogue(false),
                baseline, Map.of(ServiceCatalogue.BASELINE, profiling), person("r", "male")));
        assertTrue(e.getMessage().contains("must have target \"profiling\""), e.getMessage());
        assertTrue(e.getMessage().contains("must have target \"outcome\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OutcomeModels.fromExternal(catalogue(false),
                profiling, Map.of(ServiceCatalogue.BASELINE, baseline, "training", baseline), person("r", "male")));
        assertTrue(e.getMessage().contains("'training', which is not an option"), e.getMessage());

        OutcomeModels given = OutcomeModels.fromExternal(catalogue(true), profiling, Map.of(ServiceCatalogue.BASELINE,
                baseline, "training", ExternalLinearModel.fromJson(TRAINING, SCHEMA)), person("r", "male"));
        Path bundle = dir.resolve("bundle");
        given.save(bundle);
        Recommendation man = Recommender.of(ModelBundle.load(bundle)).recommend(person("m", "male"));
        assertEquals(1, man.suggestions().size());
        assertEquals(0.07371, man.suggestions().get(0).uplift(), 0.000005);
        assertEquals(0.52498, man.pWithout(), 0.000005);
    }

    @Test
    void aModelReadForAnotherSchema_isRefused() {
        Schema other = Schema.of("other", List.of(Attribute.bool("care_duties").roles(Role.FEATURE)
                .label("en", "Care duties").build()));
        ExternalLinearModel foreign = ExternalLinearModel.fromJson("{\"schemaVersion\":1,\"name\":\"x\","
                + "\"target\":\"profiling\",\"intercept\":0,\"coefficients\":{}}", other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeModels.fromExternal(
                catalogue(false), foreign, Map.of(ServiceCatalogue.BASELINE, ExternalLinearModel.fromJson(BASELINE,
                        SCHEMA)), person("r", "male")));
        assertTrue(e.getMessage().contains("another schema"), e.getMessage());
    }
}
