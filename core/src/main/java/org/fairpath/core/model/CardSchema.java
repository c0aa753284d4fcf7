package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A checker for the subset of JSON Schema that {@code model-card.schema.json} uses: {@code type} (one or a list),
 * {@code required}, {@code properties}, {@code additionalProperties} (false or a schema), {@code items}, {@code enum},
 * {@code const} and {@code minimum}. Any other keyword in the schema is an error, so the schema cannot silently ask for
 * more than is checked.
 */
final class CardSchema {

    static final String RESOURCE = "model-card.schema.json";
    private static final Set<String> KNOWN = Set.of("$schema", "$id", "title", "description", "type", "required",
            "properties", "additionalProperties", "items", "enum", "const", "minimum");
    private static final JsonNode SCHEMA = load();

    private CardSchema() {
    }

    private static JsonNode load() {
        try (InputStream in = CardSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return BundleFiles.STRICT.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model card's JSON Schema. */
    static JsonNode schema() {
        return SCHEMA.deepCopy();
    }

    /** Every way {@code doc} departs from the card schema, each with its JSON path; empty when it conforms. */
    static List<String> problems(JsonNode doc) {
        return problems(SCHEMA, doc);
    }

    static List<String> problems(JsonNode schema, JsonNode doc) {
        List<String> out = new ArrayList<>();
        check(schema, doc, "$", out);
        return out;
    }

    private static void check(JsonNode s, JsonNode v, String path, List<String> out) {
        s.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k)) {
                throw new IllegalStateException("the card schema uses keyword '" + k + "' at " + path
                        + ", which this checker does not implement");
            }
        });
        if (s.has("const") && !s.get("const").equals(v)) {
            out.add(path + ": must be " + s.get("const") + ", found " + brief(v));
            return;
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                out.add(path + ": must be one of " + s.get("enum") + ", found " + brief(v));
                return;
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
                out.add(path + ": must be " + String.join(" or ", types) + ", found " + brief(v));
                return;
            }
        }
        if (s.has("minimum") && v.isNumber() && v.asDouble() < s.get("minimum").asDouble()) {
            out.add(path + ": must be at least " + s.get("minimum") + ", found " + v);
        }
        if (v.isObject()) {
            if (s.has("required")) {
                for (JsonNode r : s.get("required")) {
                    if (!v.has(r.asText())) {
                        out.add(path + ": required field '" + r.asText() + "' is missing");
                    }
                }
            }
            JsonNode props = s.path("properties");
            v.fields().forEachRemaining(e -> {
                String p = path + "." + e.getKey();
                if (props.has(e.getKey())) {
                    check(props.get(e.getKey()), e.getValue(), p, out);
                } else if (s.has("additionalProperties")) {
                    JsonNode ap = s.get("additionalProperties");
                    if (ap.isBoolean() && !ap.asBoolean()) {
                        out.add(path + ": unknown field '" + e.getKey() + "'");
                    } else if (ap.isObject()) {
                        check(ap, e.getValue(), p, out);
                    }
                }
            });
        }
        if (v.isArray() && s.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(s.get("items"), v.get(i), path + "[" + i + "]", out);
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
            default -> throw new IllegalStateException("unknown JSON Schema type '" + type + "'");
        };
    }

    private static String brief(JsonNode v) {
        String t = v.isObject() ? "an object" : v.isArray() ? "an array" : v.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
