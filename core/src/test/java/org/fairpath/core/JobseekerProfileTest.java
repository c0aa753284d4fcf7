package org.fairpath.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JobseekerProfileTest {

    private static final Schema SCHEMA = Schema.defaultPes();

    private static ValidationException invalid(Map<String, Object> values) {
        return assertThrows(ValidationException.class, () -> JobseekerProfile.of(SCHEMA, "js-1", values));
    }

    private static Problem onlyProblem(Map<String, Object> values) {
        List<Problem> problems = invalid(values).problems();
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> m = Fixtures.validValues();
        m.put(name, value);
        return m;
    }

    @Test
    void of_validValues_keepsEveryValueTyped() {
        JobseekerProfile p = Fixtures.profile("js-1");
        assertEquals(34.0, p.value("age"));
        assertEquals("female", p.value("gender"));
        assertEquals(Boolean.TRUE, p.value("care_duties"));
        assertEquals("b1", p.value("language_level"));
        assertEquals(14, p.values().size());
        assertFalse(p.isMissing("disability"));
    }

    @Test
    void of_unknownAttribute_namesKnownAttributesAndNearestName() {
        Problem p = onlyProblem(with("agee", 40));
        assertEquals(Problem.Kind.UNKNOWN_ATTRIBUTE, p.kind());
        assertEquals("agee", p.path());
        assertTrue(p.message().contains("did you mean 'age'?"), p.message());
        assertTrue(p.message().contains("months_unemployed"), p.message());
    }

    @Test
    void of_missingRequired_saysWhatIsAllowed() {
        Map<String, Object> m = Fixtures.validValues();
        m.remove("age");
        Problem p = onlyProblem(m);
        assertEquals(Problem.Kind.MISSING_REQUIRED, p.kind());
        assertEquals("age", p.path());
        assertTrue(p.message().contains("a whole number from 16 to 67"), p.message());
        assertEquals(Problem.Kind.MISSING_REQUIRED, onlyProblem(with("age", null)).kind());
    }

    @Test
    void of_missingOptional_isUnknownNotAnError() {
        JobseekerProfile p = Fixtures.profile("js-1", "digital_skills", null, "gender", null);
        assertTrue(p.isMissing("digital_skills"));
        assertNull(p.value("gender"));
        assertFalse(p.values().containsKey("digital_skills"));
    }

    @Test
    void of_wrongType_namesTypeFoundAndAllowed() {
        Problem p = onlyProblem(with("age", "34"));
        assertEquals(Problem.Kind.WRONG_TYPE, p.kind());
        assertTrue(p.message().contains("text \"34\""), p.message());
        assertEquals(Problem.Kind.WRONG_TYPE, onlyProblem(with("care_duties", "yes")).kind());
        assertEquals(Problem.Kind.WRONG_TYPE, onlyProblem(with("region", 3)).kind());
        assertEquals(Problem.Kind.WRONG_TYPE, onlyProblem(with("age", true)).kind());
    }

    @Test
    void of_notFinite_rejectsNanInfinityAndHugeNumbers() {
        assertEquals(Problem.Kind.NOT_FINITE, onlyProblem(with("age", Double.NaN)).kind());
        assertEquals(Problem.Kind.NOT_FINITE, onlyProblem(with("months_unemployed", Double.POSITIVE_INFINITY)).kind());
        assertEquals(Problem.Kind.NOT_FINITE, onlyProblem(with("age", new BigDecimal("1e400"))).kind());
    }

    @Test
    void of_outOfRange_includesBothEdgesAndRejectsJustOutside() {
        assertEquals(16.0, Fixtures.profile("a", "age", 16).value("age"));
        assertEquals(67.0, Fixtures.profile("a", "age", 67).value("age"));
        Problem p = onlyProblem(with("age", 15));
        assertEquals(Problem.Kind.OUT_OF_RANGE, p.kind());
        assertTrue(p.message().contains("from 16 to 67"), p.message());
        assertEquals(Problem.Kind.OUT_OF_RANGE, onlyProblem(with("age", 68)).kind());
        assertEquals(Problem.Kind.OUT_OF_RANGE, onlyProblem(with("months_unemployed", -1)).kind());
    }

    @Test
    void of_fractionForIntegerAttribute_isNotInteger() {
        assertEquals(Problem.Kind.NOT_INTEGER, onlyProblem(with("age", 34.5)).kind());
        assertEquals(34.0, Fixtures.profile("a", "age", 34.0).value("age"));
    }

    @Test
    void of_unknownLevel_listsAllowedLevelsAndSuggests() {
        Problem p = onlyProblem(with("region", "North"));
        assertEquals(Problem.Kind.UNKNOWN_LEVEL, p.kind());
        assertTrue(p.message().contains("did you mean 'north'?"), p.message());
        assertTrue(p.message().contains("[capital, north, south, east, west]"), p.message());
        assertEquals(Problem.Kind.UNKNOWN_LEVEL, onlyProblem(with("education_level", "phd")).kind());
    }

    @Test
    void of_badPseudonym_isInvalidId() {
        for (String id : new String[] {null, "", "jane.doe@example.org", "x".repeat(65), "a b"}) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> JobseekerProfile.of(SCHEMA, id, Fixtures.validValues()));
            assertEquals(Problem.Kind.INVALID_ID, e.problems().get(0).kind(), String.valueOf(id));
        }
    }

    @Test
    void of_manyProblems_reportsEveryOneInOneException() {
        Map<String, Object> m = Fixtures.validValues();
        m.put("age", 12);
        m.put("region", "atlantis");
        m.put("care_duties", 1);
        m.remove("education_level");
        m.put("shoe_size", 44);
        ValidationException e = invalid(m);
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("5 problems in jobseeker profile 'js-1'"), e.getMessage());
    }

    @Test
    void fromJson_validDocument_equalsMapInput() {
        JobseekerProfile p = Fixtures.profile("js-7", "digital_skills", null);
        assertEquals(p, JobseekerProfile.fromJson(SCHEMA, p.toJson()));
        String json = "{\"id\":\"js-7\",\"attributes\":{\"age\":34,\"gender\":\"female\",\"citizenship_group\":\"non_eu\","
                + "\"disability\":false,\"education_level\":\"upper_secondary\",\"months_unemployed\":8,"
                + "\"months_employed_last_5y\":30,\"language_level\":\"b1\",\"region\":\"north\","
                + "\"care_duties\":true,\"driving_licence\":false,\"previous_programme\":false,"
                + "\"occupation_group\":\"services_sales\"}}";
        assertEquals(p, JobseekerProfile.fromJson(SCHEMA, json));
    }

    @Test
    void fromJson_errors_useJsonPaths() {
        String json = "{\"id\":\"js-7\",\"attributes\":{\"age\":\"old\",\"region\":[1],\"x\":1}}";
        ValidationException e = assertThrows(ValidationException.class, () -> JobseekerProfile.fromJson(SCHEMA, json));
        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertTrue(paths.contains("attributes.age"), paths::toString);
        assertTrue(paths.contains("attributes.region"), paths::toString);
        assertTrue(paths.contains("attributes.x"), paths::toString);
        assertTrue(e.getMessage().contains("region is an array"), e.getMessage());
    }

    @Test
    void fromJson_malformedOrHostile_isMalformedWithPosition() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobseekerProfile.fromJson(SCHEMA, "{\"id\": \"a\",\n \"attributes\": {"));
        assertEquals(Problem.Kind.MALFORMED, e.problems().get(0).kind());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        // duplicate keys are ambiguous input, not last-one-wins
        ValidationException dup = assertThrows(ValidationException.class,
                () -> JobseekerProfile.fromJson(SCHEMA, "{\"id\":\"a\",\"id\":\"b\",\"attributes\":{}}"));
        assertTrue(dup.getMessage().contains("Duplicate field 'id'"), dup.getMessage());
        // NaN is not JSON
        assertEquals(Problem.Kind.MALFORMED, assertThrows(ValidationException.class,
                () -> JobseekerProfile.fromJson(SCHEMA, "{\"id\":\"a\",\"attributes\":{\"age\":NaN}}"))
                .problems().get(0).kind());
        // nesting beyond the limit
        String deep = "{\"id\":\"a\",\"attributes\":{\"age\":" + "[".repeat(200) + "]".repeat(200) + "}}";
        ValidationException tooDeep = assertThrows(ValidationException.class,
                () -> JobseekerProfile.fromJson(SCHEMA, deep));
        assertTrue(tooDeep.getMessage().contains("nesting depth"), tooDeep.getMessage());
        // a number too large for a double
        ValidationException huge = assertThrows(ValidationException.class, () -> JobseekerProfile.fromJson(SCHEMA,
                Fixtures.profile("a").toJson().replace("\"age\" : 34", "\"age\" : 1e400")));
        assertEquals(Problem.Kind.NOT_FINITE, huge.problems().get(0).kind(), huge.getMessage());
    }

    @Test
    void with_changesOneValueAndValidates() {
        JobseekerProfile p = Fixtures.profile("js-1");
        JobseekerProfile q = p.with("education_level", "tertiary");
        assertEquals("tertiary", q.value("education_level"));
        assertEquals("upper_secondary", p.value("education_level"));
        assertTrue(p.with("digital_skills", null).isMissing("digital_skills"));
        assertThrows(ValidationException.class, () -> p.with("age", 99));
        assertThrows(IllegalArgumentException.class, () -> p.with("agee", 30));
    }

    @Test
    void builder_buildsSameAsMap() {
        JobseekerProfile.Builder b = JobseekerProfile.builder(SCHEMA, "js-1");
        Fixtures.validValues().forEach(b::set);
        assertEquals(Fixtures.profile("js-1"), b.build());
    }

    @Test
    void value_unknownAttribute_throwsNamingKnown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.profile("a").value("regoin"));
        assertTrue(e.getMessage().contains("did you mean 'region'?"), e.getMessage());
    }
}
