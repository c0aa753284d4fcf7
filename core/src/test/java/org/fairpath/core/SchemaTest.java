package org.fairpath.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SchemaTest {

    private static final String AGE = "{\"name\":\"age\",\"type\":\"numeric\",\"min\":16,\"max\":67,\"integer\":true,"
            + "\"roles\":[\"feature\"],\"labels\":{\"en\":\"Age\"}}";

    private static String schema(String... attributes) {
        return "{\"schemaVersion\":1,\"name\":\"t\",\"attributes\":[" + String.join(",", attributes) + "]}";
    }

    private static ValidationException invalid(String json) {
        return assertThrows(ValidationException.class, () -> Schema.fromJson(json));
    }

    private static String paths(ValidationException e) {
        return e.problems().stream().map(p -> p.path() + "=" + p.kind()).collect(Collectors.joining(","));
    }

    @Test
    void defaultPes_hasDocumentedAttributesAndRoles() {
        Schema s = Schema.defaultPes();
        assertEquals("pes-default", s.name());
        assertEquals(List.of("age", "gender", "citizenship_group", "disability"),
                s.withRole(Role.PROTECTED).stream().map(Attribute::name).toList());
        assertTrue(s.attribute("age").justification().isPresent());
        for (Attribute a : s.attributes()) {
            for (String lang : List.of("en", "fr", "de", "nl", "fi")) {
                assertTrue(a.labels().containsKey(lang), a.name() + " lacks a " + lang + " label");
            }
        }
        assertEquals("Alter", s.attribute("age").label(Locale.GERMAN));
        assertEquals("Age", s.attribute("age").label(Locale.JAPANESE));
    }

    @Test
    void toJson_roundTripsToAnEqualSchemaWithTheSameFingerprint() {
        Schema s = Schema.defaultPes();
        Schema back = Schema.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(s.attributes(), back.attributes());
        assertEquals(s.fingerprint(), back.fingerprint());
        assertEquals(64, s.fingerprint().length());
        assertNotEquals(s.fingerprint(), Schema.fromJson(schema(AGE)).fingerprint());
    }

    @Test
    void fromJson_malformedOrWrongVersion_isMalformed() {
        assertEquals(Problem.Kind.MALFORMED, invalid("{\"schemaVersion\":1,").problems().get(0).kind());
        assertEquals(Problem.Kind.MALFORMED, invalid("[]").problems().get(0).kind());
        ValidationException v2 = invalid(schema(AGE).replace("\"schemaVersion\":1", "\"schemaVersion\":2"));
        assertEquals("schemaVersion=MALFORMED", paths(v2));
        ValidationException unknownField = invalid(schema(AGE).replace("\"name\":\"t\"", "\"name\":\"t\",\"x\":1"));
        assertTrue(unknownField.getMessage().contains("unknown field 'x'"), unknownField.getMessage());
    }

    @Test
    void fromJson_invalidDefinitions_reportsEveryProblemWithItsPath() {
        String bad = schema(
                AGE,
                AGE, // duplicate
                "{\"name\":\"Bad Name\",\"type\":\"boolean\",\"labels\":{\"en\":\"x\"}}",
                "{\"name\":\"m\",\"type\":\"numeric\",\"min\":5,\"max\":1,\"labels\":{\"en\":\"m\"}}",
                "{\"name\":\"c\",\"type\":\"categorical\",\"levels\":[\"a\"],\"labels\":{\"en\":\"c\"}}",
                "{\"name\":\"g\",\"type\":\"categorical\",\"levels\":[\"f\",\"m\"],\"roles\":[\"protected\",\"feature\"],"
                        + "\"labels\":{\"en\":\"g\"}}",
                "{\"name\":\"e\",\"type\":\"ordinal\",\"levels\":[\"lo\",\"hi\"],\"roles\":[\"protected\",\"actionable\"],"
                        + "\"labels\":{\"fr\":\"e\"}}",
                "{\"name\":\"t\",\"type\":\"text\",\"labels\":{\"en\":\"t\"}}");
        ValidationException e = invalid(bad);
        String p = paths(e);
        // The attribute-level problems are all reported together; duplicates are checked once those pass.
        assertTrue(p.contains("attributes[2].name=INVALID_DEFINITION"), p);
        assertTrue(p.contains("attributes[3].min=INVALID_DEFINITION"), p);
        assertTrue(p.contains("attributes[4].levels=INVALID_DEFINITION"), p);
        assertTrue(p.contains("attributes[5].justification=INVALID_DEFINITION"), p);
        assertTrue(p.contains("attributes[6].roles=INVALID_DEFINITION"), p);
        assertTrue(p.contains("attributes[6].labels=INVALID_DEFINITION"), p);
        assertTrue(p.contains("attributes[7].type=INVALID_DEFINITION"), p);
        assertTrue(e.getMessage().contains("allowed: [numeric, categorical, ordinal, boolean]"), e.getMessage());
        ValidationException dup = invalid(schema(AGE, AGE));
        assertEquals("attributes[1].name=INVALID_DEFINITION", paths(dup));
    }

    @Test
    void fromJson_wrongTypes_areWrongType() {
        ValidationException e = invalid(schema(AGE.replace("\"min\":16", "\"min\":\"16\"")
                .replace("\"integer\":true", "\"integer\":\"yes\"")));
        assertEquals("attributes[0].min=WRONG_TYPE,attributes[0].integer=WRONG_TYPE", paths(e));
    }

    @Test
    void of_schemaWithoutFeature_isRejected() {
        Attribute g = Attribute.categorical("gender", List.of("f", "m")).roles(Role.PROTECTED).label("en", "G").build();
        ValidationException e = assertThrows(ValidationException.class, () -> Schema.of("s", List.of(g)));
        assertTrue(e.getMessage().contains("no attribute has role FEATURE"), e.getMessage());
        Attribute id = Attribute.bool("id").roles(Role.FEATURE).label("en", "x").build();
        assertThrows(ValidationException.class, () -> Schema.of("s", List.of(id)));
    }

    @Test
    void attribute_unknownName_listsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schema.defaultPes().attribute("agee"));
        assertTrue(e.getMessage().startsWith("unknown attribute 'agee' (did you mean 'age'?); known: [age, gender"),
                e.getMessage());
    }

    @Test
    void builder_missingLevelNameReservedAndDescribeAllowed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> Attribute.categorical("x", List.of("a", "missing")).label("en", "x").build());
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertEquals("one of a1 < a2 < b1 < b2 < c1 < c2 (lowest first), or null when unknown",
                Schema.defaultPes().attribute("language_level").describeAllowed());
        assertEquals("a whole number from 0 to 240",
                Schema.defaultPes().attribute("months_unemployed").describeAllowed());
    }
}
