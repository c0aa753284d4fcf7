package org.fairpath.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One jobseeker's validated attributes under a {@link Schema}, identified by a pseudonym.
 *
 * <p>Immutable and thread-safe. Every way of making one validates the whole input first and, if anything is wrong,
 * throws one {@link ValidationException} listing every problem: there are no half-built profiles. Values are
 * {@link Double} for NUMERIC, {@link String} (the level) for CATEGORICAL and ORDINAL, {@link Boolean} for BOOLEAN,
 * and absent ({@code null}) when unknown.
 *
 * <p>The {@link #id()} is a pseudonym chosen by the host system (1 to 64 of {@code A-Z a-z 0-9 . _ : -}); it must
 * not be a name, a national identity number or anything else that identifies the person outside that system.
 *
 * <p>JSON form: {@code {"id": "js-0042", "attributes": {"age": 34, "gender": "female", "disability": null, ...}}};
 * an attribute that is absent or {@code null} is unknown.
 */
public final class JobseekerProfile {

    private final Schema schema;
    private final String id;
    /** Internal codes, one per schema attribute: the number, the level index, 0/1, or NaN when unknown. */
    private final double[] codes;

    JobseekerProfile(Schema schema, String id, double[] codes) {
        this.schema = schema;
        this.id = id;
        this.codes = codes;
    }

    /** Starts a profile for the jobseeker with pseudonym {@code id}. */
    public static Builder builder(Schema schema, String id) {
        return new Builder(schema, id);
    }

    /**
     * Validates {@code values} (attribute name to value; {@code null} or absent means unknown) into a profile.
     *
     * @throws ValidationException listing every problem; paths are attribute names
     */
    public static JobseekerProfile of(Schema schema, String id, Map<String, ?> values) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(values, "values");
        return ProfileValidator.validate(schema, id, values, "", "jobseeker profile '" + id + "'");
    }

    /**
     * Reads a profile from its JSON form.
     *
     * @throws ValidationException listing every problem; paths are JSON paths such as {@code attributes.age}
     */
    public static JobseekerProfile fromJson(Schema schema, String json) {
        return ProfileValidator.fromJson(schema, Json.parse(json, "jobseeker profile"));
    }

    /** Reads a profile from a JSON stream (UTF-8); the stream is not closed. */
    public static JobseekerProfile fromJson(Schema schema, InputStream in) {
        return ProfileValidator.fromJson(schema, Json.parse(in, "jobseeker profile"));
    }

    public Schema schema() {
        return schema;
    }

    /** The pseudonym. */
    public String id() {
        return id;
    }

    /**
     * The value of {@code attribute}: a Double, String or Boolean, or null when unknown.
     *
     * @throws IllegalArgumentException naming the known attributes if the schema has no such attribute
     */
    public Object value(String attribute) {
        int i = indexOf(attribute);
        return decode(schema.attributes().get(i), codes[i]);
    }

    /** Whether {@code attribute} is unknown in this profile. */
    public boolean isMissing(String attribute) {
        return Double.isNaN(codes[indexOf(attribute)]);
    }

    /** The known values in schema order (unknown attributes are left out); unmodifiable. */
    public Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            if (!Double.isNaN(codes[i])) {
                Attribute a = schema.attributes().get(i);
                m.put(a.name(), decode(a, codes[i]));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * A copy with {@code attribute} set to {@code value} ({@code null} for unknown), validated like any input.
     *
     * @throws ValidationException if the new value is not allowed
     */
    public JobseekerProfile with(String attribute, Object value) {
        indexOf(attribute);
        Map<String, Object> m = new LinkedHashMap<>(values());
        m.put(attribute, value);
        return of(schema, id, m);
    }

    /** Canonical JSON form (schema order, unknown values written as null); {@link #fromJson} reads it back equal. */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", id);
        ObjectNode attrs = root.putObject("attributes");
        for (int i = 0; i < codes.length; i++) {
            Attribute a = schema.attributes().get(i);
            Object v = decode(a, codes[i]);
            if (v == null) {
                attrs.putNull(a.name());
            } else if (v instanceof Double) {
                double d = (Double) v;
                if (a.isInteger()) {
                    attrs.put(a.name(), (long) d);
                } else {
                    attrs.put(a.name(), d);
                }
            } else if (v instanceof Boolean) {
                attrs.put(a.name(), (Boolean) v);
            } else {
                attrs.put(a.name(), (String) v);
            }
        }
        return Json.write(root);
    }

    /** Code of attribute {@code i}: the number, the level index, 0/1, or NaN when unknown. */
    double code(int i) {
        return codes[i];
    }

    private int indexOf(String attribute) {
        int i = schema.indexOf(attribute);
        if (i < 0) {
            throw new IllegalArgumentException(Names.unknown("attribute", attribute, schema.names()));
        }
        return i;
    }

    static Object decode(Attribute a, double code) {
        if (Double.isNaN(code)) {
            return null;
        }
        switch (a.type()) {
            case NUMERIC:
                return code;
            case BOOLEAN:
                return code != 0;
            default:
                return a.levels().get((int) code);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobseekerProfile)) {
            return false;
        }
        JobseekerProfile p = (JobseekerProfile) o;
        return id.equals(p.id) && schema.equals(p.schema) && Arrays.equals(codes, p.codes);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "JobseekerProfile[" + id + ", " + values() + "]";
    }

    /** Collects values for one profile; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private final Schema schema;
        private final String id;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(Schema schema, String id) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.id = id;
        }

        /** Sets {@code attribute} to {@code value} ({@code null} for unknown); checked in {@link #build()}. */
        public Builder set(String attribute, Object value) {
            values.put(attribute, value);
            return this;
        }

        /** @throws ValidationException listing every problem */
        public JobseekerProfile build() {
            return of(schema, id, values);
        }
    }
}
