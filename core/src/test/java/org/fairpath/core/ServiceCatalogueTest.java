package org.fairpath.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ServiceCatalogueTest {

    private static final Schema SCHEMA = Schema.defaultPes();
    private static final ServiceCatalogue DEFAULT = ServiceCatalogue.defaultPes();

    private static String catalogue(String eligibility) {
        return "{\"schemaVersion\":1,\"name\":\"t\",\"services\":[{\"id\":\"s\",\"labels\":{\"en\":\"S\"},"
                + "\"descriptions\":{\"en\":\"d\"},\"intensity\":2,\"eligibility\":" + eligibility + "}]}";
    }

    private static Service service(String eligibility) {
        return ServiceCatalogue.fromJson(catalogue(eligibility), SCHEMA).service("s");
    }

    private static String problems(String json) {
        ValidationException e = assertThrows(ValidationException.class, () -> ServiceCatalogue.fromJson(json, SCHEMA));
        return e.problems().stream().map(p -> p.path() + "=" + p.kind() + ":" + p.message())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void defaultPes_loadsSixServicesWithLabelsAndIntensity() {
        assertEquals(List.of("job_search_assistance", "vocational_training", "wage_subsidy", "intensive_counselling",
                "digital_self_service", "language_course"), DEFAULT.ids());
        assertEquals("Sprachkurs", DEFAULT.service("language_course").label(Locale.GERMAN));
        assertEquals(1, DEFAULT.service("digital_self_service").intensity());
        assertEquals(1200, DEFAULT.service("vocational_training").capacity().getAsInt());
        assertTrue(DEFAULT.service("job_search_assistance").capacity().isEmpty());
        assertEquals(DEFAULT, ServiceCatalogue.fromJson(DEFAULT.toJson(), SCHEMA));
        assertEquals(DEFAULT.fingerprint(), ServiceCatalogue.fromJson(DEFAULT.toJson(), SCHEMA).fingerprint());
    }

    @Test
    void eligibility_numericBoundary_isInclusiveForGreaterOrEqual() {
        Service ic = DEFAULT.service("intensive_counselling");
        assertFalse(ic.isEligible(Fixtures.profile("a", "months_unemployed", 5)));
        assertTrue(ic.isEligible(Fixtures.profile("a", "months_unemployed", 6)));
        Eligibility no = ic.eligibility(Fixtures.profile("a", "months_unemployed", 5));
        assertEquals(new Eligibility("intensive_counselling", false,
                "not eligible: months unemployed is 5 (needs >= 6)"), no);
        assertEquals("eligible: months unemployed is 9 (needs >= 6)",
                ic.eligibility(Fixtures.profile("a", "months_unemployed", 9)).reason());
    }

    @Test
    void eligibility_allOf_listsEveryUnmetCondition() {
        Service vt = DEFAULT.service("vocational_training");
        Eligibility e = vt.eligibility(Fixtures.profile("a", "months_unemployed", 1, "age", 64));
        assertFalse(e.eligible());
        assertEquals("not eligible: months unemployed is 1 (needs >= 3); age is 64 (needs < 63)", e.reason());
        assertTrue(vt.isEligible(Fixtures.profile("a", "months_unemployed", 3, "age", 62)));
    }

    @Test
    void eligibility_anyOf_needsOneAndExplainsAll() {
        Service ws = DEFAULT.service("wage_subsidy");
        assertTrue(ws.isEligible(Fixtures.profile("a", "months_unemployed", 12)));
        assertTrue(ws.isEligible(Fixtures.profile("a", "age", 50)));
        assertTrue(ws.isEligible(Fixtures.profile("a", "disability", true)));
        assertEquals("eligible: age is 55 (needs >= 50)",
                ws.eligibility(Fixtures.profile("a", "age", 55, "months_unemployed", 2)).reason());
        Eligibility e = ws.eligibility(Fixtures.profile("a", "disability", null));
        assertEquals("not eligible: none of: months unemployed is 8 (needs >= 12); age is 34 (needs >= 50);"
                + " recognised disability is unknown (needs == yes)", e.reason());
    }

    @Test
    void eligibility_ordinalComparisonAndMissingOperator() {
        Service lc = DEFAULT.service("language_course");
        assertTrue(lc.isEligible(Fixtures.profile("a", "language_level", "b1")));
        assertFalse(lc.isEligible(Fixtures.profile("a", "language_level", "b2")));
        assertTrue(lc.isEligible(Fixtures.profile("a", "language_level", null)));
        assertEquals("not eligible: none of: level in the national language (CEFR) is c1 (needs <= b1);"
                + " level in the national language (CEFR) is c1 (needs to be unknown)",
                lc.eligibility(Fixtures.profile("a", "language_level", "c1")).reason());
        Service dss = DEFAULT.service("digital_self_service");
        assertFalse(dss.isEligible(Fixtures.profile("a", "digital_skills", "none")));
        assertFalse(dss.isEligible(Fixtures.profile("a", "digital_skills", null)), "unknown never meets >=");
        assertTrue(dss.isEligible(Fixtures.profile("a", "digital_skills", "basic")));
    }

    @Test
    void eligibility_categoricalInNotInAndNot() {
        Service s = service("{\"all\":[{\"attribute\":\"region\",\"op\":\"in\",\"value\":[\"north\",\"east\"]},"
                + "{\"not\":{\"attribute\":\"occupation_group\",\"op\":\"==\",\"value\":\"clerical\"}},"
                + "{\"attribute\":\"care_duties\",\"op\":\"!=\",\"value\":false}]}");
        assertTrue(s.isEligible(Fixtures.profile("a")));
        assertEquals("eligible: region is north (needs is one of [north, east]); not (occupation group of the last"
                + " job is services_sales (needs == clerical)); care duties (children or relatives) is yes (needs != no)",
                s.eligibility(Fixtures.profile("a")).reason());
        assertFalse(s.isEligible(Fixtures.profile("a", "region", "south")));
        assertFalse(s.isEligible(Fixtures.profile("a", "occupation_group", "clerical")));
        assertTrue(s.isEligible(Fixtures.profile("a", "occupation_group", null)));
        assertFalse(s.isEligible(Fixtures.profile("a", "care_duties", false)));
        assertEquals("region is one of [north, east] and not (occupation group of the last job == clerical)"
                + " and care duties (children or relatives) != no", s.eligibilityRule());
        Service notIn = service("{\"attribute\":\"region\",\"op\":\"not_in\",\"value\":[\"capital\"]}");
        assertTrue(notIn.isEligible(Fixtures.profile("a")));
        assertFalse(notIn.isEligible(Fixtures.profile("a", "region", "capital")));
        // a rule written out and read back behaves the same
        ServiceCatalogue c = ServiceCatalogue.fromJson(catalogue("{\"any\":[{\"attribute\":\"region\",\"op\":"
                + "\"not_in\",\"value\":[\"capital\"]},{\"attribute\":\"age\",\"op\":\"<=\",\"value\":25.5}]}"), SCHEMA);
        assertEquals(c, ServiceCatalogue.fromJson(c.toJson(), SCHEMA));
    }

    @Test
    void fromJson_badRules_areRejectedAtLoadWithClearMessages() {
        String unknownAttr = problems(catalogue("{\"attribute\":\"agee\",\"op\":\">=\",\"value\":3}"));
        assertTrue(unknownAttr.contains("services[0].eligibility.attribute=UNKNOWN_ATTRIBUTE"), unknownAttr);
        assertTrue(unknownAttr.contains("did you mean 'age'?"), unknownAttr);

        String unknownOp = problems(catalogue("{\"attribute\":\"age\",\"op\":\"=>\",\"value\":3}"));
        assertTrue(unknownOp.contains("unknown operator '=>'; allowed: [<, <=, >, >=, ==, !=, missing, present]"),
                unknownOp);

        String opForType = problems(catalogue("{\"attribute\":\"region\",\"op\":\"<\",\"value\":\"north\"}"));
        assertTrue(opForType.contains("operator '<' does not apply to categorical attribute 'region'"), opForType);

        String wrongType = problems(catalogue("{\"attribute\":\"age\",\"op\":\">=\",\"value\":\"30\"}"));
        assertTrue(wrongType.contains("services[0].eligibility.value=WRONG_TYPE"), wrongType);

        String unknownLevel = problems(catalogue("{\"attribute\":\"language_level\",\"op\":\"<=\",\"value\":\"B1\"}"));
        assertTrue(unknownLevel.contains("UNKNOWN_LEVEL"), unknownLevel);
        assertTrue(unknownLevel.contains("did you mean 'b1'?"), unknownLevel);

        String boolValue = problems(catalogue("{\"attribute\":\"care_duties\",\"op\":\"==\",\"value\":1}"));
        assertTrue(boolValue.contains("must be true or false"), boolValue);

        String emptyAll = problems(catalogue("{\"all\":[]}"));
        assertTrue(emptyAll.contains("services[0].eligibility.all=WRONG_TYPE"), emptyAll);

        String nested = problems(catalogue("{\"any\":[{\"attribute\":\"age\",\"op\":\">\",\"value\":1},"
                + "{\"all\":[{\"attribute\":\"x\",\"op\":\"==\",\"value\":1},{\"attribute\":\"age\",\"op\":\"in\",\"value\":[1]}]}]}"));
        assertTrue(nested.contains("services[0].eligibility.any[1].all[0].attribute=UNKNOWN_ATTRIBUTE"), nested);
        assertTrue(nested.contains("services[0].eligibility.any[1].all[1].op=INVALID_DEFINITION"), nested);

        String missingValue = problems(catalogue("{\"attribute\":\"age\",\"op\":\"missing\",\"value\":3}"));
        assertTrue(missingValue.contains("takes no value"), missingValue);

        String shape = problems(catalogue("{\"either\":[]}"));
        assertTrue(shape.contains("a rule is {\"all\": [...]}"), shape);
    }

    @Test
    void fromJson_badServices_areRejected() {
        String reserved = problems(catalogue("null").replace("\"id\":\"s\"", "\"id\":\"no_programme\""));
        assertTrue(reserved.contains("reserved for the baseline"), reserved);
        String intensity = problems(catalogue("null").replace("\"intensity\":2", "\"intensity\":9"));
        assertTrue(intensity.contains("services[0].intensity=OUT_OF_RANGE"), intensity);
        String capacity = problems(catalogue("null").replace("\"intensity\":2", "\"intensity\":2,\"capacity\":-3"));
        assertTrue(capacity.contains("services[0].capacity=OUT_OF_RANGE"), capacity);
        String labels = problems(catalogue("null").replace("{\"en\":\"S\"}", "{\"fr\":\"S\"}"));
        assertTrue(labels.contains("services[0].labels"), labels);
        String json = catalogue("null");
        String twice = problems(json.replace("]}", "," + json.substring(json.indexOf("{\"id\""), json.length() - 2)
                + "]}"));
        assertTrue(twice.contains("services[1].id=INVALID_DEFINITION:service 's' is defined twice"), twice);
        String missing = problems("{\"schemaVersion\":1,\"name\":\"t\"}");
        assertTrue(missing.contains("services=MISSING_REQUIRED"), missing);
        String notArray = problems("{\"schemaVersion\":1,\"name\":\"t\",\"services\":{}}");
        assertTrue(notArray.contains("must be an array of services"), notArray);
        // an empty catalogue is a profiling-only deployment (no services to suggest), and is accepted
        ServiceCatalogue none = ServiceCatalogue.fromJson("{\"schemaVersion\":1,\"name\":\"t\",\"services\":[]}",
                SCHEMA);
        assertEquals(0, none.services().size());
    }

    @Test
    void service_unknownIdAndForeignSchema_areRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.service("training"));
        assertTrue(e.getMessage().contains("known: [job_search_assistance"), e.getMessage());
        JobseekerProfile p = Fixtures.foreignProfile();
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.service("vocational_training").isEligible(p));
    }

    @Test
    void eligibility_allServices_inCatalogueOrder() {
        List<Eligibility> all = DEFAULT.eligibility(Fixtures.profile("a"));
        assertEquals(DEFAULT.ids(), all.stream().map(Eligibility::serviceId).toList());
        // fixture: 8 months unemployed, age 34, language b1, basic digital skills
        assertEquals(List.of(true, true, false, true, true, true), all.stream().map(Eligibility::eligible).toList());
    }
}
