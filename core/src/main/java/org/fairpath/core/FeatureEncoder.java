package org.fairpath.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lays out a schema's FEATURE attributes as a dense {@code double[]} and encodes profiles into it.
 *
 * <p>Layout, in schema order of the FEATURE attributes (PROTECTED attributes without the FEATURE role are never
 * encoded):
 * <ul>
 *   <li>NUMERIC: one column {@code name@value} holding the number;</li>
 *   <li>ORDINAL: one column {@code name@value} holding the level's position (0 = lowest);</li>
 *   <li>BOOLEAN: one column {@code name@value} holding 1 or 0;</li>
 *   <li>CATEGORICAL: one column {@code name@level} per level (one-hot);</li>
 *   <li>and, for an attribute whose missing policy is INDICATOR, a last column {@code name@missing} that is 1 when
 *       the value is unknown, in which case the attribute's other columns are 0.</li>
 * </ul>
 * Column names follow Tribuo's columnar convention ({@code field@entry}), so a Tribuo {@code Example} built from them
 * matches models trained through Tribuo's own CSV loaders.
 *
 * <p>Immutable and thread-safe. {@link #encode(JobseekerProfile, double[])} writes into a caller-supplied array and
 * allocates nothing.
 */
public final class FeatureEncoder {

    /** What a column holds. */
    public enum ColumnKind {
        /** The attribute's number, ordinal position or 0/1. */
        VALUE,
        /** 1 when a categorical attribute has this column's level, else 0. */
        LEVEL,
        /** 1 when the attribute is unknown, else 0. */
        MISSING
    }

    /**
     * One encoded column.
     *
     * @param index     position in the encoded array
     * @param name      Tribuo-compatible feature name, e.g. {@code region@north}
     * @param attribute the schema attribute it comes from
     * @param kind      what it holds
     * @param level     the level for LEVEL columns, else null
     */
    public record Column(int index, String name, String attribute, ColumnKind kind, String level) {
    }

    private final Schema schema;
    private final List<Column> columns;
    private final List<String> names;
    // One entry per encoded attribute, in layout order.
    private final int[] attributeIndex;
    private final AttributeType[] types;
    private final int[] offset;
    private final int[] valueWidth;
    private final int[] missingColumn;
    private final int width;

    private FeatureEncoder(Schema schema) {
        this.schema = schema;
        List<Attribute> features = schema.withRole(Role.FEATURE);
        int n = features.size();
        attributeIndex = new int[n];
        types = new AttributeType[n];
        offset = new int[n];
        valueWidth = new int[n];
        missingColumn = new int[n];
        List<Column> cols = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Attribute a = features.get(k);
            attributeIndex[k] = schema.indexOf(a.name());
            types[k] = a.type();
            offset[k] = cols.size();
            if (a.type() == AttributeType.CATEGORICAL) {
                for (String level : a.levels()) {
                    cols.add(new Column(cols.size(), a.name() + "@" + level, a.name(), ColumnKind.LEVEL, level));
                }
            } else {
                cols.add(new Column(cols.size(), a.name() + "@value", a.name(), ColumnKind.VALUE, null));
            }
            valueWidth[k] = cols.size() - offset[k];
            if (a.allowsMissing()) {
                missingColumn[k] = cols.size();
                cols.add(new Column(cols.size(), a.name() + "@missing", a.name(), ColumnKind.MISSING, null));
            } else {
                missingColumn[k] = -1;
            }
        }
        this.columns = List.copyOf(cols);
        List<String> nm = new ArrayList<>(cols.size());
        cols.forEach(c -> nm.add(c.name()));
        this.names = Collections.unmodifiableList(nm);
        this.width = cols.size();
    }

    /** The encoder for {@code schema}. */
    public static FeatureEncoder of(Schema schema) {
        return new FeatureEncoder(Objects.requireNonNull(schema, "schema"));
    }

    public Schema schema() {
        return schema;
    }

    /** Number of encoded columns. */
    public int width() {
        return width;
    }

    /** The columns in layout order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names in layout order. */
    public List<String> featureNames() {
        return names;
    }

    /**
     * The positions of the columns that encode {@code attribute}; empty if it is not a FEATURE.
     *
     * @throws IllegalArgumentException naming the known attributes if the schema has no such attribute
     */
    public int[] columnsOf(String attribute) {
        schema.attribute(attribute);
        return columns.stream().filter(c -> c.attribute().equals(attribute)).mapToInt(Column::index).toArray();
    }

    /**
     * Encodes {@code profile} into {@code out}, overwriting all of it. Allocates nothing.
     *
     * @throws IllegalArgumentException if the profile has another schema or {@code out.length != width()}
     */
    public void encode(JobseekerProfile profile, double[] out) {
        if (profile.schema() != schema && !profile.schema().equals(schema)) {
            throw new IllegalArgumentException("profile '" + profile.id() + "' uses schema "
                    + profile.schema().name() + " (" + profile.schema().fingerprint().substring(0, 12)
                    + "), not this encoder's " + schema.name() + " (" + schema.fingerprint().substring(0, 12) + ")");
        }
        if (out.length != width) {
            throw new IllegalArgumentException("out.length is " + out.length + "; it must equal width() = " + width);
        }
        for (int k = 0; k < attributeIndex.length; k++) {
            double code = profile.code(attributeIndex[k]);
            int off = offset[k];
            boolean missing = Double.isNaN(code);
            if (types[k] == AttributeType.CATEGORICAL) {
                for (int j = 0; j < valueWidth[k]; j++) {
                    out[off + j] = 0.0;
                }
                if (!missing) {
                    out[off + (int) code] = 1.0;
                }
            } else {
                out[off] = missing ? 0.0 : code;
            }
            if (missingColumn[k] >= 0) {
                out[missingColumn[k]] = missing ? 1.0 : 0.0;
            }
        }
    }

    /**
     * The FEATURE attribute values that {@code row} encodes, in layout order ({@code null} for unknown): the inverse
     * of {@link #encode(JobseekerProfile, double[])} on the FEATURE attributes.
     *
     * @throws IllegalArgumentException if {@code row} is not a valid encoding (wrong length, a one-hot group without
     *                                  exactly one 1, an indicator not 0 or 1, a missing indicator of 1 with non-zero
     *                                  value columns, a level position that does not exist), naming the column
     */
    public Map<String, Object> decode(double[] row) {
        if (row.length != width) {
            throw new IllegalArgumentException("row.length is " + row.length + "; it must equal width() = " + width);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int k = 0; k < attributeIndex.length; k++) {
            Attribute a = schema.attributes().get(attributeIndex[k]);
            int off = offset[k];
            boolean missing = missingColumn[k] >= 0 && indicator(row, missingColumn[k]);
            double code;
            if (types[k] == AttributeType.CATEGORICAL) {
                int hot = -1;
                for (int j = 0; j < valueWidth[k]; j++) {
                    if (indicator(row, off + j)) {
                        if (hot >= 0 || missing) {
                            throw badRow(off + j, "a second 1 in the one-hot group of " + a.name());
                        }
                        hot = j;
                    }
                }
                if (hot < 0 && !missing) {
                    throw badRow(off, "no level of " + a.name() + " is set and it is not marked missing");
                }
                code = missing ? Double.NaN : hot;
            } else if (missing) {
                if (row[off] != 0.0) {
                    throw badRow(off, a.name() + " is marked missing but its value column is " + row[off]);
                }
                code = Double.NaN;
            } else {
                code = row[off];
                boolean valid = types[k] == AttributeType.BOOLEAN ? code == 0.0 || code == 1.0
                        : types[k] == AttributeType.ORDINAL ? code == Math.rint(code) && code >= 0
                        && code < a.levels().size() : Double.isFinite(code);
                if (!valid) {
                    throw badRow(off, code + " is not a valid encoding of " + a.name());
                }
            }
            values.put(a.name(), JobseekerProfile.decode(a, code));
        }
        return values;
    }

    private boolean indicator(double[] row, int column) {
        double v = row[column];
        if (v != 0.0 && v != 1.0) {
            throw badRow(column, "an indicator must be 0 or 1; got " + v);
        }
        return v == 1.0;
    }

    private IllegalArgumentException badRow(int column, String message) {
        return new IllegalArgumentException("column " + column + " (" + names.get(column) + "): " + message);
    }

    /** Encodes {@code profile} into a new array of length {@link #width()}. */
    public double[] encode(JobseekerProfile profile) {
        double[] out = new double[width];
        encode(profile, out);
        return out;
    }
}
