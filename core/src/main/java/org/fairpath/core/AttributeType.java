package org.fairpath.core;

/** The value type of an attribute; it decides validation, encoding and which rule operators apply. */
public enum AttributeType {
    /** A real number within {@code [min, max]}, optionally whole numbers only. Encoded as one column. */
    NUMERIC,
    /** One of an unordered set of levels. Encoded one-hot, one column per level. */
    CATEGORICAL,
    /** One of an ordered list of levels, lowest first. Encoded as one column holding the level's position. */
    ORDINAL,
    /** {@code true} or {@code false}. Encoded as one column holding 1 or 0. */
    BOOLEAN
}
