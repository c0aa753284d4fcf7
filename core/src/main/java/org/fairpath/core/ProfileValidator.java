package org.fairpath.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates raw values against a schema into a profile, collecting every problem. */
final class ProfileValidator {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> JSON_FIELDS = Set.of("id", "attributes");

    private ProfileValidator() {
    }

    static JobseekerProfile validate(Schema schema, String id, Map<String, ?> values, String prefix, String subject) {
        List<Problem> problems = new ArrayList<>();
        checkId(id, "id", problems);
        for (String key : values.keySet()) {
            if (key == null || schema.indexOf(key) < 0) {
                problems.add(new Problem(prefix + key, Problem.Kind.UNKNOWN_ATTRIBUTE,
                        Names.unknown("attribute", String.valueOf(key), schema.names())));
            }
        }
        List<Attribute> attributes = schema.attributes();
        double[] codes = new double[attributes.size()];
        for (int i = 0; i < codes.length; i++) {
            Attribute a = attributes.get(i);
            codes[i] = code(a, values.get(a.name()), prefix + a.name(), problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(subject, problems);
        }
        return new JobseekerProfile(schema, id, codes);
    }

    private static void checkId(String id, String path, List<Problem> problems) {
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new Problem(path, Problem.Kind.INVALID_ID, "pseudonym " + (id == null ? "is missing"
                    : "'" + abbreviate(id) + "' is not allowed") + "; use 1 to 64 of A-Z a-z 0-9 . _ : -"));
        }
    }

    /** The code of one value, or NaN after adding a problem. */
    private static double code(Attribute a, Object v, String path, List<Problem> problems) {
        if (v == null) {
            if (!a.allowsMissing()) {
                problems.add(new Problem(path, Problem.Kind.MISSING_REQUIRED, a.name() + " is required; allowed: "
                        + a.describeAllowed()));
            }
            return Double.NaN;
        }
        switch (a.type()) {
            case NUMERIC: {
                if (!(v instanceof Number)) {
                    problems.add(wrongType(a, v, path));
                    return Double.NaN;
                }
                double d = toDouble((Number) v);
                String shown = Double.isFinite(d) ? Attribute.format(d) : v.toString();
                if (!Double.isFinite(d)) {
                    problems.add(new Problem(path, Problem.Kind.NOT_FINITE, a.name() + " is " + shown
                            + ", which is not a finite number; allowed: " + a.describeAllowed()));
                } else if (a.isInteger() && d != Math.rint(d)) {
                    problems.add(new Problem(path, Problem.Kind.NOT_INTEGER, a.name() + " is " + shown
                            + ", which is not a whole number; allowed: " + a.describeAllowed()));
                } else if (d < a.min() || d > a.max()) {
                    problems.add(new Problem(path, Problem.Kind.OUT_OF_RANGE, a.name() + " is " + shown
                            + ", outside the valid range; allowed: " + a.describeAllowed()));
                } else {
                    return d == 0.0 ? 0.0 : d; // one zero: -0.0 and 0.0 encode alike
                }
                return Double.NaN;
            }
            case BOOLEAN:
                if (!(v instanceof Boolean)) {
                    problems.add(wrongType(a, v, path));
                    return Double.NaN;
                }
                return (Boolean) v ? 1.0 : 0.0;
            default: {
                if (!(v instanceof String)) {
                    problems.add(wrongType(a, v, path));
                    return Double.NaN;
                }
                int level = a.levelIndex((String) v);
                if (level < 0) {
                    problems.add(new Problem(path, Problem.Kind.UNKNOWN_LEVEL,
                            Names.unknown("level", abbreviate((String) v), a.levels()) + " for " + a.name()
                                    + (a.allowsMissing() ? ", or null when unknown" : "")));
                    return Double.NaN;
                }
                return level;
            }
        }
    }

    /** Huge BigDecimal/BigInteger values become infinite here and are then rejected as not finite. */
    private static double toDouble(Number n) {
        return n.doubleValue();
    }

    private static Problem wrongType(Attribute a, Object v, String path) {
        String got = v instanceof String ? "text \"" + abbreviate((String) v) + "\""
                : v instanceof Number ? "number " + v
                : v instanceof Boolean ? "boolean " + v
                : v instanceof JsonStructure ? v.toString()
                : "a " + v.getClass().getSimpleName();
        return new Problem(path, Problem.Kind.WRONG_TYPE, a.name() + " is " + got + "; allowed: "
                + a.describeAllowed());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    static JobseekerProfile fromJson(Schema schema, JsonNode root) {
        String subject = "jobseeker profile";
        if (!root.isObject()) {
            throw Json.malformed(subject, "expected a JSON object {\"id\": ..., \"attributes\": {...}}; got "
                    + Json.describe(root));
        }
        List<Problem> problems = new ArrayList<>();
        Json.checkFields(root, "$", JSON_FIELDS, problems);
        String id = Json.text(root, "id", "$", false, problems);
        if (id != null) {
            subject = "jobseeker profile '" + abbreviate(id) + "'";
        }
        JsonNode attrs = root.get("attributes");
        Map<String, Object> values = new LinkedHashMap<>();
        if (attrs == null || !attrs.isObject()) {
            problems.add(new Problem("attributes", attrs == null ? Problem.Kind.MISSING_REQUIRED
                    : Problem.Kind.WRONG_TYPE, "'attributes' must be an object of attribute name to value"));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                Object value;
                if (v.isNull()) {
                    value = null;
                } else if (v.isNumber()) {
                    value = v.isBigDecimal() || v.isBigInteger() ? v.numberValue() : v.doubleValue();
                } else if (v.isTextual()) {
                    value = v.textValue();
                } else if (v.isBoolean()) {
                    value = v.booleanValue();
                } else {
                    value = new JsonStructure(v.isArray() ? "an array" : "an object");
                }
                values.put(e.getKey(), value);
            }
        }
        try {
            JobseekerProfile p = validate(schema, id, values, "attributes.", subject);
            if (problems.isEmpty()) {
                return p;
            }
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        }
        throw new ValidationException(subject, problems);
    }

    /** Stands for a JSON array or object where a scalar was expected, so the error says what was found. */
    private static final class JsonStructure {
        private final String what;

        JsonStructure(String what) {
            this.what = what;
        }

        @Override
        public String toString() {
            return what;
        }
    }
}
