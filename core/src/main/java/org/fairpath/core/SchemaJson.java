package org.fairpath.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Maps {@link Schema} to and from its versioned JSON form. */
final class SchemaJson {

    private static final Set<String> ROOT_FIELDS = Set.of("schemaVersion", "name", "attributes");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("name", "type", "min", "max", "integer", "levels",
            "missing", "roles", "labels", "justification");

    private SchemaJson() {
    }

    static Schema read(JsonNode root) {
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw Json.malformed("schema", "expected a JSON object; got " + Json.describe(root));
        }
        Json.checkFields(root, "$", ROOT_FIELDS, problems);
        Json.checkVersion(root, Schema.JSON_VERSION, problems);
        String name = Json.text(root, "name", "$", true, problems);
        JsonNode attrs = root.get("attributes");
        List<Attribute> attributes = new ArrayList<>();
        if (attrs == null || !attrs.isArray()) {
            problems.add(new Problem("attributes", attrs == null ? Problem.Kind.MISSING_REQUIRED : Problem.Kind.WRONG_TYPE,
                    "'attributes' must be an array of attribute definitions"));
        } else {
            for (int i = 0; i < attrs.size(); i++) {
                Attribute a = readAttribute(attrs.get(i), "attributes[" + i + "]", problems);
                if (a != null) {
                    attributes.add(a);
                }
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(Schema.check(name, attributes));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("schema" + (name == null ? "" : " '" + name + "'"), problems);
        }
        return Schema.of(name, attributes);
    }

    private static Attribute readAttribute(JsonNode n, String path, List<Problem> problems) {
        if (!n.isObject()) {
            problems.add(new Problem(path, Problem.Kind.WRONG_TYPE, "an attribute must be an object; got "
                    + Json.describe(n)));
            return null;
        }
        int before = problems.size();
        Json.checkFields(n, path, ATTRIBUTE_FIELDS, problems);
        String name = Json.text(n, "name", path, true, problems);
        AttributeType type = enumValue(n, "type", path, AttributeType.class, true, problems);
        if (type == null) {
            return null;
        }
        Attribute.Builder b;
        switch (type) {
            case NUMERIC:
                b = Attribute.numeric(name, number(n, "min", path, problems), number(n, "max", path, problems));
                break;
            case CATEGORICAL:
                b = Attribute.categorical(name, Json.texts(n, "levels", path, problems));
                break;
            case ORDINAL:
                b = Attribute.ordinal(name, Json.texts(n, "levels", path, problems));
                break;
            default:
                b = Attribute.bool(name);
        }
        if (type != AttributeType.NUMERIC) {
            for (String f : List.of("min", "max")) {
                if (n.has(f)) {
                    problems.add(new Problem(path + "." + f, Problem.Kind.INVALID_DEFINITION,
                            "'" + f + "' applies to numeric attributes only"));
                }
            }
        }
        if (type != AttributeType.CATEGORICAL && type != AttributeType.ORDINAL && n.has("levels")) {
            problems.add(new Problem(path + ".levels", Problem.Kind.INVALID_DEFINITION,
                    "'levels' applies to categorical and ordinal attributes only"));
        }
        JsonNode integer = n.get("integer");
        if (integer != null) {
            if (!integer.isBoolean()) {
                problems.add(new Problem(path + ".integer", Problem.Kind.WRONG_TYPE, "'integer' must be true or false;"
                        + " got " + Json.describe(integer)));
            } else if (integer.booleanValue()) {
                b.integer();
            }
        }
        MissingPolicy missing = enumValue(n, "missing", path, MissingPolicy.class, false, problems);
        if (missing != null) {
            b.missing(missing);
        }
        JsonNode roles = n.get("roles");
        if (roles != null && !roles.isArray()) {
            problems.add(new Problem(path + ".roles", Problem.Kind.WRONG_TYPE, "'roles' must be an array; got "
                    + Json.describe(roles)));
        } else if (roles != null) {
            for (int i = 0; i < roles.size(); i++) {
                Role r = enumOf(roles.get(i), path + ".roles[" + i + "]", Role.class, problems);
                if (r != null) {
                    b.roles(r);
                }
            }
        }
        JsonNode labels = n.get("labels");
        if (labels == null || !labels.isObject()) {
            problems.add(new Problem(path + ".labels", labels == null ? Problem.Kind.MISSING_REQUIRED
                    : Problem.Kind.WRONG_TYPE, "'labels' must be an object of language tag to label, with 'en'"));
        } else {
            labels.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    b.label(e.getKey(), e.getValue().textValue());
                } else {
                    problems.add(new Problem(path + ".labels." + e.getKey(), Problem.Kind.WRONG_TYPE,
                            "a label must be text; got " + Json.describe(e.getValue())));
                }
            });
        }
        String justification = Json.text(n, "justification", path, false, problems);
        if (justification != null) {
            b.justification(justification);
        }
        if (problems.size() > before) {
            return null;
        }
        List<Problem> definition = b.check(path);
        if (!definition.isEmpty()) {
            problems.addAll(definition);
            return null;
        }
        return b.build();
    }

    private static double number(JsonNode n, String field, String path, List<Problem> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            problems.add(new Problem(path + "." + field, Problem.Kind.MISSING_REQUIRED,
                    "a numeric attribute needs '" + field + "'"));
            return Double.NaN;
        }
        if (!v.isNumber()) {
            problems.add(new Problem(path + "." + field, Problem.Kind.WRONG_TYPE, "'" + field + "' must be a number;"
                    + " got " + Json.describe(v)));
            return Double.NaN;
        }
        return v.doubleValue();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode n, String field, String path, Class<E> type,
                                                   boolean required, List<Problem> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new Problem(path + "." + field, Problem.Kind.MISSING_REQUIRED, "'" + field
                        + "' is required; allowed: " + allowed(type)));
            }
            return null;
        }
        return enumOf(v, path + "." + field, type, problems);
    }

    static <E extends Enum<E>> E enumOf(JsonNode v, String path, Class<E> type, List<Problem> problems) {
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(v.textValue())) {
                    return e;
                }
            }
        }
        problems.add(new Problem(path, v.isTextual() ? Problem.Kind.INVALID_DEFINITION : Problem.Kind.WRONG_TYPE,
                "'" + v.asText() + "' is not allowed here; allowed: " + allowed(type)));
        return null;
    }

    private static <E extends Enum<E>> List<String> allowed(Class<E> type) {
        List<String> l = new ArrayList<>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> l.add(e.name().toLowerCase(Locale.ROOT)));
        return l;
    }

    static String write(Schema schema) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", Schema.JSON_VERSION);
        root.put("name", schema.name());
        ArrayNode attrs = root.putArray("attributes");
        for (Attribute a : schema.attributes()) {
            ObjectNode o = attrs.addObject();
            o.put("name", a.name());
            o.put("type", a.type().name().toLowerCase(Locale.ROOT));
            if (a.type() == AttributeType.NUMERIC) {
                o.put("min", a.min());
                o.put("max", a.max());
                o.put("integer", a.isInteger());
            }
            if (!a.levels().isEmpty()) {
                ArrayNode levels = o.putArray("levels");
                a.levels().forEach(levels::add);
            }
            o.put("missing", a.missingPolicy().name().toLowerCase(Locale.ROOT));
            ArrayNode roles = o.putArray("roles");
            a.roles().forEach(r -> roles.add(r.name().toLowerCase(Locale.ROOT)));
            ObjectNode labels = o.putObject("labels");
            for (Map.Entry<String, String> e : a.labels().entrySet()) {
                labels.put(e.getKey(), e.getValue());
            }
            a.justification().ifPresent(j -> o.put("justification", j));
        }
        return Json.write(root);
    }
}
