package org.fairpath.fairness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A checker for the JSON Schema keywords the report schemas use (audit report, prospective report): type, const,
 * enum, required, properties, additionalProperties (false or a schema), items, $ref (local), oneOf. Keywords it does
 * not know are ignored, so a schema must stay within these for its tests to mean anything.
 */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    /** The violations of {@code schema} by {@code value}, each with its JSON path; empty if it conforms. */
    public static List<String> errors(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, schema, value, "$", errors);
        return errors;
    }

    private static void check(JsonNode root, JsonNode s, JsonNode v, String path, List<String> errors) {
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            check(root, root.at(ref.substring(1)), v, path, errors);
            return;
        }
        if (s.has("oneOf")) {
            int ok = 0;
            for (JsonNode alt : s.get("oneOf")) {
                List<String> e = new ArrayList<>();
                check(root, alt, v, path, e);
                ok += e.isEmpty() ? 1 : 0;
            }
            if (ok != 1) {
                errors.add(path + ": matches " + ok + " of the oneOf alternatives");
            }
            return;
        }
        if (s.has("const") && !s.get("const").equals(v)) {
            errors.add(path + ": expected " + s.get("const") + ", got " + v);
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                errors.add(path + ": " + v + " is not one of " + s.get("enum"));
            }
        }
        if (s.has("type")) {
            List<String> types = new ArrayList<>();
            if (s.get("type").isArray()) {
                s.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(s.get("type").asText());
            }
            if (types.stream().noneMatch(t -> is(t, v))) {
                errors.add(path + ": " + v.getNodeType() + " is not " + types);
                return;
            }
        }
        if (v.isObject()) {
            for (JsonNode r : s.path("required")) {
                if (!v.has(r.asText())) {
                    errors.add(path + ": missing required '" + r.asText() + "'");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (v.has(p.getKey())) {
                    check(root, p.getValue(), v.get(p.getKey()), path + "." + p.getKey(), errors);
                }
            }
            JsonNode extra = s.get("additionalProperties");
            if (extra != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (s.path("properties").has(f.getKey())) {
                        continue;
                    }
                    if (extra.isBoolean()) {
                        if (!extra.asBoolean()) {
                            errors.add(path + ": unexpected property '" + f.getKey() + "'");
                        }
                    } else {
                        check(root, extra, f.getValue(), path + "." + f.getKey(), errors);
                    }
                }
            }
        }
        if (v.isArray() && s.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(root, s.get("items"), v.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }
}
