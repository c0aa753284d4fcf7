package org.fairpath.core;

import java.util.Objects;

/**
 * One thing wrong with an input: where it is, what kind of problem it is, and what is allowed instead.
 *
 * <p>{@code path} names the field as the caller wrote it: an attribute name ({@code age}) for a profile given
 * as a map or builder, a JSON path ({@code attributes.age}, {@code services[2].eligibility.all[0].op}) for
 * JSON input. {@code kind} is machine-readable so a host system can map it to its own screens; {@code message}
 * is a plain English sentence that says what was found and what is allowed.
 *
 * @param path    where the problem is; never empty ({@code $} for the whole document)
 * @param kind    what kind of problem it is
 * @param message what was found and what is allowed
 */
public record Problem(String path, Kind kind, String message) {

    /** The kinds of problem, stable across versions so callers may switch on them. */
    public enum Kind {
        /** A name that the schema (or catalogue) does not know; the message lists the known names. */
        UNKNOWN_ATTRIBUTE,
        /** A value is required by the schema but absent or null. */
        MISSING_REQUIRED,
        /** A value of the wrong JSON or Java type (text where a number is expected, ...). */
        WRONG_TYPE,
        /** NaN or an infinite number. */
        NOT_FINITE,
        /** A number outside the attribute's valid range. */
        OUT_OF_RANGE,
        /** A fractional number where a whole number is required. */
        NOT_INTEGER,
        /** A level that a categorical or ordinal attribute does not have; the message lists the allowed levels. */
        UNKNOWN_LEVEL,
        /** A jobseeker pseudonym that is missing or not of the allowed form. */
        INVALID_ID,
        /** A schema or catalogue definition that is inconsistent (bad range, duplicate name, missing justification, ...). */
        INVALID_DEFINITION,
        /** Input that is not well-formed JSON, or a document of an unsupported version. */
        MALFORMED
    }

    /**
     * @throws NullPointerException     if any argument is null
     * @throws IllegalArgumentException if {@code path} or {@code message} is blank
     */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank; use '$' for the whole document");
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
