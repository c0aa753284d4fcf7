package org.fairpath.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The one place where JSON input is parsed: bounded (size, depth, string and number length), strict (duplicate
 * keys and trailing content are errors, no NaN literals), and turned into {@link Problem}s rather than parser
 * exceptions.
 */
final class Json {

    /** Largest JSON document accepted, in characters. */
    static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_STRING_LENGTH = 1024 * 1024;
    static final int MAX_NUMBER_LENGTH = 64;

    static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    private static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper m = new ObjectMapper(factory);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        return m;
    }

    /**
     * Parses {@code in} as one JSON document.
     *
     * @throws ValidationException (kind MALFORMED) naming the line and column when it is not well-formed JSON or
     *                             exceeds a limit
     */
    static JsonNode parse(InputStream in, String subject) {
        try {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw malformed(subject, "the document is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw malformed(subject, "not well-formed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + subject, e);
        }
    }

    static JsonNode parse(String json, String subject) {
        return parse(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), subject);
    }

    static ValidationException malformed(String subject, String message) {
        return new ValidationException(subject, List.of(new Problem("$", Problem.Kind.MALFORMED, message)));
    }

    /** Adds a problem for each field of {@code obj} not in {@code allowed}. */
    static void checkFields(JsonNode obj, String path, Set<String> allowed, List<Problem> out) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                out.add(new Problem(join(path, f), Problem.Kind.MALFORMED,
                        "unknown field '" + f + "'; allowed: " + sorted(allowed)));
            }
        }
    }

    /** Checks the {@code schemaVersion} field: present and one of {@code supported}. Returns false if not. */
    static boolean checkVersion(JsonNode root, int supported, List<Problem> out) {
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isInt() || v.intValue() != supported) {
            out.add(new Problem("schemaVersion", Problem.Kind.MALFORMED, "schemaVersion must be " + supported
                    + "; got " + (v == null ? "nothing" : v.toString())));
            return false;
        }
        return true;
    }

    static String text(JsonNode obj, String field, String path, boolean required, List<Problem> out) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                out.add(new Problem(join(path, field), Problem.Kind.MISSING_REQUIRED, "'" + field + "' is required"));
            }
            return null;
        }
        if (!n.isTextual()) {
            out.add(new Problem(join(path, field), Problem.Kind.WRONG_TYPE,
                    "'" + field + "' must be text; got " + describe(n)));
            return null;
        }
        return n.textValue();
    }

    static List<String> texts(JsonNode obj, String field, String path, List<Problem> out) {
        JsonNode n = obj.get(field);
        List<String> values = new ArrayList<>();
        if (n == null || n.isNull()) {
            return values;
        }
        if (!n.isArray()) {
            out.add(new Problem(join(path, field), Problem.Kind.WRONG_TYPE,
                    "'" + field + "' must be an array of text; got " + describe(n)));
            return values;
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                out.add(new Problem(join(path, field) + "[" + i + "]", Problem.Kind.WRONG_TYPE,
                        "must be text; got " + describe(n.get(i))));
            } else {
                values.add(n.get(i).textValue());
            }
        }
        return values;
    }

    static String join(String path, String field) {
        return path.isEmpty() || path.equals("$") ? field : path + "." + field;
    }

    /** A short description of a JSON value for error messages: its type and, for scalars, its value. */
    static String describe(JsonNode n) {
        if (n.isTextual()) {
            String t = n.textValue();
            return "text \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
        }
        if (n.isNumber()) {
            return "number " + n.asText();
        }
        if (n.isBoolean()) {
            return "boolean " + n.asText();
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static List<String> sorted(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        l.sort(null);
        return l;
    }

    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
