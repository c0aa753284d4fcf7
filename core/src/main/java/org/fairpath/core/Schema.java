package org.fairpath.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes a jobseeker profile may hold, with their types, valid values, missing-value policies and roles.
 *
 * <p>Immutable and thread-safe. Load one from JSON ({@link #fromJson(String)}, {@link #load(Path)}), use the shipped
 * {@link #defaultPes()}, or build one with {@link #of(String, List)}. Its {@link #fingerprint()} (SHA-256 of its
 * canonical JSON) identifies it in model bundles and provenance.
 *
 * <p>JSON form (version 1; unknown fields and other versions are rejected):
 * <pre>{@code
 * {"schemaVersion": 1, "name": "pes-default", "attributes": [
 *   {"name": "age", "type": "numeric", "min": 16, "max": 67, "integer": true, "missing": "reject",
 *    "roles": ["protected", "feature", "immutable"], "labels": {"en": "Age", "fr": "Âge"},
 *    "justification": "..."},
 *   {"name": "education_level", "type": "ordinal", "levels": ["none", "lower_secondary", ...], ...}]}
 * }</pre>
 */
public final class Schema {

    /** The version of the JSON form this class reads and writes. */
    public static final int JSON_VERSION = 1;

    private static final String DEFAULT_RESOURCE = "pes-default-schema.json";

    private final String name;
    private final List<Attribute> attributes;
    private final Map<String, Integer> index;
    private final String json;
    private final String fingerprint;

    private Schema(String name, List<Attribute> attributes) {
        this.name = name;
        this.attributes = List.copyOf(attributes);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.attributes.size(); i++) {
            idx.put(this.attributes.get(i).name(), i);
        }
        this.index = idx;
        this.json = SchemaJson.write(this);
        this.fingerprint = Sha256.hex(json);
    }

    /**
     * Builds a schema from attributes in the given order (which is also the order of encoded columns).
     *
     * @throws ValidationException if the name is not of the allowed form, there are no attributes, a name appears
     *                             twice, no attribute is a FEATURE, or an attribute is named {@code id}
     */
    public static Schema of(String name, List<Attribute> attributes) {
        List<Problem> problems = check(name, attributes);
        if (!problems.isEmpty()) {
            throw new ValidationException("schema '" + name + "'", problems);
        }
        return new Schema(name, attributes);
    }

    static List<Problem> check(String name, List<Attribute> attributes) {
        List<Problem> out = new ArrayList<>();
        if (name == null || !Attribute.NAME.matcher(name.replace('-', '_')).matches()) {
            out.add(new Problem("name", Problem.Kind.INVALID_DEFINITION, "schema name '" + name
                    + "' is not allowed; use lower case letters, digits, '_' and '-', starting with a letter"));
        }
        if (attributes.isEmpty()) {
            out.add(new Problem("attributes", Problem.Kind.INVALID_DEFINITION, "a schema needs at least one attribute"));
        }
        Map<String, Integer> seen = new HashMap<>();
        boolean anyFeature = false;
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            Integer first = seen.putIfAbsent(a.name(), i);
            if (first != null) {
                out.add(new Problem("attributes[" + i + "].name", Problem.Kind.INVALID_DEFINITION,
                        "attribute '" + a.name() + "' is defined twice (first at attributes[" + first + "])"));
            }
            if (a.name().equals("id")) {
                out.add(new Problem("attributes[" + i + "].name", Problem.Kind.INVALID_DEFINITION,
                        "'id' is reserved for the jobseeker's pseudonym; choose another attribute name"));
            }
            anyFeature |= a.hasRole(Role.FEATURE);
        }
        if (!attributes.isEmpty() && !anyFeature) {
            out.add(new Problem("attributes", Problem.Kind.INVALID_DEFINITION,
                    "no attribute has role FEATURE; a model needs at least one input"));
        }
        return out;
    }

    /** The default PES schema shipped with fairpath (resource {@code org/fairpath/core/pes-default-schema.json}). */
    public static Schema defaultPes() {
        return DefaultHolder.SCHEMA;
    }

    private static final class DefaultHolder {
        static final Schema SCHEMA = fromResource(DEFAULT_RESOURCE);
    }

    static Schema fromResource(String resource) {
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from fairpath-core");
            }
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a schema from JSON.
     *
     * @throws ValidationException listing every problem (malformed JSON, unknown fields, invalid definitions)
     */
    public static Schema fromJson(String json) {
        return SchemaJson.read(Json.parse(json, "schema"));
    }

    /** Reads a schema from a JSON stream (UTF-8); the stream is not closed. */
    public static Schema fromJson(InputStream in) {
        return SchemaJson.read(Json.parse(in, "schema"));
    }

    /** Reads a schema from a JSON file. */
    public static Schema load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return SchemaJson.read(Json.parse(in, "schema file " + file));
        }
    }

    /** The schema's canonical JSON form (stable key order); {@link #fromJson(String)} reads it back equal. */
    public String toJson() {
        return json;
    }

    /** SHA-256 (hex) of {@link #toJson()}: identifies this schema in bundles and provenance. */
    public String fingerprint() {
        return fingerprint;
    }

    public String name() {
        return name;
    }

    /** The attributes in schema order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    public int size() {
        return attributes.size();
    }

    /**
     * The attribute called {@code name}.
     *
     * @throws IllegalArgumentException naming the known attributes if there is none
     */
    public Attribute attribute(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException(Names.unknown("attribute", name, names()));
        }
        return attributes.get(i);
    }

    public Optional<Attribute> find(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(attributes.get(i));
    }

    /** Position of the attribute called {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The attribute names in schema order. */
    public List<String> names() {
        List<String> l = new ArrayList<>(attributes.size());
        for (Attribute a : attributes) {
            l.add(a.name());
        }
        return l;
    }

    /** The attributes that have {@code role}, in schema order. */
    public List<Attribute> withRole(Role role) {
        List<Attribute> l = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.hasRole(role)) {
                l.add(a);
            }
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Schema && ((Schema) o).fingerprint.equals(fingerprint));
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "Schema[" + name + ", " + attributes.size() + " attributes, " + fingerprint.substring(0, 12) + "]";
    }
}
